"""Which list view for the app's long lists: KivyMD's ``MDRecycleView`` or Kivy's own
``RecycleView``, with the same rows (the app's ``WorkRow``) and data?

Prints ``name: value`` lines: the median and 95th-percentile time of a frame while
10,000 rows scroll top to bottom in 300 steps, for each view, taken in turn (Kivy's,
KivyMD's, Kivy's, KivyMD's) in one process and one window (SDL's offscreen one,
Mesa), frames not capped; and the ratio of KivyMD's to Kivy's.

    python -m bench.list_view
"""

from __future__ import annotations

import statistics
import time

from bench.app_start import list_kv, list_rows
from mobile.tour.driver import WINDOW, configure_kivy

STEPS, SETTLE = 300, 10


def main() -> None:
    configure_kivy(offscreen=True)
    from kivy.config import Config

    Config.set("graphics", "maxfps", "0")
    Config.set("graphics", "width", str(WINDOW[0]))
    Config.set("graphics", "height", str(WINDOW[1]))
    from kivy.clock import Clock
    from kivy.lang import Builder
    from kivy.uix.boxlayout import BoxLayout
    from kivymd.app import MDApp

    from mobile.app import use_chinese_font
    from mobile.widgets import load_all

    rows = list_rows()
    order = ["RecycleView", "MDRecycleView"] * 2
    frames: dict[str, list[float]] = {name: [] for name in order}

    class Lists(MDApp):
        def build(self):
            use_chinese_font(self.theme_cls)
            load_all()
            return BoxLayout()

        def on_start(self):
            Clock.schedule_once(lambda _dt: self.next_view(), 0.5)

        def next_view(self) -> None:
            if not order:
                self.stop()
                return
            name = order.pop(0)
            view = Builder.load_string(list_kv(name, "WorkRow"))
            self.root.clear_widgets()
            self.root.add_widget(view)
            view.data = rows
            state = {"step": -SETTLE, "last": 0.0}

            def frame(_dt) -> bool:
                now = time.perf_counter()
                if state["step"] > 0:
                    frames[name].append(now - state["last"])
                state["last"] = now
                state["step"] += 1
                if state["step"] <= STEPS:
                    view.scroll_y = 1 - max(0, state["step"]) / STEPS
                    return True
                Clock.schedule_once(lambda _dt: self.next_view())
                return False

            Clock.schedule_interval(frame, 0)

    Lists().run()
    print(f"rows: {len(rows)}")
    medians = {}
    for name, times in frames.items():
        times.sort()
        medians[name] = statistics.median(times)
        print(f"frame_median_{name}_ms: {medians[name] * 1000:.2f}")
        print(f"frame_p95_{name}_ms: {times[int(0.95 * len(times))] * 1000:.2f}")
    print(f"frame_ratio_MDRecycleView_to_RecycleView: "
          f"{medians['MDRecycleView'] / medians['RecycleView']:.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
