"""The rail marks the screen shown with its pill, even when an item is tapped again
before the fade of its last marker has ended (KivyMD fades the others over 0.2 s)."""

from kivy.animation import Animation
from kivymd.uix.navigationrail import MDNavigationRailItemIcon


def _marker(item):
    return next(part for part in item.children if isinstance(part, MDNavigationRailItemIcon))


def test_the_screen_tapped_last_keeps_its_marker_after_quick_taps(signed_in):
    driver = signed_in
    driver.go("settings")

    for name in ("sync", "today", "sync"):  # within one frame: no fade has ended
        driver.rail_item(name).dispatch("on_release")
    driver.until(lambda: not Animation._instances, what="the markers to settle")
    driver.frames()

    assert driver.app.shell.ids.screens.current == "sync"
    shown = {item.screen: _marker(item) for item in driver.app.rail.get_items()}
    assert shown["sync"]._alpha == 1 and shown["sync"]._selected_region_width > 0
    assert all(marker._alpha == 0 for name, marker in shown.items() if name != "sync")
    driver.screenshot("rail-quick-taps-zh")
    driver.app.set_language("en")
    driver.frames()
    driver.screenshot("rail-quick-taps-en")
    driver.app.set_language("zh_CN")
