"""The shell's navigation: the rail on a tablet, the bottom bar on a phone (navigation.kv).

An item is hidden from roles that do not use its screen (``ROLE_SCREENS``): its KV rule
gives it no room, and here it takes no touch. Its icon and label keep their size inside
an item of none, and would catch a tap meant for the item beside it.
"""

from __future__ import annotations

from kivy.animation import Animation
from kivy.properties import BooleanProperty, StringProperty
from kivymd.uix.navigationbar import MDNavigationBar, MDNavigationItem
from kivymd.uix.navigationrail import MDNavigationRail, MDNavigationRailItem


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


class Rail(MDNavigationRail):
    def set_active_item(self, item) -> None:
        """KivyMD fades the marker of every item it does not activate, over 0.2 s, and
        shows the activated one's at once: an item tapped again within the fade (Today,
        Units, Today) was active with its marker faded out. Fades in flight stop first."""
        for each in self.get_items():
            for part in each.children:
                Animation.cancel_all(part)
        super().set_active_item(item)

    def _check_anchor(self, *args) -> None:
        """KivyMD's anchoring replaces the items' ``pos_hint`` with a vertical one alone,
        so they stayed centred on the rail's width when they were first laid out: none,
        for a rail made hidden (off its left edge by half an item ever after)."""
        super()._check_anchor(*args)
        items = self.ids.box_items
        items.pos_hint = {**items.pos_hint, "center_x": 0.5}


class Bar(MDNavigationBar):
    pass
