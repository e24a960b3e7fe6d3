"""Sign in: server address (prefilled), account, password; says clearly what went wrong."""

from __future__ import annotations

import threading

from kivy.app import App
from kivy.clock import mainthread
from kivy.properties import BooleanProperty, ObjectProperty
from kivymd.uix.screen import MDScreen

from mobile.services.session import SignInFailed
from sync.errors import AuthRequired


class SignInScreen(MDScreen):
    error = ObjectProperty(None, allownone=True)  # a bilingual Text
    busy = BooleanProperty(False)

    def on_pre_enter(self, *args) -> None:
        app = App.get_running_app()
        who = app.session.current
        self.ids.server.text = who.server_url if who else app.preferences.current.server_url
        if who is not None and not self.ids.account.text:
            self.ids.account.text = who.username
        if who is not None and who.token_refused:
            self.error = AuthRequired.text  # why the sign-in is asked for again

    def sign_in(self) -> None:
        if self.busy:
            return
        self.busy, self.error = True, None
        server, account, password = (
            self.ids.server.text, self.ids.account.text, self.ids.password.text,
        )  # fmt: skip
        session = App.get_running_app().session
        threading.Thread(
            target=self._sign_in, args=(session, server, account, password), daemon=True
        ).start()

    def _sign_in(self, session, server: str, account: str, password: str) -> None:
        try:
            session.sign_in(server, account, password)
        except SignInFailed as failed:
            self._done(failed.text)
        else:
            self._done(None)

    @mainthread
    def _done(self, error) -> None:
        self.busy, self.error = False, error
        if error is None:
            self.ids.password.text = ""
            App.get_running_app().show("today")
