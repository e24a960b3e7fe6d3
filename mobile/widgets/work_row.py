"""One row of a long list (Today's work): big enough to tap standing, in gloves.

Plain Kivy widgets under one rounded background, not KivyMD's: every MDLabel,
MDIcon and MDBoxLayout draws its own (transparent) rounded background, outline
and state layer, five of each a row, and on the software renderer (Mesa's
llvmpipe) drawing those made a fling of 10,000 rows about ten times slower than
bare labels. The colours and type come from the same theme as KivyMD's widgets.
"""

from __future__ import annotations

from kivy.app import App
from kivy.properties import BooleanProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout


class WorkRow(ButtonBehavior, BoxLayout):
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
