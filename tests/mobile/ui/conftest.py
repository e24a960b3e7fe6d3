"""The real app in a real Kivy window (SDL offscreen, Mesa), against the real server.

Kivy allows one Window per process, so the app is built once for the session;
each test drives it from where the last one left it, through ``Driver``
(mobile/tour/driver.py, shared with the demo's tour). Kivy is configured before
it is first imported.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mobile.tour.driver import configure_kivy, start

configure_kivy(offscreen=True)  # before anything opens the window

import pytest  # noqa: E402

sys.path.insert(0, str(Path(__file__).parents[2] / "e2e"))

from real_server import RealServer  # noqa: E402

from server.services.demo import DEMO_PASSWORD  # noqa: E402

ROOT = Path(__file__).resolve().parents[3]
SCREENSHOTS = ROOT / "var" / "screenshots"


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory):
    server = RealServer(tmp_path_factory.mktemp("demo"), demo=True)
    server.start()
    yield server
    server.close()


@pytest.fixture(scope="session")
def driver(tmp_path_factory, demo_server):
    from mobile.app import EstateApp

    app = EstateApp(data_dir=str(tmp_path_factory.mktemp("tablet")), server_url=demo_server.url)
    running = start(app, SCREENSHOTS)
    yield running
    app.stop()


@pytest.fixture
def signed_in(driver, demo_server):
    """The app with the demo patrol officer signed in, on Today."""
    if driver.app.session.needs_sign_in:
        driver.app.session.sign_in(demo_server.url, "xunluo1", DEMO_PASSWORD)
        driver.until(lambda: driver.app.signed_in is not None, what="signed in")
        driver.app.show("today")
        driver.frames(10)  # the rail comes back and lays out its items
    return driver


@pytest.fixture
def signed_out(driver):
    """The app on the sign-in screen with nobody signed in (nothing may wait to sync)."""
    if driver.app.session.current is not None:
        driver.app.session.sign_out()
        driver.app.show("sign_in")
        driver.frames(10)
    return driver
