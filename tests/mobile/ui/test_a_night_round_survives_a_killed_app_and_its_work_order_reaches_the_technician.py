"""The real app in a child process walks part of the demo night route: the gate proven by
scanning a photo of its printed label, the pump room's water level typed out of range with
a photo and a note. The process is SIGKILLed mid-round and started again: the round
resumes with everything, photo included. It is walked to the end (the west wall skipped
with a reason), saved and synced: the server holds exactly that round, its photo
byte-identical, and the work order it opened reaches the assigned technician's tablet on
its next pull. A normal checkpoint takes at most 3 taps after the presence proof."""

from __future__ import annotations

import json
import os
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image

from mobile.services.outbox import StoreOutbox
from mobile.store.store import Store
from server.services.demo import DEMO_PASSWORD
from server.services.labels import cell_origin, cell_size
from sync.engine import SyncEngine
from sync.transport import HttpTransport, TransportSettings

CHILD = Path(__file__).with_name("app_in_a_child.py")
ROOT = Path(__file__).resolve().parents[3]


class App:
    """The app in a child process; its ``EVENT`` lines are what the test waits for."""

    def __init__(self, step: str, data: Path, server_url: str, pictures: Path):
        env = {**os.environ, "XDG_PICTURES_DIR": str(pictures), "PYTHONPATH": str(ROOT)}
        self.process = subprocess.Popen(
            [sys.executable, str(CHILD), step, str(data), server_url, str(pictures)],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        self._lines = selectors.DefaultSelector()
        self._lines.register(self.process.stdout, selectors.EVENT_READ)

    def event(self, name: str, timeout: float = 300.0) -> dict:
        """The next ``EVENT`` line called ``name`` (a timeout only caps a stuck child)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self._lines.select(timeout=deadline - time.monotonic()):
                break
            line = self.process.stdout.readline()
            if not line:
                break  # the child ended
            if line.startswith("EVENT "):
                event = json.loads(line[len("EVENT ") :])
                assert event["event"] == name, event
                return event
        self.process.kill()
        raise AssertionError(f"no {name!r} from the app: {self.process.stderr.read()[-4000:]}")

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(30)

    def ended(self) -> int:
        return self.process.wait(120)


@pytest.fixture
def pictures(tmp_path, demo_server) -> Path:
    """Photos as a patroller takes them: one label each, cut from the printed page, and
    a photo of the pump room."""
    folder = tmp_path / "pictures"
    folder.mkdir()
    demo_server.admin("print-labels", "--estate", "hxy", "--out", str(tmp_path / "labels.png"))
    width, height = cell_size()
    with Image.open(tmp_path / "labels-1.png") as page:
        for index, code in ((0, "HXY-01"), (2, "HXY-03")):
            x, y = cell_origin(index)
            page.crop((x, y, x + width, y + height)).save(folder / f"label-{code}.png")
    Image.effect_mandelbrot((1200, 900), (-2, -1.2, 1, 1.2), 60).convert("RGB").save(
        folder / "pump-room.jpg", quality=92
    )
    return folder


def test_a_round_resumes_after_a_kill_and_reaches_the_server_and_the_technician(
    tmp_path, demo_server, pictures
):
    before = _patrol_rounds(demo_server)  # other tests share the server
    data = tmp_path / "tablet"
    first = App("start", data, demo_server.url, pictures)
    mid = first.event("mid-round")
    first.kill()

    assert mid["gate"]["presence"] == {"method": "scanned", "code": "HXY-01", "gps": None}
    assert mid["gate_taps"] <= 3
    assert mid["pump"]["presence"]["method"] == "scanned" and mid["pump"]["abnormal"]
    photo_bytes = Path(mid["photo_path"]).read_bytes()

    again = App("resume", data, demo_server.url, pictures)
    resumed = again.event("resumed")
    assert resumed["opened_on"] == "patrol" and resumed["in_round"]  # where it stopped
    assert resumed["states"]["HXY-01"] == "visited" and resumed["states"]["HXY-03"] == "visited"
    shown = resumed["shown"]
    assert (shown["level"], shown["pressure"]) == ("0.4", "0.3")
    assert shown["note"] == "水位过低，水泵空转"
    assert shown["level_error"] and shown["photos"] == [mid["photo"]]
    assert len(shown["thumbs"]) == 1 and Path(shown["thumbs"][0]).is_file()

    synced = again.event("synced")
    assert again.ended() == 0
    assert all(taps <= 3 for taps in synced["taps_after_presence"].values())
    assert len(synced["taps_after_presence"]) == 5

    held = demo_server.records([synced["record"]])[synced["record"]]
    assert _patrol_rounds(demo_server) - before == {synced["record"]}
    assert held["complete"] and held["payload"] == synced["payload"]
    visits = held["payload"]["checkpoints"]
    assert [v["checkpoint_id"] for v in visits if v.get("skipped")] == ["hxy-cp-15"]
    assert visits[-1]["skip_reason"] == "西侧围墙外施工封闭，无法进入"
    assert held["photos"] == [mid["photo"]]
    assert demo_server.photo(mid["photo"]) == photo_bytes

    order = _work_order_of(demo_server, synced["record"])
    transport = HttpTransport(TransportSettings(base_url=demo_server.url))
    transport.login(order["technician_id"], DEMO_PASSWORD, "维修平板")
    with Store.open(tmp_path / "technician") as store:
        SyncEngine(StoreOutbox(store), transport).run_once()
        pulled = store.reference.get("work_order", order["id"])
    assert pulled["source_id"] == synced["record"] and pulled["photos"] == [mid["photo"]]


def _patrol_rounds(server) -> set[str]:
    rows = server._query("SELECT id FROM records WHERE kind = 'patrol_round'")
    return {row["id"] for row in rows}


def _work_order_of(server, record_id: str) -> dict:
    rows = server._query("SELECT data FROM reference_items WHERE kind = 'work_order'")
    orders = [r["data"] if isinstance(r["data"], dict) else json.loads(r["data"]) for r in rows]
    (order,) = [o for o in orders if o.get("source_id") == record_id]
    return order
