"""The app is ready (Today shown) with Today's screen alone; the other screens load once
it is drawn, and a screen asked for sooner loads at once. The real app in a real Kivy
window (SDL's offscreen one), in a process of its own: Kivy allows one window a process."""

import json
import subprocess
import sys
from pathlib import Path

from mobile.screens import SCREENS
from mobile.services.session import Estate, SignedIn
from mobile.store.store import Store

ROOT = Path(__file__).resolve().parents[2]
NOWHERE = "http://127.0.0.1:9"  # refused at once: the app stays offline

CHILD = """
import json, sys
from mobile.tour.driver import configure_kivy
configure_kivy(offscreen=True)
from kivy.clock import Clock
from mobile.app import EstateApp
from mobile.screens import SCREENS

app = EstateApp(data_dir=sys.argv[1], server_url=sys.argv[2])
seen = {}

def loaded():
    return sorted(app.shell.ids.screens.screen_names)

def when_ready(*_args):
    seen["at_ready"] = loaded()
    seen["current"] = app.shell.ids.screens.current
    seen["asked_for"] = app.screen("settings").name
    seen["after_asking"] = loaded()

def until_all_loaded(_dt):
    if len(loaded()) > len(SCREENS):  # every screen and the one shown while starting
        seen["later"] = loaded()
        app.stop()
        return False

app.bind(ready=when_ready)
Clock.schedule_interval(until_all_loaded, 0)
app.run()
print(json.dumps(seen))
"""


def signed_in_data_folder(folder: Path) -> Path:
    with Store.open(folder / "store"):
        pass
    who = SignedIn(NOWHERE, "token", 1, "xunluo1", "赵刚", "patrol",
                   (Estate("hxy", "华夏苑"),), "2099-01-01T00:00:00+00:00")  # fmt: skip
    (folder / "session.json").write_text(json.dumps(who.to_dict()), encoding="utf-8")
    return folder


def test_the_app_is_ready_with_today_alone_and_loads_every_other_screen_after(tmp_path):
    data = signed_in_data_folder(tmp_path)

    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(data), NOWHERE],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip

    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["current"] == "today"
    assert seen["at_ready"] == ["starting", "today"]
    assert seen["asked_for"] == "settings"
    assert seen["after_asking"] == ["settings", "starting", "today"]
    assert seen["later"] == sorted(["starting", *SCREENS])
