"""One row of a long list (Today's work): big enough to tap standing, in gloves."""

from __future__ import annotations

from kivy.properties import BooleanProperty, StringProperty
from kivymd.uix.boxlayout import MDBoxLayout


class WorkRow(MDBoxLayout):
    title = StringProperty()
    detail = StringProperty()
    due = StringProperty()
    overdue = BooleanProperty(False)
    icon = StringProperty("clipboard-text-outline")
    key = StringProperty()
