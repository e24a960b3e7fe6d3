"""Sync: progress, what waits, what the server set aside or refused and why, "sync now"."""

from __future__ import annotations

from kivy.app import App
from kivy.properties import NumericProperty
from kivymd.uix.screen import MDScreen

from domain.text import Text
from mobile.services.today import ESTATE_TIME
from mobile.store.records import SyncState
from mobile.widgets.sync_bar import age_text, connection_text, waiting_text
from sync.protocol import CONFLICT_WORK_ORDER_CHANGED

KIND_NAMES = {
    "patrol_round": Text("巡查记录", "Patrol round"),
    "return_visit": Text("业主回访", "Return visit"),
    "repair_check": Text("维修记录", "Repair check"),
    "complaint": Text("投诉", "Complaint"),
}


def refusal_text(reason: dict) -> Text:
    """The server's reason for a record it did not take, and what to do about it."""
    if reason.get("outcome") == "rejected":
        # The server's words for each field ({"field", "code", "message": {"zh", "en"}}).
        said = [e.get("message") or {} for e in reason.get("errors") or []]
        zh = "；".join(message.get("zh", "") for message in said)
        en = "; ".join(message.get("en", "") for message in said)
        return Text(
            f"服务器退回：{zh or '内容有误'}。请修改后重新保存。",
            f"Refused by the server: {en or 'invalid content'}. Edit it and save again.",
        )
    if reason.get("reason") == CONFLICT_WORK_ORDER_CHANGED:
        return Text(
            "工单在服务器上已变更：请选择保留我的记录或采用服务器的工单。",
            "The work order changed on the server: keep your check or take theirs.",
        )
    return Text(
        "与服务器上的版本冲突，等待处理。", "Conflicts with the server's version; needs a person."
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
        refused = app.store.records.list(state=SyncState.REJECTED)
        self.refused_count = len(refused)
        self.ids.refused.data = [
            {
                "key": record.id,
                "kind": "refused",
                "title": app.say(KIND_NAMES.get(record.kind, Text(record.kind, record.kind))),
                "detail": app.say(refusal_text(record.rejection or {})),
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
        age = age_text(view.oldest_age(app.now()))
        return app.say(waiting_text(view)) + (f" · {app.say(age)}" if age else "")

    def bytes_text(self, view) -> str:
        if not view.bytes_total:
            return "—"
        return f"{view.bytes_sent / 1_000_000:.1f} / {view.bytes_total / 1_000_000:.1f} MB"

    def when(self, moment, app, *_rebind_on) -> str:
        if moment is None:
            return app.tr("never")
        return moment.astimezone(ESTATE_TIME).strftime("%Y-%m-%d %H:%M")
