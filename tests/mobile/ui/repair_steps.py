"""Steps of a repair check by taps and touches, shared by the repair UI tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from server.services.demo import DEMO_PASSWORD

ORDER = "hxy-demo-wo-01"  # weixiu1's: 卫生间地漏反水, room 3-1-502


@pytest.fixture
def technician(signed_in, demo_server):
    """The demo technician signed in (a shift change), their work orders pulled; the
    patrol officer the other UI tests expect is signed in again afterwards."""
    driver = signed_in
    driver.app.session.sign_in(demo_server.url, "weixiu1", DEMO_PASSWORD)
    try:
        driver.until(lambda: driver.app.signed_in.username == "weixiu1", what="weixiu1")
        driver.until(lambda: driver.app.repair.orders(), what="weixiu1's work orders pulled")
        yield driver
        driver.until(lambda: driver.app.sync_view.pending_records == 0, what="all sent")
    finally:
        driver.app.session.sign_in(demo_server.url, "xunluo1", DEMO_PASSWORD)
        driver.until(lambda: driver.app.signed_in.username == "xunluo1", what="xunluo1 again")
        driver.until(lambda: driver.app.sync_view.pending_records == 0, what="all sent")


def picture(folder: Path, name: str, colour: tuple[int, int, int]) -> Path:
    """A camera-sized picture with something to see on it."""
    image = Image.new("RGB", (1200, 900), colour)
    pen = ImageDraw.Draw(image)
    for i in range(0, 1200, 100):
        pen.line((i, 0, 1200 - i, 900), fill=(255, 255, 255), width=6)
    path = folder / f"{name}.jpg"
    image.save(path, "JPEG", quality=90)
    return path


def draw(driver, widget, points, touch_id: int = 7) -> None:
    """One finger's stroke through ``points`` (fractions of ``widget`` from its top-left)."""
    from kivy.tests.common import UnitTestTouch

    def at(fx, fy):
        return widget.to_window(widget.x + fx * widget.width, widget.top - fy * widget.height)

    touch = UnitTestTouch(*at(*points[0]))
    touch.id = touch_id
    touch.touch_down()
    for fx, fy in points[1:]:
        touch.touch_move(*at(fx, fy))
        driver.frames(1)
    touch.touch_up()
    driver.frames()


def reveal(driver, widget):
    """Scroll the scroll view holding ``widget`` until it shows; the widget."""
    from kivy.uix.scrollview import ScrollView

    parent = widget.parent
    while parent is not None and not isinstance(parent, ScrollView):
        parent = parent.parent
    if parent is not None:
        parent.scroll_to(widget, padding=10, animate=False)
        driver.frames()
    return widget
