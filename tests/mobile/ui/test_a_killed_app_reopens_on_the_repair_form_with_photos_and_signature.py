"""The app, in a process of its own, is killed (SIGKILL) in the middle of a repair check
with two photos, the owner's signature and a rating; started again on the same data it
opens on that form, everything in place, as the draft kept it at each step."""

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from tests.mobile.ui.repair_steps import picture

ROOT = Path(__file__).resolve().parents[3]
PROCESS = Path(__file__).with_name("repair_app_process.py")


def _start(*args) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, str(PROCESS), *map(str, args)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip


def _line(process: subprocess.Popen, prefix: str) -> dict:
    """The JSON the process prints after ``prefix`` (a stuck process fails the test)."""
    for line in process.stdout:
        if line.startswith(prefix + " "):
            return json.loads(line[len(prefix) + 1 :])
    raise AssertionError(f"the app process ended without {prefix} (exit {process.wait()})")


def test_a_repair_form_killed_mid_way_reopens_with_its_photos_and_signature(demo_server, tmp_path):
    picture(tmp_path, "lock", (120, 100, 90))
    picture(tmp_path, "new-lock", (90, 110, 120))
    data = tmp_path / "tablet"

    filling = _start("fill", data, demo_server.url, tmp_path)
    try:
        before = _line(filling, "READY")
        os.kill(filling.pid, signal.SIGKILL)
        assert filling.wait(timeout=60) == -signal.SIGKILL
    finally:
        if filling.poll() is None:
            filling.kill()
    assert before["photos_before"] and before["photos_after"] and before["signature"]

    reopened = _start("reopen", data, demo_server.url)
    try:
        state = _line(reopened, "STATE")
        reopened.wait(timeout=120)
    finally:
        if reopened.poll() is None:
            reopened.kill()

    assert state["screen"] == "repair"
    assert state["fields"] == before
    shown = state["shown"]
    assert shown["has_order"] and shown["diagnosis"] == "锁芯锈蚀，需更换"
    assert shown["photos_before"] == before["photos_before"]
    assert shown["photos_after"] == before["photos_after"]
    assert shown["thumbnails"] == sorted(before["photos_before"] + before["photos_after"])
    assert shown["signature"] == before["signature"]["strokes"]
    assert shown["result"] == "resolved" and shown["rating"] == 4
