"""Taps, waits and screenshots in the running app, for the UI tests and the demo's tour.

Kivy allows one Window per process and reads its settings when first imported:
call ``configure_kivy`` before anything imports kivy, then ``start`` builds the
app and runs its loop embedded, one frame per ``EventLoop.idle()``, so the
caller drives it: ``Driver.tap`` touches a widget where it is on screen, as a
finger would.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

WINDOW = (1280, 800)  # a landscape tablet
PHONE = (540, 960)  # an upright phone (dp is 1 on a desktop)
_window = {"size": WINDOW}


def configure_kivy(size: tuple[int, int] = WINDOW, offscreen: bool = False) -> None:
    """Kivy's settings for a driven app: no command line, no user config, a window
    of ``size``; ``offscreen`` renders with SDL's offscreen driver (Mesa), with no
    display at all (otherwise the display in ``DISPLAY``, e.g. Xvfb's).

    SDL's offscreen drawable keeps the size it was made with (a window grown later
    draws garbage beyond it), so it is made large enough for a tablet and a phone,
    and ``start`` then gives the window ``size``."""
    home = tempfile.mkdtemp(prefix="kivy-driven-")
    os.environ.update(
        KIVY_NO_ARGS="1",
        KIVY_USE_DEFAULTCONFIG="1",
        KIVY_HOME=home,
        XDG_CONFIG_HOME=home,
        KIVY_NO_CONSOLELOG="1",
    )
    if offscreen:
        os.environ["SDL_VIDEODRIVER"] = "offscreen"
    from kivy.config import Config

    _window["size"] = size
    made = size
    if offscreen:
        made = (max(size[0], WINDOW[0], PHONE[0]), max(size[1], WINDOW[1], PHONE[1]))
    Config.set("graphics", "width", str(made[0]))
    Config.set("graphics", "height", str(made[1]))


def start(app, screenshots: Path | None = None) -> Driver:
    """Build ``app`` and run its loop embedded; the caller advances it frame by frame."""
    from kivy.base import runTouchApp
    from kivy.core.window import Window

    app._run_prepare()
    Window.size = _window["size"]
    runTouchApp(embedded=True)
    running = Driver(app, screenshots)
    running.until(lambda: app.ready, what="the app's store open")
    running.frames(10)
    return running


class Driver:
    """Taps, types, waits and takes screenshots in the running app."""

    def __init__(self, app, screenshots: Path | None = None):
        from kivy.base import EventLoop

        self.app = app
        self.loop = EventLoop
        self.taps = 0
        self.screenshots = screenshots or Path("var") / "screenshots"

    def frames(self, count: int = 3) -> None:
        for _ in range(count):
            self.loop.idle()

    def until(self, condition, timeout: float = 60.0, what: str = "") -> None:
        """Run frames until ``condition()`` holds; fail after ``timeout`` (a stuck run)."""
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError(f"timed out waiting for {what or condition}")
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
        return self.app.screen(name)

    def rail_item(self, name: str):
        """The navigation item that opens screen ``name``: on the rail, or on the bottom
        bar when the window is upright (a phone)."""
        items = self.app.bar.children if self.app.portrait else self.app.rail.get_items()
        return next(i for i in items if i.screen == name)

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
        if not found:
            raise LookupError(f"no button {text!r}")
        return found[0]

    def row(self, recycle_view, key: str):
        """The row of a RecycleView showing ``key`` (scrolled into view first)."""
        keys = [row["key"] for row in recycle_view.data]
        if len(keys) > 1:
            recycle_view.scroll_y = 1 - keys.index(key) / (len(keys) - 1)
        self.frames(3)
        found = [w for w in recycle_view.walk(restrict=True) if getattr(w, "key", None) == key]
        if not found:
            raise LookupError(f"no row {key!r}")
        return found[0]

    def screenshot(self, name: str) -> Path:
        from kivy.animation import Animation
        from kivy.core.window import Window

        # A field's hint floats up, a screen slides in: the picture is of where they end.
        self.until(lambda: not Animation._instances, timeout=30, what="animations to end")
        self.screenshots.mkdir(parents=True, exist_ok=True)
        target = self.screenshots / f"{name}.png"
        written = Window.screenshot(name=str(target))  # Kivy appends a number to the name
        shutil.move(written, target)
        return target
