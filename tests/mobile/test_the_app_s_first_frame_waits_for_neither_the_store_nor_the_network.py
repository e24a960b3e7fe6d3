"""What the app's first frame needs (the app module, the shell's widgets) imports none of
the store, the sync engine, requests or pypinyin: those load after it
(``EstateApp.build_services``), so the window shows before they are read."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AFTER_THE_FIRST_FRAME = ("mobile.store.store", "sync.engine", "requests", "pypinyin")

CHILD = f"""
import sys
from mobile.tour.driver import configure_kivy
configure_kivy(offscreen=True)
import mobile.app
from mobile import widgets
widgets.load_shell()
print(sorted(set({AFTER_THE_FIRST_FRAME!r}) & sys.modules.keys()))
"""


def test_the_app_and_its_shell_import_nothing_that_can_wait_for_the_first_frame():
    done = subprocess.run(
        [sys.executable, "-c", CHILD], cwd=ROOT, capture_output=True, text=True, timeout=120
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
