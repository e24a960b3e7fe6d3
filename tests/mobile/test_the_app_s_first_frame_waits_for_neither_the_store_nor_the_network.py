"""What the app's first frame needs (the app module and its shell: the sync bar over an
empty screen) imports none of the store, the sync engine, requests or pypinyin, nor the
screens, the navigation rail or the domain behind them: those load after it
(``EstateApp.build_services``, ``EstateApp._load_screens``), so the window shows before
they are read."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AFTER_THE_FIRST_FRAME = (
    "mobile.store.store", "sync.engine", "requests", "pypinyin",  # the services
    "domain.records", "kivymd.uix.navigationrail", "mobile.screens",  # the screens, the rail
)  # fmt: skip

CHILD = f"""
import sys
from mobile.tour.driver import configure_kivy
configure_kivy(offscreen=True)
import tempfile
import mobile.app
app = mobile.app.EstateApp(data_dir=tempfile.mkdtemp())
assert app.build().ids.screens.current == "starting"
print(sorted(set({AFTER_THE_FIRST_FRAME!r}) & sys.modules.keys()))
"""


def test_the_app_and_its_shell_import_nothing_that_can_wait_for_the_first_frame():
    done = subprocess.run(
        [sys.executable, "-c", CHILD], cwd=ROOT, capture_output=True, text=True, timeout=120
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
