"""Shift handover (交接班记录): write the note for the next shift; read the ones for me.

Every field change is kept as the draft at once (``HandoverService.keep``), so a killed
app opens on the same note. Whom to hand over to is a tap on a colleague of the estate.
"""

from __future__ import annotations

from kivy.app import App
from kivy.factory import Factory
from kivy.properties import DictProperty, ListProperty, ObjectProperty
from kivymd.uix.screen import MDScreen

from domain.handover import HandoverShift
from domain.text import Text
from mobile.services.forms import FormInvalid
from mobile.services.logs import shown_value

SAVED = Text("交接班记录已保存，将自动同步。", "Handover saved; it will sync by itself.")


class HandoverScreen(MDScreen):
    fields = DictProperty({})
    colleagues = ListProperty([])  # (username, shown) pairs
    received = ListProperty([])  # texts of the notes addressed to me
    errors = DictProperty({})  # field -> Text
    message = ObjectProperty(None, allownone=True)

    def on_kv_post(self, base_widget) -> None:
        App.get_running_app().bind(signed_in=lambda *_a: self.load(), sync_view=self._synced)
        self._pulled_at = None

    def on_pre_enter(self, *args) -> None:
        self.load()

    def resume(self, draft_key: str) -> bool:
        """Whether ``draft_key`` is my note in progress (the app opens on it after a restart;
        ``on_pre_enter`` loads it)."""
        app = App.get_running_app()
        return app.session.current is not None and draft_key == app.handover.draft_key()

    def _synced(self, _app, view) -> None:
        if view.last_success_at != self._pulled_at:
            self._pulled_at = view.last_success_at
            self.load_received()

    def load(self) -> None:
        app = App.get_running_app()
        if app.session.current is None:
            return
        self.colleagues = [(m.username, m.shown) for m in app.handover.colleagues()]
        self.fields = app.handover.current()
        for name in ("events", "open_matters", "equipment"):
            self.ids[name].text = self.fields.get(name, "")
        self.errors = {}
        self.message = None
        self.load_received()

    def load_received(self) -> None:
        app = App.get_running_app()
        if app.session.current is None:
            return
        self.received = [
            {
                "author": note.author,
                "when": shown_value("handed_over_at", note.payload.get("handed_over_at"), "zh"),
                "happened": note.payload.get("events", ""),
                "open_matters": note.payload.get("open_matters", ""),
                "equipment": "、".join(note.payload.get("equipment") or []),
            }
            for note in app.handover.received()
        ]

    def on_colleagues(self, *_args) -> None:
        self._show_receivers()

    def on_fields(self, *_args) -> None:
        for button in self.ids.receivers.children:
            button.chosen = button.username == self.fields.get("to_staff_id")
        self.ids.shift_day.chosen = self.fields.get("shift") == "day"
        self.ids.shift_night.chosen = self.fields.get("shift") == "night"

    def _show_receivers(self) -> None:
        box = self.ids.receivers
        box.clear_widgets()
        for username, shown in self.colleagues:
            button = Factory.ChoiceButton(label=shown)
            button.username = username
            button.chosen = username == self.fields.get("to_staff_id")
            button.bind(on_release=lambda b: self.change("to_staff_id", b.username))
            box.add_widget(button)

    def on_received(self, *_args) -> None:
        box = self.ids.received_list
        box.clear_widgets()
        for note in self.received:
            card = Factory.ReceivedNote()
            for name, value in note.items():
                setattr(card, name, value)
            box.add_widget(card)

    def change(self, name: str, value) -> None:
        """A field changed: keep the draft at once."""
        if self.fields.get(name) == value:
            return
        self.fields = {**self.fields, name: value}
        self.message = None
        App.get_running_app().handover.keep(dict(self.fields))

    def shift_label(self, code: str, app, *_rebind_on) -> str:
        return app.say(HandoverShift(code).label)  # type: ignore[call-arg]

    def error(self, name: str, errors, app, *_rebind_on) -> str:
        text = errors.get(name)
        return app.say(text) if text else ""

    def hand_over(self) -> None:
        app = App.get_running_app()
        try:
            app.handover.hand_over(dict(self.fields))
        except FormInvalid as invalid:
            self.errors = invalid.by_field()
            self.message = invalid.text
            return
        self.load()
        self.message = SAVED
