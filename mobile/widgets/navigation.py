"""The shell's navigation items: the rail's on a tablet, the bottom bar's on a phone.

An item is hidden from roles that do not use its screen (``ROLE_SCREENS``): its KV rule
(mobile/app.kv) gives it no room, and here it takes no touch. Its icon and label keep
their size inside an item of none, and would catch a tap meant for the item beside it.
"""

from __future__ import annotations

from kivy.properties import BooleanProperty, StringProperty
from kivymd.uix.navigationbar import MDNavigationItem
from kivymd.uix.navigationrail import MDNavigationRailItem


class _Destination:
    screen = StringProperty()
    icon = StringProperty()
    text = StringProperty()
    hidden = BooleanProperty(False)

    def on_touch_down(self, touch) -> bool:
        return False if self.hidden else super().on_touch_down(touch)  # type: ignore[misc]


class RailItem(_Destination, MDNavigationRailItem):
    pass


class BarItem(_Destination, MDNavigationItem):
    pass
