"""A record that waits for a person, opened from the Sync screen's list: why it waits, and
the ways out (mobile.services.refused): a new photo in place of a missing or damaged
one, sending it without that photo, or giving it up, which is asked twice."""

from __future__ import annotations

from kivy.app import App
from kivy.properties import BooleanProperty, NumericProperty, ObjectProperty, StringProperty
from kivymd.uix.screen import MDScreen

from domain.text import ExplainedError
from mobile.services.refused import kind_name
from mobile.services.today import ESTATE_TIME


class RefusedScreen(MDScreen):
    title = StringProperty()
    reason = StringProperty()
    bad_photos = NumericProperty(0)  # how many photos set it aside (0: the server refused it)
    confirming = BooleanProperty(False)  # "discard" tapped once: asked again
    message = ObjectProperty(None, allownone=True)  # a bilingual Text: why an action failed

    def on_kv_post(self, base_widget) -> None:
        self._key = ""
        App.get_running_app().bind(language=lambda *_: self._show())

    def open(self, key: str) -> None:
        self._key = key
        self.confirming, self.message = False, None
        self.ids.replacement.photos = []
        self._show()

    def _show(self) -> None:
        app = App.get_running_app()
        found = app.refused.get(self._key) if self._key else None
        if found is None:
            self.title, self.reason, self.bad_photos = "", "", 0
            return
        made = found.record.created_at.astimezone(ESTATE_TIME).strftime("%m-%d %H:%M")
        self.title = f"{app.say(kind_name(found.record.kind))} · {made}"
        self.reason = app.say(found.reason)
        self.bad_photos = len(found.bad_photos)

    # -- what the person does ---------------------------------------------------------------

    def photo_taken(self, sha256: str) -> None:
        self._act(lambda refused: refused.replace_photo(self._key, sha256))

    def send_without_photos(self) -> None:
        self._act(lambda refused: refused.send_without_photos(self._key))

    def ask_to_discard(self) -> None:
        self.confirming = True

    def keep(self) -> None:
        self.confirming = False

    def discard(self) -> None:
        self._act(lambda refused: refused.discard(self._key))

    def _act(self, action) -> None:
        app = App.get_running_app()
        try:
            action(app.refused)
        except ExplainedError as failed:  # it synced or was settled meanwhile, say
            self.message, self.confirming = failed.text, False
            return
        app.show("sync")
