"""One row of a long list (Today's work): big enough to tap standing, in gloves."""

from __future__ import annotations

from kivy.app import App
from kivy.properties import BooleanProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivymd.uix.boxlayout import MDBoxLayout


class WorkRow(ButtonBehavior, MDBoxLayout):
    """A tap opens the work (``app.open_work(kind, key)``)."""

    title = StringProperty()
    detail = StringProperty()
    due = StringProperty()
    overdue = BooleanProperty(False)
    icon = StringProperty("clipboard-text-outline")
    key = StringProperty()
    kind = StringProperty()

    def on_release(self) -> None:
        App.get_running_app().open_work(self.kind, self.key)
