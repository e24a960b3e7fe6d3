"""The app process is killed (SIGKILL) while a complaint is being typed; started again on
the same data folder, it opens on the complaint form with every character typed."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SCREENSHOTS = ROOT / "var" / "screenshots"
APP = Path(__file__).with_name("complaint_app_process.py")
TYPED = {
    "room_query": "3-2-1101",
    "complainant": "王先生",
    "phone": "13800138000",
    "matter": "电梯经常停在三楼不动",
    "demand": "请尽快检修电梯",
}


def _run(*args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, str(APP), *args], env=env, cwd=ROOT)


def test_an_app_killed_mid_complaint_reopens_on_the_form_with_everything_typed(
    tmp_path, demo_server
):
    data, ready, report = tmp_path / "tablet", tmp_path / "ready", tmp_path / "report.json"
    typing = _run("type", str(data), demo_server.url, str(ready))
    try:
        deadline = time.monotonic() + 180
        while not ready.exists():  # a cap on a stuck start, not a wait for time to pass
            assert typing.poll() is None, "the app stopped before it was killed"
            assert time.monotonic() < deadline, "the app never finished typing"
            time.sleep(0.1)
        os.kill(typing.pid, signal.SIGKILL)
        assert typing.wait(timeout=30) == -signal.SIGKILL
    finally:
        if typing.poll() is None:
            typing.kill()

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    reopened = _run("reopen", str(data), demo_server.url, str(report), str(SCREENSHOTS))
    assert reopened.wait(timeout=180) == 0

    opened = json.loads(report.read_text())
    assert (opened["screen"], opened["mode"]) == ("complaint", "intake")
    assert {name: opened["fields"][name] for name in TYPED} == TYPED
