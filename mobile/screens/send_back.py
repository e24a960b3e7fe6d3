"""A record sent back by a supervisor: their comment, the record's text fields prefilled,
and Save, which makes the record's next revision (mobile.services.send_backs)."""

from __future__ import annotations

from kivy.app import App
from kivy.metrics import dp
from kivy.properties import ObjectProperty, StringProperty
from kivymd.uix.screen import MDScreen
from kivymd.uix.textfield import MDTextField, MDTextFieldHelperText, MDTextFieldHintText

from mobile.services.forms import FormInvalid


class SendBackScreen(MDScreen):
    comment = StringProperty()
    message = ObjectProperty(None, allownone=True)  # a bilingual Text

    def open(self, key: str) -> None:
        app = App.get_running_app()
        self._key = key
        self.message = None
        form = app.send_backs.form(key)
        box = self.ids.fields
        box.clear_widgets()
        self._inputs: dict[str, MDTextField] = {}
        if form is None:
            self.comment = ""
            return
        self.comment = form.send_back.comment
        for field in form.fields:
            text_field = MDTextField(
                MDTextFieldHintText(text=app.say(field.label)),
                MDTextFieldHelperText(mode="persistent"),
                text=field.value,
                multiline=True,
                size_hint_y=None,
                height=dp(96),
            )
            box.add_widget(text_field)
            self._inputs[field.path] = text_field

    def save(self) -> None:
        app = App.get_running_app()
        changes = {path: field.text for path, field in self._inputs.items()}
        try:
            app.send_backs.correct(self._key, changes)
        except FormInvalid as invalid:
            self.message = invalid.text
            return
        app.show("today")
