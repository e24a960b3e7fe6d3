"""A record sent back by a supervisor: their comment, the record's text fields prefilled,
and Save, which makes the record's next revision (mobile.services.send_backs)."""

from __future__ import annotations

from kivy.app import App
from kivy.properties import ObjectProperty, StringProperty
from kivymd.uix.screen import MDScreen
from kivymd.uix.textfield import MDTextField, MDTextFieldHelperText, MDTextFieldHintText

from mobile.services.forms import FormInvalid


class SendBackScreen(MDScreen):
    comment = StringProperty()
    message = ObjectProperty(None, allownone=True)  # a bilingual Text

    def on_kv_post(self, base_widget) -> None:
        self._key = ""
        self._inputs: dict[str, MDTextField] = {}
        App.get_running_app().bind(language=self._relabel)

    def _relabel(self, _app, _language) -> None:
        """A text field draws its label once; the form is built again, keeping what was
        typed."""
        if not self._key:
            return
        typed = {path: field.text for path, field in self._inputs.items()}
        message = self.message
        self.open(self._key)
        self.message = message
        for path, text in typed.items():
            if path in self._inputs:
                self._inputs[path].text = text

    def open(self, key: str) -> None:
        app = App.get_running_app()
        self._key = key
        self.message = None
        form = app.send_backs.form(key)
        box = self.ids.fields
        box.clear_widgets()
        self._inputs = {}
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
