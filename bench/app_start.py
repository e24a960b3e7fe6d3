"""How fast does the tablet app show its first frame with a full store, and how smooth
is a long list?

Prints ``name: value`` lines. Each figure is set against a baseline started the same
way in the same run, on the same machine (absolute times on these machines are noisy):

- start: from process start (the parent's clock before it starts the process) to the
  first frame drawn, for the app signed in with 100,000 records and 10,000 reference
  items in its store, against a bare KivyMD app; the median of several alternating
  runs, and their ratio (the goal: at most 1.5). The app's first frame is its shell
  (rail, sync bar) while the store opens on a worker thread; ``ready`` is the first
  frame after that, with Today's list shown.
- fling: the time of a frame while a list of 10,000 records scrolls from top to bottom
  in steps, the app's own rows (Today's ``WorkRow``s, the whole window drawn) against
  a bare Kivy ``RecycleView`` of labels showing the same text in the same font (the
  shipped Noto Sans SC: Kivy's default Roboto draws a cheap box for each Chinese
  character, which made the baseline draw less than the app).
- peak memory (VmHWM) of each process at its first frame, and after the fling.

Every window is SDL's offscreen one (Mesa), so no display is needed; frames are
not capped at 60 per second while measuring.

    python -m bench.app_start            # 7 starts each
    python -m bench.app_start --quick    # 3 starts each
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RECORDS = 100_000
REFERENCE_ITEMS = 10_000
LIST_ROWS = 10_000
FONT = REPO / "assets" / "fonts" / "NotoSansSC-Regular.ttf"  # the app's, for the bare list too
NOWHERE = "http://127.0.0.1:9"  # the app's server: refused at once, so it stays offline


def monotonic() -> float:
    return time.clock_gettime(time.CLOCK_MONOTONIC)  # one clock for every process


def peak_memory_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# -- the tablet's data folder -----------------------------------------------------------


def reference_items() -> list[dict]:
    """10,000 items as a pull brings them: the demo routes, work orders for the
    signed-in person, and rooms for the rest."""
    def item(kind: str, key: str, data: dict) -> dict:
        return {"kind": kind, "key": key, "version": 1, "deleted": False, "data": data}

    checkpoints = [f"cp{n}" for n in range(15)]
    items = [
        item("route", shift, {"id": shift, "estate_id": "hxy", "name": f"{shift} 巡查路线",
                              "shift": shift, "checkpoint_ids": checkpoints,
                              "expected_minutes": 60})
        for shift in ("day", "night")
    ]  # fmt: skip
    created = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
    items += [
        item("work_order", f"wo{n}", {
            "id": f"wo{n}", "technician_id": "xunluo1", "category": "water",
            "description": f"{n} 号工单：管道漏水", "source": "owner", "status": "assigned",
            "created_at": (created + timedelta(minutes=n)).isoformat(), "place": "2栋 泵房",
        })
        for n in range(500)
    ]  # fmt: skip
    rooms = REFERENCE_ITEMS - len(items)
    items += [
        item("room", f"r{n}", {"id": f"r{n}", "unit_id": f"u{n // 100}", "number": str(n)})
        for n in range(rooms)
    ]
    return items


def fill(data: Path) -> None:
    """A data folder signed in as a patrol officer, its store full: 100,000 records
    made over the last 280 days, 4 minutes apart (all but the last 20 synced), and
    10,000 reference items."""
    from bench.store_bench import sample_payload
    from mobile.services.session import Estate, SignedIn
    from mobile.store.store import Store

    made = iter(datetime.now(UTC) - timedelta(minutes=4 * (RECORDS - n)) for n in range(RECORDS))
    with Store.open(data / "store", now=lambda: next(made, datetime.now(UTC))) as store:
        store.reference.apply_page(reference_items(), 1, "xunluo1")
        n = 0
        while n < RECORDS:
            with store.journal.transaction():
                batch = [store.records.create("patrol_round", {**sample_payload(n + i),
                                                               "staff_id": "xunluo1"}).id
                         for i in range(min(5000, RECORDS - n))]  # fmt: skip
            n += len(batch)
            synced = batch if n < RECORDS else batch[:-20]
            store.records.mark_sending(synced)
            store.records.mark_all_synced(dict.fromkeys(synced, 1))
    who = SignedIn(NOWHERE, "token", 1, "xunluo1", "赵刚", "patrol",
                   (Estate("hxy", "华夏苑"),), "2099-01-01T00:00:00+00:00")  # fmt: skip
    (data / "session.json").write_text(json.dumps(who.to_dict()), encoding="utf-8")


# -- the measured processes -------------------------------------------------------------


def child(which: str, data: Path, fling: bool) -> None:
    """Runs in the measured process: start ``which`` app, report the first frame."""
    from mobile.tour.driver import WINDOW, configure_kivy

    configure_kivy(offscreen=True)
    from kivy.config import Config

    Config.set("graphics", "maxfps", "0")
    Config.set("graphics", "width", str(WINDOW[0]))  # the tablet's window, as made
    Config.set("graphics", "height", str(WINDOW[1]))
    from kivy.core.window import Window

    app = bare_app() if which == "bare" else app_under_test(data)

    def first_frame(*_args) -> None:
        Window.unbind(on_flip=first_frame)
        print(f"first_frame_at: {monotonic()!r}", flush=True)
        print(f"peak_mb: {peak_memory_mb():.1f}", flush=True)
        from kivy.clock import Clock

        def when_ready(_dt) -> None:
            if which == "app" and not app.ready:
                Clock.schedule_once(when_ready, 0.05)
            elif fling:
                Clock.schedule_once(lambda _dt: fling_list(app, which), 0.5)
            else:
                Clock.schedule_once(lambda _dt: app.stop(), 0.1)  # after the ready frame

        when_ready(0)

    def ready_frame(*_args) -> None:
        Window.unbind(on_flip=ready_frame)
        print(f"ready_at: {monotonic()!r}", flush=True)

    def started(*_args) -> None:
        Window.bind(on_flip=first_frame)
        if which == "bare":
            Window.bind(on_flip=ready_frame)
        else:  # the first frame after the store opened and Today is shown
            app.bind(ready=lambda *_: Window.bind(on_flip=ready_frame))

    app.bind(on_start=started)
    app.run()


def bare_app():
    from kivymd.app import MDApp
    from kivymd.uix.label import MDLabel
    from kivymd.uix.screen import MDScreen

    class Bare(MDApp):
        def build(self):
            screen = MDScreen()
            screen.add_widget(MDLabel(text="Estate field work", halign="center"))
            return screen

    return Bare()


def app_under_test(data: Path):
    from mobile.app import EstateApp

    return EstateApp(data_dir=str(data), server_url=NOWHERE)


def list_rows() -> list[dict]:
    return [
        {"key": f"r{n}", "kind": "record", "title": f"巡查记录 {n:05d} · 夜间巡查路线",
         "detail": "已同步 · 2026-11-27 21:15", "due": "11-27", "overdue": n % 7 == 0,
         "icon": "walk"}
        for n in range(LIST_ROWS)
    ]  # fmt: skip


def fling_list(app, which: str) -> None:
    """Scroll 10,000 rows top to bottom in 300 frames, one step a frame, the main loop
    drawing as fast as it can; report the median and 95th-percentile time from one
    frame to the next."""
    from kivy.clock import Clock
    from kivy.lang import Builder

    if which == "bare":
        Builder.load_string(BARE_ROW.format(font=FONT))
        view = Builder.load_string(list_kv("RecycleView", "BareRow"))
        app.root.clear_widgets()
        app.root.add_widget(view)
        view.data = [{"text": f"{row['title']}  {row['detail']}"} for row in list_rows()]
    else:
        app.show("today")
        view = app.screen("today").ids.rows
        view.data = list_rows()
    steps, settle = 300, 10
    frames: list[float] = []
    state = {"step": -settle, "last": 0.0}

    def frame(_dt) -> bool:
        """Once a frame (a clock tick, before the frame is drawn): the time since the
        last, and the next step of the scroll."""
        now = time.perf_counter()
        if state["step"] > 0:
            frames.append(now - state["last"])
        state["last"] = now
        state["step"] += 1
        if state["step"] <= steps:
            view.scroll_y = 1 - max(0, state["step"]) / steps
            return True
        frames.sort()
        print(f"frame_median_ms: {statistics.median(frames) * 1000:.2f}", flush=True)
        print(f"frame_p95_ms: {frames[int(0.95 * len(frames))] * 1000:.2f}", flush=True)
        print(f"peak_after_fling_mb: {peak_memory_mb():.1f}", flush=True)
        app.stop()
        return False

    Clock.schedule_interval(frame, 0)


def list_kv(view: str, viewclass: str) -> str:
    """A list of 10,000 rows as Today lays them out, in ``view`` (a RecycleView class)."""
    return f"""
{view}:
    viewclass: "{viewclass}"
    RecycleBoxLayout:
        default_size: None, dp(88)
        default_size_hint: 1, None
        size_hint_y: None
        height: self.minimum_height
        orientation: "vertical"
        spacing: dp(10)
"""


BARE_ROW = """
<BareRow@Label>:
    font_name: "{font}"
"""


def measure(which: str, data: Path, fling: bool = False) -> dict[str, float]:
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    started = monotonic()
    run = subprocess.run(
        [sys.executable, "-m", "bench.app_start", "--child", which, "--data", str(data)]
        + (["--fling"] if fling else []),
        cwd=REPO, env=environment, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    figures = {}
    for line in run.stdout.splitlines():
        name, _, value = line.partition(": ")
        if name in ("first_frame_at", "ready_at", "peak_mb", "frame_median_ms", "frame_p95_ms",
                    "peak_after_fling_mb"):  # fmt: skip
            figures[name] = float(value)
    if "ready_at" not in figures:
        raise RuntimeError(f"{which} showed no frame:\n{run.stderr[-3000:]}")
    figures["start_s"] = figures.pop("first_frame_at") - started
    figures["ready_s"] = figures.pop("ready_at") - started
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--child", choices=("app", "bare"))
    parser.add_argument("--data", type=Path)
    parser.add_argument("--fling", action="store_true")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.data, args.fling)
        return

    runs = 3 if args.quick else 7
    with tempfile.TemporaryDirectory(prefix="app-start-") as folder:
        data = Path(folder) / "tablet"
        started = time.perf_counter()
        fill(data)
        print(f"records: {RECORDS}")
        print(f"reference_items: {REFERENCE_ITEMS}")
        print(f"fill_s: {time.perf_counter() - started:.1f}")
        measure("app", data)  # warms the disk cache and Kivy's, for both
        measure("bare", data)
        app, bare = [], []
        for _ in range(runs):
            app.append(measure("app", data))
            bare.append(measure("bare", data))
        app_s = statistics.median(f["start_s"] for f in app)
        bare_s = statistics.median(f["start_s"] for f in bare)
        print(f"start_app_s: {app_s:.3f}")
        print(f"start_bare_kivymd_s: {bare_s:.3f}")
        print(f"start_ratio: {app_s / bare_s:.2f}")
        ready_s = statistics.median(f["ready_s"] for f in app)
        print(f"ready_app_s: {ready_s:.3f}")  # the store open, Today shown
        print(f"ready_ratio: {ready_s / bare_s:.2f}")
        print(f"start_peak_app_mb: {statistics.median(f['peak_mb'] for f in app):.1f}")
        print(f"start_peak_bare_kivymd_mb: {statistics.median(f['peak_mb'] for f in bare):.1f}")

        app_fling, bare_fling = measure("app", data, fling=True), measure("bare", data, fling=True)
        print(f"fling_rows: {LIST_ROWS}")
        for name, figures in (("app", app_fling), ("bare_recycleview", bare_fling)):
            print(f"fling_frame_median_{name}_ms: {figures['frame_median_ms']:.2f}")
            print(f"fling_frame_p95_{name}_ms: {figures['frame_p95_ms']:.2f}")
            print(f"fling_peak_{name}_mb: {figures['peak_after_fling_mb']:.1f}")
        ratio = app_fling["frame_median_ms"] / bare_fling["frame_median_ms"]
        print(f"fling_frame_ratio: {ratio:.2f}")


if __name__ == "__main__":
    main()
