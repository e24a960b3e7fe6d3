"""The real app process is killed (SIGKILL) while a handover note is being written;
started again on the same data, it opens on the Handover screen with every field as it
was typed. Against the real server (for the sign-in)."""

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

HELPER = Path(__file__).with_name("handover_app_process.py")
ROOT = Path(__file__).resolve().parents[3]
# What the helper types (handover_app_process.py, not imported: it sets up Kivy).
EVENTS = "夜查正常；02:10 3栋车库一辆车未关窗"
EQUIPMENT = "对讲机 2台\n消防控制室钥匙"


def _app(action: str, data_dir: Path, server_url: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(HELPER), action, str(data_dir), server_url],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        text=True,
    )


def test_the_note_comes_back_on_its_screen_after_sigkill(tmp_path, demo_server):
    writer = _app("write", tmp_path, demo_server.url)
    try:
        assert writer.stdout.readline().strip() == "kept"
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=60)
    assert writer.returncode == -signal.SIGKILL

    reopened = _app("reopen", tmp_path, demo_server.url)
    shown = json.loads(reopened.stdout.readline())
    reopened.wait(timeout=120)

    assert shown == {
        "screen": "handover",
        "to_staff_id": "xunluo2",
        "events": EVENTS,
        "equipment": EQUIPMENT,
    }
