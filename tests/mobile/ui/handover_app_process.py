"""The real tablet app in a process of its own, for the kill test.

python handover_app_process.py write <data dir> <server url>
    signs in as xunluo1, types a handover note on the Handover screen, prints
    "kept" once the last change is in the draft, then keeps running (to be killed);
python handover_app_process.py reopen <data dir> <server url>
    starts the app on the same data, prints what it opened on as JSON, and exits.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile

os.environ.update(
    KIVY_NO_ARGS="1",
    KIVY_USE_DEFAULTCONFIG="1",
    KIVY_HOME=tempfile.mkdtemp(prefix="kivy-kill-"),
    KIVY_NO_CONSOLELOG="1",
    SDL_VIDEODRIVER="offscreen",
)

from kivy.base import EventLoop  # noqa: E402

from mobile.app import EstateApp  # noqa: E402
from mobile.tour.driver import start  # noqa: E402
from server.services.demo import DEMO_PASSWORD  # noqa: E402

EVENTS = "夜查正常；02:10 3栋车库一辆车未关窗"
EQUIPMENT = "对讲机 2台\n消防控制室钥匙"


def _frames(count: int) -> None:
    for _ in range(count):
        EventLoop.idle()


def main(action: str, data_dir: str, server_url: str) -> None:
    app = EstateApp(data_dir=data_dir, server_url=server_url)
    start(app)  # until the store is open and the first screen shown
    handover = app.screen("handover")
    if action == "write":
        app.session.sign_in(server_url, "xunluo1", DEMO_PASSWORD)
        while app.signed_in is None:
            EventLoop.idle()
        app.show("handover")
        _frames(5)
        handover.load()
        handover.change("to_staff_id", "xunluo2")
        handover.ids.events.text = EVENTS
        handover.ids.equipment.text = EQUIPMENT
        _frames(3)
        print("kept", flush=True)
        while True:
            EventLoop.idle()
    _frames(10)
    print(
        json.dumps(
            {
                "screen": app.shell.ids.screens.current,
                "to_staff_id": handover.fields.get("to_staff_id"),
                "events": handover.ids.events.text,
                "equipment": handover.ids.equipment.text,
            },
            ensure_ascii=False,
        ),
        flush=True,
    )
    os._exit(0)  # no need to stop the sync runner politely


if __name__ == "__main__":
    main(*sys.argv[1:4])
