"""Settings: language (at once), server, account, storage used, version, sign out."""

from __future__ import annotations

import threading
from pathlib import Path

from kivy.app import App
from kivy.clock import mainthread
from kivy.properties import NumericProperty, ObjectProperty
from kivymd.uix.screen import MDScreen

from domain.text import Text
from mobile.services.session import SignOutRefused

ROLE_NAMES = {
    "patrol": Text("秩序维护员", "Patrol officer"),
    "service": Text("客服专员", "Service staff"),
    "technician": Text("维修工", "Technician"),
    "supervisor": Text("主管", "Supervisor"),
    "admin": Text("管理员", "Administrator"),
}


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


class SettingsScreen(MDScreen):
    storage_bytes = NumericProperty(-1)
    message = ObjectProperty(None, allownone=True)  # a bilingual Text

    def on_pre_enter(self, *args) -> None:
        self.message = None
        folder = App.get_running_app().data_dir
        threading.Thread(target=self._measure, args=(folder,), daemon=True).start()

    def _measure(self, folder: Path) -> None:
        self._measured(folder_size(folder))

    @mainthread
    def _measured(self, size: int) -> None:
        self.storage_bytes = size

    def storage(self, size: int, app, *_rebind_on) -> str:
        return app.tr("measuring…") if size < 0 else megabytes(size)

    def account(self, who, app, *_rebind_on) -> str:
        if who is None:
            return app.tr("nobody")
        role = app.say(ROLE_NAMES.get(who.role, Text(who.role, who.role)))
        return f"{who.display_name} ({who.username}) · {role}"

    def sign_out(self) -> None:
        app = App.get_running_app()
        try:
            app.session.sign_out()
        except SignOutRefused as refused:
            self.message = refused.text
            return
        app.show("sign_in")
