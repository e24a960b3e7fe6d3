"""Review (主管查看): the synced logs of my estates, read-only, with filters and detail.

The list is a RecycleView (thousands of records stay smooth); the filters are the
kind, the staff member, the day, abnormal only and overdue only
(``mobile.services.logs``). A tap on a row shows the record with its photos.
"""

from __future__ import annotations

import threading

from kivy.app import App
from kivy.clock import mainthread
from kivy.factory import Factory
from kivy.properties import BooleanProperty, NumericProperty, ObjectProperty, StringProperty
from kivymd.uix.screen import MDScreen

from domain.records import RECORD_KINDS
from domain.text import Text
from mobile.services.logs import KIND_ICONS, KIND_NAMES, LogEntry, LogFilter, detail_lines
from sync.errors import SyncError

ALL = Text("全部", "All")
NOT_HERE = Text("照片下载中（需联网）", "Photo downloading (needs the network)")


class SuperviseScreen(MDScreen):
    kind = StringProperty("")
    staff = StringProperty("")
    day = StringProperty("")
    abnormal_only = BooleanProperty(False)
    overdue_only = BooleanProperty(False)
    count = NumericProperty(0)
    chosen = ObjectProperty(None, allownone=True)  # the LogEntry shown

    def on_kv_post(self, base_widget) -> None:
        app = App.get_running_app()
        app.bind(language=self.refresh, sync_view=self._synced)
        self._pulled_at = None
        for prop in ("kind", "staff", "day", "abnormal_only", "overdue_only"):
            self.bind(**{prop: self.refresh})

    def _synced(self, _app, view) -> None:
        if view.last_success_at != self._pulled_at:
            self._pulled_at = view.last_success_at
            self.refresh()

    def on_pre_enter(self, *args) -> None:
        self.refresh()

    def wanted(self) -> LogFilter:
        return LogFilter(self.kind, self.staff, self.day, self.abnormal_only, self.overdue_only)

    def refresh(self, *_args) -> None:
        app = App.get_running_app()
        if app.session.current is None or app.session.current.role != "supervisor":
            self.ids.rows.data = []
            self.count = 0
            return
        entries = app.logs.entries(self.wanted(), app.now())
        self.count = len(entries)
        self.ids.rows.data = [self._row(entry, app) for entry in entries]
        if self.chosen is not None:
            self.open(self.chosen.id)

    def _row(self, entry: LogEntry, app) -> dict:
        flags = []
        if entry.abnormal:
            flags.append(app.tr("abnormal"))
        if entry.overdue:
            flags.append(app.tr("overdue"))
        return {
            "key": entry.id,
            "kind": "log",  # a tap shows it here (app.open_work)
            "title": f"{app.say(KIND_NAMES[entry.kind])} · {entry.author}",
            "detail": " · ".join([*flags, app.say(entry.summary())]),
            "due": entry.when,
            "overdue": entry.abnormal or entry.overdue,
            "icon": KIND_ICONS[entry.kind],
        }

    # -- filters -----------------------------------------------------------------------

    def kind_label(self, kind: str, app, *_rebind_on) -> str:
        return app.say(KIND_NAMES[kind]) if kind else app.say(ALL)

    def next_kind(self) -> None:
        order = ("", *RECORD_KINDS)
        self.kind = order[(order.index(self.kind) + 1) % len(order)]

    def staff_label(self, staff: str, app, *_rebind_on) -> str:
        return staff or app.say(ALL)

    def next_staff(self) -> None:
        order = ("", *App.get_running_app().logs.authors())
        position = order.index(self.staff) if self.staff in order else 0
        self.staff = order[(position + 1) % len(order)]

    def set_day(self, text: str) -> None:
        self.day = text.strip()

    # -- detail ------------------------------------------------------------------------

    def open(self, record_id: str) -> None:
        app = App.get_running_app()
        entry = app.logs.entry(record_id, app.now())
        self.chosen = entry
        box = self.ids.detail
        box.clear_widgets()
        if entry is None:
            return
        box.add_widget(
            Factory.DetailLine(
                text=f"{app.say(KIND_NAMES[entry.kind])} · {entry.author}", font_style="Title"
            )
        )
        box.add_widget(Factory.DetailLine(text=f"{entry.when} · r{entry.revision}"))
        for sha in entry.photos:
            where = app.reviewed_photos.local(sha)
            if where is not None:
                photo = Factory.DetailPhoto()
                photo.source = str(where)
                photo.sha256 = sha
                box.add_widget(photo)
            else:
                box.add_widget(Factory.DetailLine(text=f"{app.say(NOT_HERE)} ({sha[:8]})"))
                threading.Thread(target=self._fetch, args=(sha, entry.id), daemon=True).start()
        for line in detail_lines(entry, app.language):
            box.add_widget(Factory.DetailLine(text=line))

    def _fetch(self, sha256: str, record_id: str) -> None:
        try:
            App.get_running_app().reviewed_photos.fetch(sha256)
        except SyncError:
            return  # offline or not yet uploaded: the line says so; the next opening tries again
        self._fetched(record_id)

    @mainthread
    def _fetched(self, record_id: str) -> None:
        if self.chosen is not None and self.chosen.id == record_id:
            self.open(record_id)
