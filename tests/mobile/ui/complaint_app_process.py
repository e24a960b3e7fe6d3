"""The real app in a process of its own, for the SIGKILL test (not a test module).

    python complaint_app_process.py type   DATA_DIR SERVER_URL READY_FILE
    python complaint_app_process.py reopen DATA_DIR SERVER_URL REPORT_FILE SCREENSHOT_DIR

``type`` signs in the demo service officer, opens a new complaint and types into its
fields character by character, then writes READY_FILE and keeps running until it is
killed. ``reopen`` starts the app on the same data folder and writes what it opened on
(screen, form, every field's text) as JSON to REPORT_FILE, with screenshots (zh, en).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

_HOME = tempfile.mkdtemp(prefix="kivy-app-")
os.environ.update(
    KIVY_NO_ARGS="1",
    KIVY_USE_DEFAULTCONFIG="1",
    KIVY_HOME=_HOME,
    XDG_CONFIG_HOME=_HOME,
    KIVY_NO_CONSOLELOG="1",
    SDL_VIDEODRIVER="offscreen",
)

from kivy.config import Config  # noqa: E402

Config.set("graphics", "width", "1280")
Config.set("graphics", "height", "800")

from kivy.base import EventLoop  # noqa: E402
from kivy.core.window import Window  # noqa: E402

from mobile.app import EstateApp  # noqa: E402
from mobile.tour.driver import start as start_driven  # noqa: E402
from server.services.demo import DEMO_PASSWORD  # noqa: E402

TYPED = {
    "room_query": "3-2-1101",
    "complainant": "王先生",
    "phone": "13800138000",
    "matter": "电梯经常停在三楼不动",
    "demand": "请尽快检修电梯",
}


def frames(count: int) -> None:
    for _ in range(count):
        EventLoop.idle()


def start(data_dir: str, server_url: str) -> EstateApp:
    app = EstateApp(data_dir=data_dir, server_url=server_url)
    start_driven(app)  # until the store is open and the first screen shown
    return app


def type_then_wait(data_dir: str, server_url: str, ready: str) -> None:
    app = start(data_dir, server_url)
    app.session.sign_in(server_url, "kefu1", DEMO_PASSWORD)
    frames(5)
    screen = app.screen("complaint")
    screen.new()
    app.show("complaint")
    frames(10)
    for name, text in TYPED.items():
        field = screen.ids.panel.fields[name]
        field.focus = True
        for character in text:
            field.insert_text(character)
        frames(2)
    Path(ready).write_text(json.dumps({"pid": os.getpid()}))
    while True:  # until killed
        EventLoop.idle()


def reopen(data_dir: str, server_url: str, report: str, shots: str) -> None:
    app = start(data_dir, server_url)
    frames(20)
    screen = app.screen("complaint")
    fields = {name: widget.text for name, widget in screen.ids.panel.fields.items()}
    for language, suffix in (("zh_CN", "zh"), ("en", "en")):
        app.set_language(language)
        frames(10)
        written = Window.screenshot(name=str(Path(shots) / f"complaint-reopened-{suffix}.png"))
        os.replace(written, Path(shots) / f"complaint-reopened-{suffix}.png")
    app.set_language("zh_CN")
    current = app.shell.ids.screens.current
    Path(report).write_text(
        json.dumps({"screen": current, "mode": screen.mode, "fields": fields}, ensure_ascii=False)
    )
    app.stop()


if __name__ == "__main__":
    if sys.argv[1] == "type":
        type_then_wait(*sys.argv[2:5])
    else:
        reopen(*sys.argv[2:6])
