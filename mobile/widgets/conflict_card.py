"""A work-order conflict on the Sync screen: the technician's check beside the server's
order, and the two ways to settle it ("keep mine", "take theirs")."""

from __future__ import annotations

from kivy.properties import StringProperty
from kivymd.uix.boxlayout import MDBoxLayout


class ConflictCard(MDBoxLayout):
    """Dispatches ``on_keep_mine`` or ``on_take_theirs``; the screen does the rest."""

    __events__ = ("on_keep_mine", "on_take_theirs")
    key = StringProperty()  # the record's id
    title = StringProperty()
    mine = StringProperty()
    theirs = StringProperty()

    def on_keep_mine(self) -> None:
        pass

    def on_take_theirs(self) -> None:
        pass
