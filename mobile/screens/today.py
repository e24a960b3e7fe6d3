"""Today: my work, overdue first, as a RecycleView (smooth with thousands of rows)."""

from __future__ import annotations

from kivy.app import App
from kivy.properties import NumericProperty
from kivymd.uix.screen import MDScreen

from domain.text import Text
from mobile.services.today import ESTATE_TIME, WorkItem, describe_overdue

ICONS = {
    "route": "walk",
    "work_order": "wrench",
    "visit_task": "account-voice",
    "complaint": "message-alert",
    "send_back": "file-undo",
}


def due_text(item: WorkItem, now) -> Text:
    if item.overdue_by is not None:
        return describe_overdue(item.overdue_by)
    if item.due_at is None:
        return Text("", "")
    due = item.due_at.astimezone(ESTATE_TIME)
    when = due.strftime("%H:%M")
    if due.date() != now.astimezone(ESTATE_TIME).date():
        when = due.strftime("%m-%d %H:%M")
    return Text(f"截止 {when}", f"due {when}")


class TodayScreen(MDScreen):
    count = NumericProperty(0)

    def on_kv_post(self, base_widget) -> None:
        self._pulled_at = None
        app = App.get_running_app()
        app.bind(language=self.refresh, signed_in=self.refresh, sync_view=self._synced)

    def _synced(self, app, view) -> None:
        """After a successful pass (new reference data, perhaps), not on every byte sent."""
        if view.last_success_at != self._pulled_at:
            self._pulled_at = view.last_success_at
            self.refresh()

    def on_pre_enter(self, *args) -> None:
        self.refresh()

    def refresh(self, *_args) -> None:
        """Only while the screen is shown: entering it refreshes it anyway."""
        if self.manager is None or self.manager.current != self.name:
            return
        app = App.get_running_app()
        now = app.now()
        items = app.today.items(now)
        self.count = len(items)
        self.ids.rows.data = [
            {
                "key": item.key,
                "kind": item.kind,
                "title": item.title,
                "detail": app.say(item.detail),
                "due": app.say(due_text(item, now)),
                "overdue": item.overdue,
                "icon": ICONS[item.kind],
            }
            for item in items
        ]
