"""Sync: progress, what waits, what the server set aside or refused and why, "sync now"."""

from __future__ import annotations

from kivy.app import App
from kivy.properties import NumericProperty
from kivymd.uix.screen import MDScreen

from domain.rejection import Rejection
from domain.text import Text
from mobile.services.today import ESTATE_TIME
from mobile.store.records import SyncState
from mobile.widgets.sync_bar import age_text, connection_text, waiting_text

KIND_NAMES = {
    "patrol_round": Text("巡查记录", "Patrol round"),
    "return_visit": Text("业主回访", "Return visit"),
    "repair_check": Text("维修记录", "Repair check"),
    "complaint": Text("投诉", "Complaint"),
}


def refusal_text(rejection: Rejection) -> Text:
    """Why a record waits for a person (the server's words for each field it found
    wrong, when it gave them), and what to do about it."""
    said = [error.message for error in rejection.fields]
    if not said:
        return rejection.message
    return Text(
        "；".join(text.zh for text in said) + "。" + rejection.message.zh,
        "; ".join(text.en for text in said) + ". " + rejection.message.en,
    )


class SyncScreen(MDScreen):
    refused_count = NumericProperty(0)

    def on_kv_post(self, base_widget) -> None:
        App.get_running_app().bind(sync_view=self.refresh, language=self.refresh)

    def on_pre_enter(self, *args) -> None:
        self.refresh()

    def sync_now(self) -> None:
        App.get_running_app().runner.sync_now()

    def progress(self, view) -> float:
        return 100.0 * view.bytes_sent / view.bytes_total if view.bytes_total else 0.0

    def refresh(self, *_args) -> None:
        app = App.get_running_app()
        refused = app.store.records.find(state=SyncState.REJECTED)
        self.refused_count = len(refused)
        self.ids.refused.data = [
            {
                "key": record.id,
                "kind": "refused",
                "title": app.say(KIND_NAMES.get(record.kind, Text(record.kind, record.kind))),
                "detail": app.say(refusal_text(record.rejection)),
                "due": record.created_at.astimezone(ESTATE_TIME).strftime("%m-%d %H:%M"),
                "overdue": True,
                "icon": "alert-circle-outline",
            }
            for record in refused
        ]

    def state_text(self, view, app, *_rebind_on) -> str:
        blocked = app.say(view.blocked)
        return app.say(connection_text(view)) + (f" · {blocked}" if blocked else "")

    def waiting_text(self, view, app, *_rebind_on) -> str:
        """What waits, how old the oldest is, and whose records wait for their own
        sign-in on this tablet (a previous shift's, whose token was refused)."""
        age = age_text(view.oldest_age(app.now()))
        parts = [waiting_text(view), age, view.waiting_for_sign_in]
        return " · ".join(app.say(part) for part in parts if part)

    def bytes_text(self, view) -> str:
        if not view.bytes_total:
            return "—"
        return f"{view.bytes_sent / 1_000_000:.1f} / {view.bytes_total / 1_000_000:.1f} MB"

    def when(self, moment, app, *_rebind_on) -> str:
        if moment is None:
            return app.tr("never")
        return moment.astimezone(ESTATE_TIME).strftime("%Y-%m-%d %H:%M")
