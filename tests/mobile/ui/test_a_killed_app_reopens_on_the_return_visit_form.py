"""The real app process is killed (SIGKILL) while a return visit is half filled; started
again, it opens on the return-visit form with everything that was typed."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mobile.services.outbox import StoreOutbox
from mobile.services.session import Session
from mobile.store.store import Store
from server.services.demo import DEMO_PASSWORD
from sync.engine import SyncEngine
from sync.transport import HttpTransport, TransportSettings

TASK = "hxy-demo-vt-02"  # kefu1's routine visit to 1栋1单元601
ROOT = Path(__file__).resolve().parents[3]
PROCESS = Path(__file__).with_name("visit_app_process.py")


def _signed_in_tablet(data: Path, server_url: str) -> None:
    """kefu1 signed in on a tablet holding the demo reference data, as after a sync."""
    with Store.open(data / "store") as store:
        session = Session(data, store, device_name="kill test tablet")
        session.sign_in(server_url, "kefu1", DEMO_PASSWORD)
        transport = HttpTransport(TransportSettings(server_url), token=session.current.token)
        SyncEngine(StoreOutbox(store), transport).run_once()
        assert store.reference.get("visit_task", TASK) is not None


def _start(mode: str, data: Path, server_url: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(PROCESS), mode, str(data), server_url, TASK],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait_for(path: Path, process: subprocess.Popen, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert process.poll() is None, f"the app exited with {process.returncode}"
        assert time.monotonic() < deadline, f"timed out waiting for {path.name}"
        time.sleep(0.1)
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def app_processes():
    started: list[subprocess.Popen] = []
    yield started
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_a_killed_app_opens_on_the_half_filled_return_visit(tmp_path, demo_server, app_processes):
    data = tmp_path / "tablet"
    _signed_in_tablet(data, demo_server.url)

    filling = _start("fill", data, demo_server.url)
    app_processes.append(filling)
    filled = _wait_for(data / "ready.json", filling)
    os.kill(filling.pid, signal.SIGKILL)
    assert filling.wait(timeout=30) == -signal.SIGKILL

    again = _start("report", data, demo_server.url)
    app_processes.append(again)
    opened = _wait_for(data / "opened.json", again)

    assert opened["screen"] == "return_visit"
    assert opened["heading"].startswith("1栋1单元601")
    assert opened["fields"] == ["楼道灯坏了一周没人修", "请尽快修好三楼楼道灯"]
    assert (filled["method"], filled["satisfaction"], filled["task_id"]) == (
        "phone",
        "dissatisfied",
        TASK,
    )
