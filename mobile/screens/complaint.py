"""Complaint (投诉): take one as the seed's procedure says, then follow it to the end.

Left, the complaints on this tablet (open ones first, soonest due first; overdue in the
error colour); right, the form (``ComplaintPanel``): the intake (记清楚 and the
classification), the read-back (问清楚) before saving, or a saved complaint with its
deadline and the steps ``available_actions`` allows (跟清楚, 复清楚, the summary).

Every change is kept as a draft at once (``ComplaintService.change``); a killed app opens
on the same form (``resume``). Other screens open the intake prefilled with
``open_complaint(app, unit=..., room=..., owner=..., matter=...)``.
"""

from __future__ import annotations

from typing import Any

from kivy.app import App
from kivy.properties import BooleanProperty, ObjectProperty, StringProperty
from kivymd.uix.screen import MDScreen

from domain.complaint_lifecycle import Action
from domain.text import ExplainedError, Text
from mobile.services.complaint import (
    LEADERSHIP,
    NEW,
    Followed,
    action_named,
    draft_key,
    is_complaint_draft,
    record_of,
    show_time,
)
from mobile.services.forms import FormInvalid
from mobile.services.rooms import RoomFinder
from mobile.services.today import describe_overdue

SAVED = Text("投诉已保存，同步后上报。", "The complaint is saved; it goes up with the next sync.")
STEP_SAVED = Text("已保存。", "Saved.")


def open_complaint(app=None, **prefill: str) -> None:
    """Open the complaint intake, prefilled (``unit``, ``room``, ``building``, ``owner``,
    ``phone``, ``area``, ``matter``, ``demand``, ``channel``): for a need an owner raised on
    a return visit, one tap. An unfinished intake keeps what was typed there."""
    app = app or App.get_running_app()
    app.screen("complaint").new(**prefill)
    app.show("complaint")


class ComplaintScreen(MDScreen):
    mode = StringProperty("")  # "", "intake", "read_back", "detail"
    key = StringProperty("")  # the draft key of the form shown
    message = ObjectProperty(None, allownone=True)  # a bilingual Text
    refused = BooleanProperty(True)  # the message says what stops a save (else: done)

    def on_kv_post(self, base_widget) -> None:
        self.fields: dict[str, Any] = {}
        self.problems: dict[str, Text] = {}
        self.found_rooms: list = []
        self.followed: Followed | None = None
        self._finder: RoomFinder | None = None
        App.get_running_app().bind(language=self.refresh, signed_in=self._signed_in)

    @property
    def complaints(self):
        return App.get_running_app().complaints

    def on_pre_enter(self, *args) -> None:
        self.refresh()

    def resume(self, draft_key: str) -> bool:
        """Reopen the complaint form ``draft_key`` names, if it is one of this screen's."""
        if not is_complaint_draft(draft_key):
            return False
        record_id = record_of(draft_key)
        if record_id is None:
            self.new()
        else:
            self.open_record(record_id)
        return True

    # -- the intake -----------------------------------------------------------------------

    def new(self, **prefill: str) -> None:
        self.key, self.message, self.problems = NEW, None, {}
        self.fields = self.complaints.start(**prefill)
        self.found_rooms = []
        if self.fields.get("room_query") and not self.fields.get("room"):
            self._search(self.fields["room_query"])  # as it was when the app was left
        self.mode = "read_back" if self.fields.get("reading_back") else "intake"
        self.refresh()

    def set(self, name: str, value: Any) -> None:
        """A typed change: kept at once; its problem, if shown, goes when it is fixed."""
        self.fields[name] = value
        self.complaints.change(self.key, self.fields)
        if name in self.problems:
            del self.problems[name]
            widget = self.ids.panel.fields.get(name)
            if widget is not None:
                widget.error, widget.helper.text = False, ""

    def choose(self, name: str, value: Any) -> None:
        """A choice made by a button: kept, and the form shown again."""
        self.problems.pop(name, None)
        self.set(name, value)
        self.refresh()

    def find_room(self, text: str) -> None:
        self.set("room_query", text)
        self._search(text)
        self.ids.panel.show_rooms(self)

    def _search(self, text: str) -> None:
        finder = self._finder
        if finder is None:
            app = App.get_running_app()
            who = app.session.current
            finder = RoomFinder.from_store(app.store, role=who.role, username=who.username)
            self._finder = finder
        self.found_rooms = list(finder.search(text).rooms) if text.strip() else []

    def pick_room(self, room) -> None:
        """Fill the building, unit and room; the owner and phone too when the room has one
        owner the account may see and nobody was typed yet."""
        reference = App.get_running_app().store.reference
        unit = reference.get("unit", room.unit_id) or {}
        building = reference.get("building", room.building_id or "") or {}
        self.fields.update(
            building=building.get("name", ""),
            unit=unit.get("name", ""),
            room=(reference.get("room", room.id) or {}).get("number", ""),
        )
        unit_file = self._finder.unit_file(room.id) if self._finder else None
        owners = unit_file.owners if unit_file else ()
        if len(owners) == 1 and not self.fields.get("complainant"):
            phones = owners[0].get("phones") or [""]
            self.fields.update(complainant=owners[0]["name"], phone=phones[0])
        for name in ("building", "unit", "room", "complainant", "phone"):
            self.problems.pop(name, None)
        self.found_rooms = []
        self.complaints.change(self.key, self.fields)
        self.refresh()

    def read_back(self) -> None:
        """问清楚: only a complete complaint is read back; what is missing is shown in place."""
        self.problems = self._intake_problems()
        if self.problems:
            self.message, self.refused = FormInvalid.text, True
        else:
            self.message = None
            self.fields["reading_back"] = True
            self.complaints.change(self.key, self.fields)
            self.mode = "read_back"
        self.refresh()

    def change_intake(self) -> None:
        self.fields["reading_back"] = False
        self.complaints.change(self.key, self.fields)
        self.mode = "intake"
        self.refresh()

    def confirm(self) -> None:
        try:
            record = self.complaints.take(self.fields)
        except FormInvalid as invalid:
            self.problems = _by_name(invalid)
            self.message, self.refused = invalid.text, True
            self.change_intake()
            return
        self.open_record(record.id, SAVED)

    def discard(self) -> None:
        self.complaints.discard(self.key)
        self.key, self.mode, self.fields, self.problems, self.message = "", "", {}, {}, None
        self.refresh()

    def summary(self) -> Text:
        return self.complaints.read_back(self.fields)

    def due_text(self) -> Text:
        """The intake's deadline: 24 hours from receipt, or the reply time agreed."""
        if self.fields.get("severity") == "major":
            agreed = self.fields.get("agreed_reply_at")
            if not agreed:
                return Text("须约定回复时间", "Agree a reply time")
            return Text(f"答复期限 {show_time(agreed)}", f"Reply by {show_time(agreed)}")
        due = show_time(self.complaints.intake_due(self.fields))
        return Text(f"答复期限 {due}", f"Reply by {due}")

    def _intake_problems(self) -> dict[str, Text]:
        return {_short(name): text for name, text in self.complaints.problems(self.fields).items()}

    # -- a saved complaint ----------------------------------------------------------------

    def open_record(self, record_id: str, message: Text | None = None) -> None:
        self.key, self.mode, self.problems = draft_key(record_id), "detail", {}
        self.message, self.refused = message, False
        self.followed = self.complaints.get(record_id)
        self.fields = self.complaints.draft(self.key) or {}
        self.refresh()

    def _open(self) -> Followed:
        """The saved complaint shown (in the ``detail`` mode)."""
        assert self.followed is not None, "no complaint is open"
        return self.followed

    def actions(self) -> tuple[Action, ...]:
        return self.complaints.actions(self._open().record.id)

    def choose_action(self, action: str) -> None:
        self.problems, self.message = {}, None
        self.fields = {"action": action, **_step_defaults(action_named(action))}
        self.complaints.change(self.key, self.fields)
        self.refresh()

    def save_step(self) -> None:
        record_id = self._open().record.id
        try:
            self.complaints.step(record_id, action_named(self.fields["action"]), self.fields)
        except FormInvalid as invalid:
            self.problems, self.message, self.refused = _by_name(invalid), invalid.text, True
            self.refresh()
            return
        except ExplainedError as refused:
            self.message, self.refused = refused.text, True
            self.refresh()
            return
        self.open_record(record_id, STEP_SAVED)

    def record_due(self) -> tuple[str, bool]:
        app = App.get_running_app()
        due = self._open().due_at
        if due is None:
            return app.say(Text("已办结", "Closed")), False
        now = app.now()
        if now > due:
            return app.say(describe_overdue(now - due)), True
        return app.say(Text(f"答复期限 {show_time(due)}",
                            f"Reply by {show_time(due)}")), False  # fmt: skip

    def facts(self) -> list[str]:
        """What the record holds, one line each, in the app's language."""
        app = App.get_running_app()
        c = self._open().complaint

        def line(zh: str, en: str, value: str) -> str:
            return f"{app.say(Text(zh, en))}：{value}"

        lines = [
            line("受理", "Received", f"{show_time(c.received_at)} · {c.phone}"),
            line("事由", "Matter", c.matter),
            line("诉求", "Wants", c.demand),
        ]
        if c.handling:
            h = c.handling
            lines.append(line("处理", "Handling", f"{h.department} · "
                              f"{show_time(h.promised_at)}"))  # fmt: skip
        if c.escalation:
            e = c.escalation
            lines.append(line("移交", "Escalated", f"{e.handed_to} · {e.reason_told_to_owner} · "
                              f"{show_time(e.agreed_reply_at)}"))  # fmt: skip
        for update in c.progress:
            lines.append(line("跟进", "Progress", f"{show_time(update.at)} {update.note}"))
        if c.closure:
            lines.append(line("结果", "Result", f"{c.closure.result} · {c.closure.owner_feedback}"))
            if c.closure.written_reply:
                lines.append(line("书面回复", "Written reply", c.closure.written_reply))
        if c.summary:
            lines.append(line("总结", "Summary", c.summary.text))
        return lines

    # -- what is shown --------------------------------------------------------------------

    def _signed_in(self, *_args) -> None:
        self._finder = None  # another person may see other owners
        self.refresh()

    def refresh(self, *_args) -> None:
        if self.mode == "detail" and self.followed is not None:
            self.followed = self.complaints.get(self._open().record.id)
        self.refresh_list()
        self.ids.panel.show(self)

    def refresh_list(self) -> None:
        app = App.get_running_app()
        now = app.now()
        rows = []
        for followed in self.complaints.followed():
            c, due = followed.complaint, followed.due_at
            overdue = due is not None and now > due
            if due is None:
                when = app.say(c.status.label)
            elif overdue:
                when = app.say(describe_overdue(now - due))
            else:
                when = app.say(Text(f"答复期限 {show_time(due)}", f"Reply by {show_time(due)}"))
            rows.append({
                "kind": "complaint", "key": followed.record.id,
                "title": f"{followed.place} {c.complainant}", "detail": when,
                "due": "", "overdue": overdue, "icon": "message-alert",
            })  # fmt: skip
        self.ids.rows.data = rows


def _short(name: str) -> str:
    """A field error's name as the form's field: ``closure.result`` → ``result``."""
    return name.rsplit(".", 1)[-1]


def _by_name(invalid: FormInvalid) -> dict[str, Text]:
    return {_short(name): text for name, text in invalid.by_field().items()}


def _step_defaults(action: Action) -> dict[str, Any]:
    if action is Action.ESCALATE:
        return {"handed_to": LEADERSHIP}
    if action is Action.RECORD_PROGRESS:
        return {"owner_informed": True}
    return {}
