"""Sync: progress, what waits, what the server set aside or refused and why, work-order
conflicts to settle ("keep mine", "take theirs"), "sync now"."""

from __future__ import annotations

from typing import Any

from kivy.app import App
from kivy.properties import NumericProperty
from kivymd.uix.screen import MDScreen

from domain.repair_check import RepairResult
from domain.text import Text
from domain.work_order import WorkOrderStatus
from mobile.services import conflicts
from mobile.services.refused import kind_name, refusal_text
from mobile.services.today import ESTATE_TIME
from mobile.store.records import StoredRecord, SyncState
from mobile.widgets.conflict_card import ConflictCard
from mobile.widgets.sync_bar import age_text, connection_text, waiting_text


def conflict_texts(record: StoredRecord, order: dict[str, Any]) -> tuple[Text, Text, Text]:
    """The card's title, the technician's check, and the order as the server has it now."""
    mine = record.payload
    result = RepairResult(mine["result"]).label  # type: ignore[call-arg]
    title = Text(f"工单冲突：{mine['description']}", f"Work order conflict: {mine['description']}")
    kept = Text(f"我的记录：{mine['diagnosis']}（{result.zh}）",
                f"Mine: {mine['diagnosis']} ({result.en})")  # fmt: skip
    if order["deleted"]:
        deleted = Text("服务器：此工单已删除。", "The server: this work order was deleted.")
        return title, kept, deleted
    now = order["data"]
    status = WorkOrderStatus(now["status"]).label  # type: ignore[call-arg]
    reassigned = now["technician_id"] != mine["technician_id"]
    to = Text(f"，已改派给 {now['technician_id']}", f", reassigned to {now['technician_id']}")
    theirs = Text(
        f"服务器现在：{status.zh}{to.zh if reassigned else ''} · {now['description']}",
        f"The server now: {status.en}{to.en if reassigned else ''} · {now['description']}",
    )
    return title, kept, theirs


class SyncScreen(MDScreen):
    refused_count = NumericProperty(0)
    conflict_count = NumericProperty(0)

    def on_kv_post(self, base_widget) -> None:
        App.get_running_app().bind(sync_view=self.refresh, language=self.refresh)

    def on_pre_enter(self, *args) -> None:
        self.refresh()

    def sync_now(self) -> None:
        App.get_running_app().runner.sync_now()

    def progress(self, view) -> float:
        return 100.0 * view.bytes_sent / view.bytes_total if view.bytes_total else 0.0

    def keep_mine(self, record_id: str) -> None:
        """The check goes up again, made from the server's current order."""
        app = App.get_running_app()
        conflicts.keep_mine(app.store, record_id)
        app.runner.record_saved()
        self.refresh()

    def take_theirs(self, record_id: str) -> None:
        """The check is given up; the server's order stands."""
        conflicts.take_theirs(App.get_running_app().store, record_id)
        self.refresh()

    def refresh(self, *_args) -> None:
        """The lists, read from the store's index: only while the screen is shown (the
        sync view changes often, and the index of a full store takes a while to scan)."""
        if self.manager is None or self.manager.current != self.name:
            return
        app = App.get_running_app()
        rejected = app.store.records.find(state=SyncState.REJECTED)
        orders = {r.id: conflicts.server_work_order(r) for r in rejected}
        found = [(r, order) for r in rejected if (order := orders[r.id]) is not None]
        self._show_conflicts(app, found)
        refused = [r for r in rejected if orders[r.id] is None]
        self.refused_count = len(refused)
        self.ids.refused.data = [
            {
                "key": record.id,
                "kind": "refused",
                "title": app.say(kind_name(record.kind)),
                "detail": app.say(refusal_text(record.rejection)),
                "due": record.created_at.astimezone(ESTATE_TIME).strftime("%m-%d %H:%M"),
                "overdue": True,
                "icon": "alert-circle-outline",
            }
            for record in refused
        ]

    def _show_conflicts(self, app, found: list[tuple[StoredRecord, dict[str, Any]]]) -> None:
        box = self.ids.conflicts
        box.clear_widgets()
        self.conflict_count = len(found)
        for record, order in found:
            title, mine, theirs = (app.say(text) for text in conflict_texts(record, order))
            card = ConflictCard(key=record.id, title=title, mine=mine, theirs=theirs)
            card.bind(on_keep_mine=lambda c: self.keep_mine(c.key),
                      on_take_theirs=lambda c: self.take_theirs(c.key))  # fmt: skip
            box.add_widget(card)

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
