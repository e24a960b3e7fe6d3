"""On a phone held upright the rail gives way to a navigation bar at the bottom, and the
screens stack what sits side by side on a tablet; screenshots in Chinese and English."""

from itertools import pairwise

import pytest

from mobile.tour.driver import PHONE
from tests.mobile.ui.accounts import sign_in_as, sign_in_kept


@pytest.fixture
def upright(signed_in):
    from kivy.core.window import Window

    driver = signed_in
    tablet = tuple(Window.size)
    Window.size = PHONE
    driver.until(lambda: driver.app.portrait, what="the window upright")
    yield driver
    Window.size = tablet
    driver.until(lambda: not driver.app.portrait, what="the window back on its side")
    driver.app.set_language("zh_CN")
    driver.go("today")


def test_the_bar_at_the_bottom_opens_each_screen_and_the_rail_is_gone(upright):
    driver = upright
    app = driver.app
    for name in ("today", "patrol", "sync", "settings"):
        driver.go(name)  # taps the bar's item
        assert app.rail.width == 0 and app.bar.height > 0
        assert app.bar.y == 0  # at the bottom edge
        screen = driver.screen(name)
        assert screen.width <= PHONE[0]
        for language, suffix in (("zh_CN", "zh"), ("en", "en")):
            driver.app.set_language(language)
            driver.frames()
            assert all(w.right <= PHONE[0] + 1 for w in screen.walk() if w.width < PHONE[0])
            driver.screenshot(f"phone-{name}-{suffix}")
        driver.app.set_language("zh_CN")
    active = [item.screen for item in app.bar.children if item.active]
    assert active == ["settings"]


def test_the_sync_screen_s_status_rows_stack_on_a_phone(upright):
    driver = upright
    driver.go("sync")
    (grid,) = [w for w in driver.screen("sync").walk() if type(w).__name__ == "MDGridLayout"]
    assert grid.cols == 1


def test_the_bar_shows_the_items_of_whoever_signed_in_last_side_by_side(upright, demo_server):
    """A shift change on the phone: the supervisor's items, laid out, give their room back."""
    driver = upright
    app = driver.app
    with sign_in_kept(driver, demo_server):
        sign_in_as(driver, demo_server, "zhuguan", lambda store: True)
        review = next(item for item in app.bar.children if item.screen == "supervise")
        driver.until(lambda: review.width > 0, what="the supervisor's items laid out")
        sign_in_as(driver, demo_server, "xunluo1", lambda store: True)
        driver.frames()

        shown = sorted((i for i in app.bar.children if not i.hidden), key=lambda i: i.x)
        assert [i.screen for i in shown] == ["today", "patrol", "units", "handover", "sync",
                                             "settings"]  # fmt: skip
        assert {round(i.width) for i in shown} == {PHONE[0] // len(shown)}  # the room shared
        assert shown[0].x >= 0 and shown[-1].right <= PHONE[0] + 1
        assert all(left.right <= right.x + 1 for left, right in pairwise(shown))
        driver.screenshot("phone-after-shift-change-zh")
        app.set_language("en")
        driver.frames()
        driver.screenshot("phone-after-shift-change-en")
        app.set_language("zh_CN")
