"""A complaint (投诉) as recorded, at whatever step of its handling it has reached.

The seed's procedure: receive it by phone, visit or letter and record it in full (记清楚:
complainant, area, unit, room, phone, time, the matter and what the owner wants); classify
it as general or major; handle it (solve it on the spot, or hand it to the department
concerned and tell the owner roughly when), or, when it is major, hand it to company
leadership, tell the owner why and agree a reply time; follow it, telling the owner of
anything special; close it with the result and the owner's feedback; summarise it.
A written complaint gets a written reply.

Each step adds a section to the record; ``status`` says how far it has got. Reading a dict
checks that the sections present fit the status (``domain.complaint_lifecycle`` moves a
complaint from one status to the next).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from domain.choices import Choice
from domain.text import Text
from domain.times import optional_iso, to_iso
from domain.validation import LONG_TEXT, Fields, Problem, build


class Channel(Choice):
    PHONE = "phone", "电话", "Phone"
    VISIT = "visit", "来访", "In person"
    LETTER = "letter", "信函", "Letter"


class ComplaintCategory(Choice):
    """The seed's categories of general complaint (一般投诉)."""

    DECORATION_NOISE = "decoration_noise", "装修噪音施工扰民", "Decoration noise and building work"
    PUBLIC_FACILITY = "public_facility", "公共设施故障", "Public facility fault"
    INDOOR_REPAIR = "indoor_repair", "室内电器及设施维修", "Repairs to appliances and fittings"
    MAIL = "mail", "邮件报纸签收", "Mail and newspapers"
    CLEANING_GREENERY = "cleaning_greenery", "公共区域清洁及园林绿化", "Cleaning and greenery"
    PEST_CONTROL = "pest_control", "鼠虫防治", "Pest control"
    PROPERTY_SERVICE = "property_service", "物业服务问题", "Property services"


class Severity(Choice):
    GENERAL = "general", "一般投诉", "General"
    MAJOR = "major", "重大投诉", "Major"


class ComplaintStatus(Choice):
    RECEIVED = "received", "已受理", "Received"
    CLASSIFIED = "classified", "已分类", "Classified"
    IN_PROGRESS = "in_progress", "处理中", "In progress"
    ESCALATED = "escalated", "已移交公司领导", "Escalated to leadership"
    CLOSED = "closed", "已办结", "Closed"
    SUMMARISED = "summarised", "已总结", "Summarised"


@dataclass(frozen=True)
class Handling:
    """Handed to a department (or handled by the receiver), owner told roughly when."""

    department: str
    promised_at: datetime
    started_at: datetime

    def to_dict(self) -> dict[str, object]:
        return {
            "department": self.department,
            "promised_at": to_iso(self.promised_at),
            "started_at": to_iso(self.started_at),
        }


@dataclass(frozen=True)
class Escalation:
    """A major complaint handed to company leadership, with the reply time agreed."""

    handed_to: str
    reason_told_to_owner: str
    agreed_reply_at: datetime
    escalated_at: datetime

    def to_dict(self) -> dict[str, object]:
        return {
            "handed_to": self.handed_to,
            "reason_told_to_owner": self.reason_told_to_owner,
            "agreed_reply_at": to_iso(self.agreed_reply_at),
            "escalated_at": to_iso(self.escalated_at),
        }


@dataclass(frozen=True)
class ProgressUpdate:
    """A step while following the complaint (跟清楚). ``promised_at`` is a new time agreed
    with the owner when the earlier one cannot be kept; the owner must have been told."""

    at: datetime
    note: str
    owner_informed: bool = False
    promised_at: datetime | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "at": to_iso(self.at),
            "note": self.note,
            "owner_informed": self.owner_informed,
            "promised_at": optional_iso(self.promised_at),
        }


@dataclass(frozen=True)
class Closure:
    """The complaint settled (办结): result, the owner's feedback, and for a letter the
    written reply that was sent."""

    closed_at: datetime
    result: str
    owner_feedback: str
    written_reply: str = ""

    def to_dict(self) -> dict[str, object]:
        return {
            "closed_at": to_iso(self.closed_at),
            "result": self.result,
            "owner_feedback": self.owner_feedback,
            "written_reply": self.written_reply,
        }


@dataclass(frozen=True)
class Summary:
    """What the case teaches (总结): cause, and how to prevent the next one."""

    summarised_at: datetime
    text: str

    def to_dict(self) -> dict[str, object]:
        return {"summarised_at": to_iso(self.summarised_at), "text": self.text}


@dataclass(frozen=True)
class Complaint:
    estate_id: str
    channel: Channel
    received_by: str
    received_at: datetime
    complainant: str
    phone: str
    building: str
    unit: str
    room: str
    matter: str
    demand: str
    area: str = ""
    status: ComplaintStatus = ComplaintStatus.RECEIVED
    category: ComplaintCategory | None = None
    severity: Severity | None = None
    handling: Handling | None = None
    escalation: Escalation | None = None
    progress: tuple[ProgressUpdate, ...] = ()
    closure: Closure | None = None
    summary: Summary | None = None

    def to_dict(self) -> dict[str, object]:
        def section(part: Handling | Escalation | Closure | Summary | None) -> object:
            return None if part is None else part.to_dict()

        return {
            "estate_id": self.estate_id,
            "channel": self.channel.value,
            "received_by": self.received_by,
            "received_at": to_iso(self.received_at),
            "complainant": self.complainant,
            "phone": self.phone,
            "area": self.area,
            "building": self.building,
            "unit": self.unit,
            "room": self.room,
            "matter": self.matter,
            "demand": self.demand,
            "status": self.status.value,
            "category": None if self.category is None else self.category.value,
            "severity": None if self.severity is None else self.severity.value,
            "handling": section(self.handling),
            "escalation": section(self.escalation),
            "progress": [update.to_dict() for update in self.progress],
            "closure": section(self.closure),
            "summary": section(self.summary),
        }

    @classmethod
    def from_dict(cls, data: object) -> Complaint:
        return build(data, read_complaint)


_S = ComplaintStatus
# The statuses in which each later section may appear, and those in which it must.
_ALLOWED_IN = {
    "category": {_S.CLASSIFIED, _S.IN_PROGRESS, _S.ESCALATED, _S.CLOSED, _S.SUMMARISED},
    "severity": {_S.CLASSIFIED, _S.IN_PROGRESS, _S.ESCALATED, _S.CLOSED, _S.SUMMARISED},
    "handling": {_S.IN_PROGRESS, _S.ESCALATED, _S.CLOSED, _S.SUMMARISED},
    "escalation": {_S.ESCALATED, _S.CLOSED, _S.SUMMARISED},
    "progress": {_S.IN_PROGRESS, _S.ESCALATED, _S.CLOSED, _S.SUMMARISED},
    "closure": {_S.CLOSED, _S.SUMMARISED},
    "summary": {_S.SUMMARISED},
}
_REQUIRED_IN = {
    "category": _ALLOWED_IN["category"],
    "severity": _ALLOWED_IN["severity"],
    "handling": {_S.IN_PROGRESS},
    "escalation": {_S.ESCALATED},
    "closure": _ALLOWED_IN["closure"],
    "summary": _ALLOWED_IN["summary"],
}

AGREED_REPLY_TIME_REQUIRED = Problem(
    "agreed_reply_time_required",
    Text(
        "重大投诉须移交公司领导处理，并与业主约定回复时间。",
        "A major complaint goes to company leadership with a reply time agreed with the owner.",
    ),
)
_WRITTEN_REPLY_REQUIRED = Problem(
    "written_reply_required",
    Text("书面投诉须以书面形式回复业主。", "A written complaint needs a written reply."),
)
_NOT_YET = Problem(
    "not_allowed_in_status",
    Text("投诉尚未进行到这一步，不应有此项。", "The complaint has not reached this step yet."),
)
_SEVERITY_MISMATCH = Problem(
    "severity_mismatch",
    Text("已移交公司领导的投诉应为重大投诉。", "A complaint escalated to leadership is major."),
)
_BEFORE_RECEIVED = Problem(
    "before_received",
    Text("时间早于投诉受理时间。", "This time is before the complaint was received."),
)
_REPLY_BEFORE_ESCALATION = Problem(
    "reply_time_before_escalation",
    Text("约定回复时间应晚于移交时间。", "The agreed reply time must be after the escalation."),
)
_PROMISE_BEFORE_START = Problem(
    "promised_before_start",
    Text(
        "告知业主的处理时间应晚于开始处理时间。",
        "The time promised to the owner must be after handling began.",
    ),
)
_OWNER_NOT_INFORMED = Problem(
    "owner_must_be_informed",
    Text("更改约定时间须告知业主。", "A new promised time must be told to the owner."),
)


def _read_handling(f: Fields) -> Handling | None:
    started_at, promised_at = f.moment("started_at"), f.moment("promised_at")
    if started_at and promised_at and promised_at < started_at:
        f.add("promised_at", _PROMISE_BEFORE_START)
    handling = Handling(f.text("department"), promised_at, started_at)
    return handling if f.clean else None


def _read_escalation(f: Fields) -> Escalation | None:
    escalated_at = f.moment("escalated_at")
    agreed_reply_at = f.moment("agreed_reply_at", required=False)
    if not f.present("agreed_reply_at"):
        f.add("agreed_reply_at", AGREED_REPLY_TIME_REQUIRED)
    elif agreed_reply_at and escalated_at and agreed_reply_at <= escalated_at:
        f.add("agreed_reply_at", _REPLY_BEFORE_ESCALATION)
    handed_to = f.text("handed_to")
    reason_told_to_owner = f.text("reason_told_to_owner", max_length=LONG_TEXT)
    # A missing agreed reply time has been reported above, so it is set when clean.
    if not f.clean or agreed_reply_at is None:
        return None
    return Escalation(handed_to, reason_told_to_owner, agreed_reply_at, escalated_at)


def _read_progress(f: Fields, received_at: datetime | None) -> ProgressUpdate | None:
    at = f.moment("at")
    if at and received_at and at < received_at:
        f.add("at", _BEFORE_RECEIVED)
    owner_informed, promised_at = f.flag("owner_informed"), f.moment("promised_at", required=False)
    if promised_at and not owner_informed:
        f.add("owner_informed", _OWNER_NOT_INFORMED)
    update = ProgressUpdate(at, f.text("note", max_length=LONG_TEXT), owner_informed, promised_at)
    return update if f.clean else None


def _closure_reader(written: bool) -> Callable[[Fields], Closure | None]:
    def read(f: Fields) -> Closure | None:
        written_reply = f.text("written_reply", required=False, max_length=LONG_TEXT)
        if written and not written_reply:
            f.add("written_reply", _WRITTEN_REPLY_REQUIRED)
        closure = Closure(
            f.moment("closed_at"),
            f.text("result", max_length=LONG_TEXT),
            f.text("owner_feedback", max_length=LONG_TEXT),
            written_reply,
        )
        return closure if f.clean else None

    return read


def _read_summary(f: Fields) -> Summary | None:
    summary = Summary(f.moment("summarised_at"), f.text("text", max_length=LONG_TEXT))
    return summary if f.clean else None


def read_complaint(f: Fields) -> Complaint | None:
    channel = f.choice("channel", Channel)
    received_at = f.moment("received_at")
    status = f.choice("status", ComplaintStatus)
    if status is not None:
        for name, statuses in _ALLOWED_IN.items():
            if f.present(name) and status not in statuses:
                f.add(name, _NOT_YET)

    def required(name: str) -> bool:
        return status in _REQUIRED_IN[name]

    severity = f.choice("severity", Severity, required=required("severity"))
    handling = f.obj("handling", _read_handling, required=required("handling"))
    escalation = f.obj(
        "escalation",
        _read_escalation,
        required=required("escalation") or severity is Severity.MAJOR,
    )
    if severity is Severity.GENERAL and f.present("escalation"):
        f.add("severity", _SEVERITY_MISMATCH)
    progress = f.objects("progress", lambda item: _read_progress(item, received_at))
    closure = f.obj(
        "closure", _closure_reader(channel is Channel.LETTER), required=required("closure")
    )
    summary = f.obj("summary", _read_summary, required=required("summary"))

    steps = [
        ("handling.started_at", handling and handling.started_at),
        ("escalation.escalated_at", escalation and escalation.escalated_at),
        ("closure.closed_at", closure and closure.closed_at),
        ("summary.summarised_at", summary and summary.summarised_at),
    ]
    for name, moment in steps:
        if moment and received_at and moment < received_at:
            f.add(name, _BEFORE_RECEIVED)

    complaint = Complaint(
        estate_id=f.ref("estate_id"),
        channel=channel,
        received_by=f.ref("received_by"),
        received_at=received_at,
        complainant=f.text("complainant"),
        phone=f.phone("phone"),
        building=f.text("building", max_length=50),
        unit=f.text("unit", max_length=50),
        room=f.text("room", max_length=50),
        matter=f.text("matter", max_length=LONG_TEXT),
        demand=f.text("demand", max_length=LONG_TEXT),
        area=f.text("area", required=False, max_length=50),
        status=status,
        category=f.choice("category", ComplaintCategory, required=required("category")),
        severity=severity,
        handling=handling,
        escalation=escalation,
        progress=progress,
        closure=closure,
        summary=summary,
    )
    return complaint if f.clean else None
