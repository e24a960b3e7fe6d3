"""Taking a complaint (投诉) and following it to the end, as the seed's procedure says.

    complaints = ComplaintService(store, forms, rooms=lambda: finder)
    fields = complaints.start(unit="3栋2单元", room="1203", owner="王先生")  # the intake draft
    complaints.change(NEW, fields | {"matter": "..."})    # on every field change: a draft
    complaints.read_back(fields)          # 问清楚: what to read back to the owner
    record = complaints.take(fields)      # 记清楚 + classified: one record, synced later
    complaints.step(record.id, Action.CLOSE, {"result": "...", "owner_feedback": "..."})

The intake (draft ``complaint:new``) records everything 记清楚 asks (complainant, area,
building, unit, room, phone, time, the matter, what the owner wants), the channel, and
the classification: a general complaint with one of the seed's categories, or a major one,
escalated to company leadership at once with the reason told to the owner and a reply
time agreed (without it the domain refuses the record, so it cannot be saved).

Each later step on a saved complaint (start handling, escalate, progress, close, summary)
is a form of its own, draft ``complaint:<record id>``, applied with
``domain.complaint_lifecycle`` and saved as a new revision of the same record. Only the
actions ``available_actions`` allows are offered. Every draft is kept on each change, so a
killed app reopens on the form with everything typed (``is_complaint_draft``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from domain import complaint_lifecycle as lifecycle
from domain.complaint import (
    AGREED_REPLY_TIME_REQUIRED,
    Channel,
    Closure,
    Complaint,
    Escalation,
    ProgressUpdate,
    Severity,
    Summary,
)
from domain.complaint_lifecycle import Action
from domain.deadlines import COMPLAINT_REPLY_WITHIN, deadline
from domain.errors import InvalidRecord, TransitionRefused
from domain.records import COMPLAINT
from domain.text import Text
from domain.validation import FieldError
from mobile.services.forms import FormInvalid, Forms
from mobile.services.today import ESTATE_TIME
from mobile.store.records import StoredRecord
from mobile.store.store import Store

PREFIX = "complaint:"
NEW = PREFIX + "new"
LEADERSHIP = "公司领导"

# The intake's fields, as the form keeps them in its draft.
INTAKE_TEXT = ("complainant", "phone", "area", "building", "unit", "room", "matter", "demand")
ESCALATION_TEXT = ("handed_to", "reason_told_to_owner")


_HOW = {Channel.PHONE: "on the phone", Channel.VISIT: "in person", Channel.LETTER: "by letter"}


@dataclass(frozen=True)
class Followed:
    """A complaint held on this tablet, as the list shows it."""

    record: StoredRecord
    complaint: Complaint
    due_at: datetime | None

    @property
    def place(self) -> str:
        c = self.complaint
        return f"{c.building}{c.unit}{c.room}"


def action_named(value: str) -> Action:
    """The step a form's ``action`` field names."""
    return Action(value)  # type: ignore[call-arg]  # a lookup by value, not Choice's __new__


def draft_key(record_id: str | None) -> str:
    return NEW if record_id is None else PREFIX + record_id


def is_complaint_draft(key: str) -> bool:
    return key.startswith(PREFIX)


def record_of(key: str) -> str | None:
    """The record a step's draft belongs to (None for the intake)."""
    return None if key == NEW else key.removeprefix(PREFIX)


class ComplaintService:
    def __init__(
        self,
        store: Store,
        forms: Forms,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ):
        self.store = store
        self.forms = forms
        self.now = now

    # -- drafts ---------------------------------------------------------------------------

    def draft(self, key: str) -> dict[str, Any] | None:
        found = self.store.drafts.load(key)
        return None if found is None else dict(found.fields)

    def change(self, key: str, fields: Mapping[str, Any]) -> None:
        """Keep what is typed, at once and durably."""
        self.forms.keep_draft(key, fields)

    def discard(self, key: str) -> None:
        self.store.drafts.discard(key)

    # -- intake ---------------------------------------------------------------------------

    def start(self, **prefill: str) -> dict[str, Any]:
        """The intake form: the unfinished one, or a new one (prefilled, for a need found on
        a return visit: ``unit``, ``room``, ``owner``, ``phone``, ``matter`` ...). A prefill
        replaces an unfinished intake only where it says something."""
        fields = self.draft(NEW) or self._blank()
        given = {k: v for k, v in _prefill_fields(prefill).items() if v}
        fields.update(given)
        self.change(NEW, fields)
        return fields

    def _blank(self) -> dict[str, Any]:
        return {
            "channel": Channel.PHONE.value,
            "received_at": self.now().isoformat(),
            **{name: "" for name in INTAKE_TEXT},
            "severity": Severity.GENERAL.value,
            "category": "",
            "handed_to": LEADERSHIP,
            "reason_told_to_owner": "",
            "agreed_reply_at": "",
            "reading_back": False,
        }

    def intake_payload(self, fields: Mapping[str, Any]) -> dict[str, Any]:
        """The record the intake makes: received and classified in one (a major complaint
        escalated, with its reply time when one was agreed)."""
        payload: dict[str, Any] = {name: str(fields.get(name, "")).strip() for name in INTAKE_TEXT}
        payload.update(
            channel=fields["channel"],
            received_at=fields["received_at"],
            severity=fields["severity"],
            category=fields.get("category") or None,
            progress=[],
        )
        if fields["severity"] == Severity.MAJOR.value:
            escalation = {name: str(fields.get(name, "")).strip() for name in ESCALATION_TEXT}
            escalation["escalated_at"] = max(fields["received_at"], self.now().isoformat())
            if fields.get("agreed_reply_at"):
                escalation["agreed_reply_at"] = fields["agreed_reply_at"]
            payload.update(status="escalated", escalation=escalation)
        else:
            payload["status"] = "classified"
        return payload

    def problems(self, fields: Mapping[str, Any]) -> dict[str, Text]:
        """Each intake field's first problem (empty when the complaint can be saved)."""
        errors = self.forms.check(COMPLAINT, self.intake_payload(fields))
        return FormInvalid(errors).by_field() if errors else {}

    def read_back(self, fields: Mapping[str, Any]) -> Text:
        """问清楚: the complaint as understood, to read back to the owner before saving."""
        channel = Channel(fields["channel"])  # type: ignore[call-arg]  # a lookup by value
        place = f"{fields.get('area', '')}{fields['building']}{fields['unit']}{fields['room']}"
        name, phone = fields["complainant"], fields["phone"]
        due = show_time(self.intake_due(fields))
        if fields["severity"] == Severity.MAJOR.value:
            handled = Text(
                f"此事需移交公司领导处理，我们将在 {due} 前答复您。",
                f"This goes to company leadership; we will reply by {due}.",
            )
        else:
            handled = Text(f"我们将在 {due} 前答复您。", f"We will reply by {due}.")
        return Text(
            f"{name}（{phone}），您通过{channel.label.zh}反映：{place}，{fields['matter']}。"
            f"您希望：{fields['demand']}。{handled.zh}请问我理解得对吗？",
            f"{name} ({phone}), you told us {_HOW[channel]} about {place}: "
            f"{fields['matter']}. You would like: {fields['demand']}. {handled.en} "
            "Have I understood you right?",
        )

    def intake_due(self, fields: Mapping[str, Any]) -> str:
        """When the owner gets a reply (ISO; empty while a major one has no agreed time):
        within 24 hours of receipt, or at the time agreed when it goes to leadership."""
        if fields["severity"] == Severity.MAJOR.value:
            return str(fields.get("agreed_reply_at") or "")
        received = datetime.fromisoformat(fields["received_at"])
        return (received + COMPLAINT_REPLY_WITHIN).isoformat()

    def take(self, fields: Mapping[str, Any]) -> StoredRecord:
        """Save the intake as a record (raises ``FormInvalid``, keeping the draft)."""
        return self.forms.submit(NEW, COMPLAINT, self.intake_payload(fields))

    # -- later steps ----------------------------------------------------------------------

    def followed(self) -> list[Followed]:
        """The complaints on this tablet: open ones first (soonest due first), then the
        settled ones, newest first."""
        found = []
        for record in self.store.records.find(kind=COMPLAINT):
            try:
                complaint = Complaint.from_dict(record.payload)
            except InvalidRecord:
                continue
            found.append(Followed(record, complaint, deadline(complaint)))
        far = datetime.max.replace(tzinfo=UTC)
        found.sort(key=lambda f: f.record.created_at, reverse=True)
        found.sort(key=lambda f: (f.due_at is None, f.due_at or far))
        return found

    def get(self, record_id: str) -> Followed:
        record = self.store.records.get(record_id)
        complaint = Complaint.from_dict(record.payload)
        return Followed(record, complaint, deadline(complaint))

    def actions(self, record_id: str) -> tuple[Action, ...]:
        return lifecycle.available_actions(self.get(record_id).complaint)

    def step(self, record_id: str, action: Action, fields: Mapping[str, Any]) -> StoredRecord:
        """Apply ``action`` with the form's ``fields`` and save the new revision. Raises
        ``FormInvalid`` (field errors, named as in the step's form) or
        ``TransitionRefused``; the step's draft is kept until it is saved."""
        followed = self.get(record_id)
        at = self.now()
        try:
            changed = _apply(followed.complaint, action, fields, at)
        except InvalidRecord as invalid:
            raise FormInvalid(invalid.errors) from invalid
        return self.forms.update(
            draft_key(record_id), followed.record.id, COMPLAINT, changed.to_dict()
        )


def _apply(complaint: Complaint, action: Action, fields: Mapping[str, Any], at: datetime):
    def text(name: str) -> str:
        return str(fields.get(name, "")).strip()

    def moment(name: str) -> datetime | None:
        value = fields.get(name)
        return datetime.fromisoformat(value) if value else None

    if action is Action.START_HANDLING:
        promised = moment("promised_at")
        if promised is None:
            raise InvalidRecord([_required("promised_at")])
        return lifecycle.start_handling(
            complaint, department=text("department"), promised_at=promised, at=at
        )
    if action is Action.ESCALATE:
        agreed = moment("agreed_reply_at")
        if agreed is None:
            problem = AGREED_REPLY_TIME_REQUIRED
            raise InvalidRecord([FieldError("agreed_reply_at", problem.code, problem.text)])
        escalation = Escalation(text("handed_to"), text("reason_told_to_owner"), agreed, at)
        return lifecycle.escalate(complaint, escalation=escalation)
    if action is Action.RECORD_PROGRESS:
        update = ProgressUpdate(
            at, text("note"), bool(fields.get("owner_informed")), moment("promised_at")
        )
        return lifecycle.record_progress(complaint, update=update)
    if action is Action.CLOSE:
        closure = Closure(at, text("result"), text("owner_feedback"), text("written_reply"))
        return lifecycle.close(complaint, closure=closure)
    if action is Action.SUMMARISE:
        return lifecycle.summarise(complaint, summary=Summary(at, text("text")))
    raise TransitionRefused("illegal_transition", Text("不能这样操作。", "Not possible."))


def _required(name: str):
    return FieldError(name, "required", Text("必填。", "Required."))


def _prefill_fields(prefill: Mapping[str, str]) -> dict[str, str]:
    """``open_complaint``'s words as the intake's fields (``owner`` is the complainant)."""
    names = {"owner": "complainant", "complainant": "complainant"}
    known = {*INTAKE_TEXT, "channel"}
    fields = {}
    for name, value in prefill.items():
        target = names.get(name, name)
        if target not in known:
            raise TypeError(f"open_complaint has no field {name!r}")
        fields[target] = value
    return fields


def show_time(when: str | datetime | None) -> str:
    """``12-01 18:00`` in estate time (China), or ``—``."""
    if not when:
        return "—"
    moment = datetime.fromisoformat(when) if isinstance(when, str) else when
    return moment.astimezone(ESTATE_TIME).strftime("%m-%d %H:%M")


def reply_choices(now: datetime) -> list[tuple[Text, datetime]]:
    """Times to agree with the owner in one tap: in 2 hours, today 18:00 (when still
    ahead), tomorrow 12:00, tomorrow 18:00, in 3 days."""
    local = now.astimezone(ESTATE_TIME)
    today_18 = local.replace(hour=18, minute=0, second=0, microsecond=0)
    tomorrow = today_18 + timedelta(days=1)
    choices = [(Text("2小时内", "In 2 hours"), now + timedelta(hours=2))]
    if today_18 > local + timedelta(hours=1):
        choices.append((Text("今天 18:00", "Today 18:00"), today_18))
    choices += [
        (Text("明天 12:00", "Tomorrow 12:00"), tomorrow.replace(hour=12)),
        (Text("明天 18:00", "Tomorrow 18:00"), tomorrow),
        (Text("3天内", "In 3 days"), now + timedelta(days=3)),
    ]
    return [(label, at.astimezone(UTC)) for label, at in choices]
