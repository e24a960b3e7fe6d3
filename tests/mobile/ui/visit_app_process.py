"""The real tablet app in a process of its own, for the kill test: ``fill`` opens the
demo visit task's return visit and fills it through the form, then says so in
``<data>/ready.json``; ``report`` starts the app and writes what it opened on to
``<data>/opened.json``. Either way the app keeps running until it is killed.

    python tests/mobile/ui/visit_app_process.py fill|report DATA_DIR SERVER_URL TASK_ID
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

os.environ.update(
    KIVY_NO_ARGS="1",
    KIVY_USE_DEFAULTCONFIG="1",
    KIVY_HOME=tempfile.mkdtemp(prefix="kivy-kill-"),
    KIVY_NO_CONSOLELOG="1",
    SDL_VIDEODRIVER="offscreen",
)

from kivy.clock import Clock  # noqa: E402

from mobile.app import EstateApp  # noqa: E402
from mobile.widgets.field import Field  # noqa: E402


def _write(path: Path, data: dict) -> None:
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(partial, path)


def fill(app: EstateApp, data: Path, task_id: str) -> None:
    app.open_work("visit_task", task_id)
    screen = app.screen("return_visit")
    screen.set_method("phone")
    screen.set_satisfaction("dissatisfied")
    screen.add_need()
    feedback, need = [w for w in screen.ids.form.walk(restrict=True) if isinstance(w, Field)]
    feedback.text = "楼道灯坏了一周没人修"  # typed: each change is the draft at once
    need.text = "请尽快修好三楼楼道灯"
    _write(data / "ready.json", app.store.drafts.load("return_visit:current").fields)


def report(app: EstateApp, data: Path) -> None:
    screen = app.screen("return_visit")
    texts = [w.text for w in screen.ids.form.walk(restrict=True) if isinstance(w, Field)]
    _write(
        data / "opened.json",
        {"screen": app.shell.ids.screens.current, "heading": screen.heading, "fields": texts},
    )


def main() -> None:
    mode, data, server_url, task_id = sys.argv[1], Path(sys.argv[2]), sys.argv[3], sys.argv[4]
    app = EstateApp(data_dir=str(data), server_url=server_url)
    step = (lambda: fill(app, data, task_id)) if mode == "fill" else (lambda: report(app, data))
    app.bind(ready=lambda *_args: Clock.schedule_once(lambda _dt: step()))  # the store open
    app.run()


if __name__ == "__main__":
    main()
