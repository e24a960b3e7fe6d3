"""The real app in a real Kivy window (SDL offscreen, Mesa), against the real server.

Kivy allows one Window per process, so the app is built once for the session;
each test drives it from where the last one left it, through ``Driver``. The
environment is set before Kivy is first imported.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

_KIVY_HOME = tempfile.mkdtemp(prefix="kivy-ui-")
os.environ.update(
    KIVY_NO_ARGS="1",
    KIVY_USE_DEFAULTCONFIG="1",
    KIVY_HOME=_KIVY_HOME,
    XDG_CONFIG_HOME=_KIVY_HOME,
    KIVY_NO_CONSOLELOG="1",
    SDL_VIDEODRIVER="offscreen",
)

from kivy.config import Config  # noqa: E402 - before anything opens the window

Config.set("graphics", "width", "1280")
Config.set("graphics", "height", "800")

import pytest  # noqa: E402

sys.path.insert(0, str(Path(__file__).parents[2] / "e2e"))

from real_server import RealServer  # noqa: E402

from server.services.demo import DEMO_PASSWORD  # noqa: E402

ROOT = Path(__file__).resolve().parents[3]
SCREENSHOTS = ROOT / "var" / "screenshots"


class Driver:
    """Taps, types, waits and takes screenshots in the running app."""

    def __init__(self, app):
        from kivy.base import EventLoop

        self.app = app
        self.loop = EventLoop
        self.taps = 0

    def frames(self, count: int = 3) -> None:
        for _ in range(count):
            self.loop.idle()

    def until(self, condition, timeout: float = 60.0, what: str = "") -> None:
        """Run frames until ``condition()`` holds; fail after ``timeout`` (a stuck test)."""
        deadline = time.monotonic() + timeout
        while not condition():
            assert time.monotonic() < deadline, f"timed out waiting for {what or condition}"
            self.loop.idle()
        self.frames()

    def tap(self, widget) -> None:
        from kivy.tests.common import UnitTestTouch

        self.until(lambda: self._settled(widget), timeout=10, what="the layout to settle")
        self._scroll_into_view(widget)
        touch = UnitTestTouch(*widget.to_window(*widget.center))
        touch.touch_down()
        touch.touch_up()
        self.taps += 1
        self.frames()

    def _scroll_into_view(self, widget) -> None:
        """Scroll the scroll view holding ``widget`` (if any) so a tap reaches it, as a
        person scrolls before tapping (a scroll is not a tap)."""
        from kivy.uix.scrollview import ScrollView

        parent = widget.parent
        while parent is not None and not isinstance(parent, ScrollView):
            parent = None if parent.parent is parent else parent.parent  # the window's is itself
        if parent is None:
            return
        x, y = widget.to_window(*widget.center)
        left, bottom = parent.to_window(*parent.pos)
        if not (left <= x <= left + parent.width and bottom <= y <= bottom + parent.height):
            parent.scroll_to(widget, padding=0, animate=False)
            self.frames()

    def _settled(self, widget) -> bool:
        """Whether ``widget`` stayed where it is over the last frame (a widget just added
        moves as its layout and scroll view settle)."""
        before = (widget.to_window(*widget.center), tuple(widget.size))
        self.loop.idle()
        return before == (widget.to_window(*widget.center), tuple(widget.size))

    def screen(self, name: str):
        return self.app.shell.ids.screens.get_screen(name)

    def rail_item(self, name: str):
        return next(i for i in self.app.shell.ids.rail.get_items() if i.screen == name)

    def go(self, name: str) -> None:
        self.tap(self.rail_item(name))
        self.until(lambda: self.app.shell.ids.screens.current == name, what=name)
        self.until(lambda: not self.app.shell.ids.screens.transition.is_active)

    def texts(self, widget) -> list[str]:
        return [
            w.text for w in widget.walk(restrict=True) if isinstance(getattr(w, "text", None), str)
        ]

    def button(self, root, text: str):
        """The MDButton under ``root`` whose text is ``text``."""
        from kivymd.uix.button import MDButton

        found = [
            w for w in root.walk(restrict=True)
            if isinstance(w, MDButton)
            and text in (c.text for c in w.walk(restrict=True) if hasattr(c, "text"))
        ]  # fmt: skip
        assert found, f"no button {text!r}"
        return found[0]

    def row(self, recycle_view, key: str):
        """The row of a RecycleView showing ``key`` (scrolled into view first)."""
        keys = [row["key"] for row in recycle_view.data]
        if len(keys) > 1:
            recycle_view.scroll_y = 1 - keys.index(key) / (len(keys) - 1)
        self.frames(3)
        found = [w for w in recycle_view.walk(restrict=True) if getattr(w, "key", None) == key]
        assert found, f"no row {key!r}"
        return found[0]

    def screenshot(self, name: str) -> Path:
        from kivy.animation import Animation
        from kivy.core.window import Window

        # A field's hint floats up, a screen slides in: the picture is of where they end.
        self.until(lambda: not Animation._instances, timeout=30, what="animations to end")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        written = Window.screenshot(name=str(SCREENSHOTS / f"{name}.png"))
        target = SCREENSHOTS / f"{name}.png"
        shutil.move(written, target)
        return target


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory):
    server = RealServer(tmp_path_factory.mktemp("demo"), demo=True)
    server.start()
    yield server
    server.close()


@pytest.fixture(scope="session")
def driver(tmp_path_factory, demo_server):
    from kivy.base import runTouchApp

    from mobile.app import EstateApp

    app = EstateApp(data_dir=str(tmp_path_factory.mktemp("tablet")), server_url=demo_server.url)
    app._run_prepare()
    runTouchApp(embedded=True)
    running = Driver(app)
    running.frames(10)
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
