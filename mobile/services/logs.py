"""The synced logs of my estates, for a supervisor on the tablet: read-only, filtered.

The server sends a supervisor every accepted record of their estates as a
``synced_record`` reference item (docs/sync-protocol.md), so the list works offline.
Filters: kind, staff member (the author), the day the work happened (estate time),
abnormal only, overdue only. What counts as abnormal and overdue is the domain's:

- abnormal: a patrol round with an abnormal checkpoint; a return visit with an unhappy
  owner; a repair check not resolved; a major complaint;
- overdue: a complaint past its reply deadline (``domain.deadlines``) and not closed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from domain.choices import Choice
from domain.complaint import ComplaintStatus, Severity
from domain.deadlines import is_overdue
from domain.errors import InvalidRecord
from domain.handover import HandoverShift
from domain.records import (
    COMPLAINT,
    PATROL_ROUND,
    RECORD_KINDS,
    REPAIR_CHECK,
    RETURN_VISIT,
    SHIFT_HANDOVER,
    parse_record,
)
from domain.repair_check import RepairResult
from domain.return_visit import Satisfaction
from domain.text import Text
from mobile.services.today import ESTATE_TIME
from mobile.store.store import Store

SYNCED_RECORD = "synced_record"
KIND_NAMES = {
    PATROL_ROUND: Text("巡查记录", "Patrol round"),
    RETURN_VISIT: Text("业主回访", "Return visit"),
    REPAIR_CHECK: Text("维修记录", "Repair check"),
    COMPLAINT: Text("投诉", "Complaint"),
    SHIFT_HANDOVER: Text("交接班记录", "Shift handover"),
}
# Each kind's icon on its rows (Material Design icon names), as on the rail.
KIND_ICONS = {
    PATROL_ROUND: "walk",
    REPAIR_CHECK: "wrench",
    COMPLAINT: "message-alert",
    RETURN_VISIT: "account-voice",
    SHIFT_HANDOVER: "account-switch",
}
# The payload field holding each kind's time of work.
OCCURRED_FIELD = {
    PATROL_ROUND: "started_at",
    RETURN_VISIT: "visited_at",
    REPAIR_CHECK: "arrived_at",
    COMPLAINT: "received_at",
    SHIFT_HANDOVER: "handed_over_at",
}
# How the detail names a payload's fields (a field not listed shows its key).
FIELD_NAMES = {
    "staff_id": Text("员工", "Staff"),
    "to_staff_id": Text("接班人", "Taken over by"),
    "shift": Text("班次", "Shift"),
    "handed_over_at": Text("交班时间", "Handed over at"),
    "events": Text("本班情况", "What happened"),
    "open_matters": Text("遗留事项", "Open matters"),
    "equipment": Text("交接物品", "Keys and equipment"),
    "route_id": Text("路线", "Route"),
    "started_at": Text("开始时间", "Started at"),
    "ended_at": Text("结束时间", "Ended at"),
    "checkpoints": Text("巡查点", "Checkpoints"),
    "technician_id": Text("维修工", "Technician"),
    "received_by": Text("受理人", "Received by"),
    "received_at": Text("受理时间", "Received at"),
    "visited_at": Text("回访时间", "Visited at"),
    "arrived_at": Text("到达时间", "Arrived at"),
    "room_id": Text("房号", "Room"),
    "owner_id": Text("业主", "Owner"),
    "satisfaction": Text("满意度", "Satisfaction"),
    "feedback": Text("业主反馈", "Owner's feedback"),
    "description": Text("描述", "Description"),
    "diagnosis": Text("诊断", "Diagnosis"),
    "result": Text("结果", "Result"),
    "matter": Text("投诉事由", "Matter"),
    "demand": Text("诉求", "What the owner wants"),
    "status": Text("状态", "Status"),
    "severity": Text("级别", "Severity"),
}
# Fields whose codes have labels (the domain's closed sets).
CHOICE_FIELDS: dict[str, type[Choice]] = {
    "shift": HandoverShift,
    "satisfaction": Satisfaction,
    "result": RepairResult,
    "status": ComplaintStatus,
    "severity": Severity,
}
_UNHAPPY = (Satisfaction.DISSATISFIED.value, Satisfaction.VERY_DISSATISFIED.value)


@dataclass(frozen=True)
class LogFilter:
    kind: str = ""
    staff: str = ""
    day: str = ""  # YYYY-MM-DD, estate time
    abnormal_only: bool = False
    overdue_only: bool = False


@dataclass(frozen=True)
class LogEntry:
    id: str
    kind: str
    author: str
    revision: int
    occurred_at: datetime | None
    payload: dict[str, Any]
    photos: tuple[str, ...]
    abnormal: bool
    overdue: bool

    @property
    def day(self) -> str:
        return (
            self.occurred_at.astimezone(ESTATE_TIME).date().isoformat() if self.occurred_at else ""
        )

    @property
    def when(self) -> str:
        return (
            self.occurred_at.astimezone(ESTATE_TIME).strftime("%m-%d %H:%M")
            if self.occurred_at
            else ""
        )

    def summary(self) -> Text:
        p = self.payload
        if self.kind == PATROL_ROUND:
            visits = p.get("checkpoints") or []
            bad = sum(1 for visit in visits if visit.get("abnormal"))
            return Text(
                f"{len(visits)} 个巡查点，异常 {bad} 个",
                f"{len(visits)} checkpoints, {bad} abnormal",
            )
        if self.kind == RETURN_VISIT:
            return Text(
                f"{p.get('room_id', '')} · {p.get('feedback', '')}",
                f"{p.get('room_id', '')} · {p.get('feedback', '')}",
            )
        if self.kind == REPAIR_CHECK:
            return Text(str(p.get("description", "")), str(p.get("description", "")))
        if self.kind == COMPLAINT:
            return Text(str(p.get("matter", "")), str(p.get("matter", "")))
        to = p.get("to_staff_id", "")
        return Text(f"交给 {to}：{p.get('events', '')}", f"To {to}: {p.get('events', '')}")


def shown_value(name: str, value: Any, language: str) -> str:
    """A payload value as the detail shows it: a code's label, a time in estate time."""
    if isinstance(value, list):
        return "、".join(shown_value(name, item, language) for item in value) if value else "—"
    if isinstance(value, dict):
        parts = (
            f"{k}: {shown_value(k, v, language)}"
            for k, v in value.items()
            if v not in (None, "", [])
        )
        return "，".join(parts)
    if value in (None, ""):
        return "—"
    if isinstance(value, str) and name in CHOICE_FIELDS:
        try:
            # a lookup by value (EnumMeta.__call__), not Choice's three-argument __new__
            choice = CHOICE_FIELDS[name](value)  # type: ignore[call-arg]
            return choice.label.in_language(language)
        except ValueError:
            return value
    if isinstance(value, str) and name.endswith("_at"):
        try:
            return datetime.fromisoformat(value).astimezone(ESTATE_TIME).strftime("%Y-%m-%d %H:%M")
        except ValueError:
            return value
    return str(value)


_NORMAL = Text("正常", "normal")
_ABNORMAL = Text("异常", "abnormal")
_SKIPPED = Text("跳过", "skipped")


def _checkpoint_line(visit: dict[str, Any], language: str) -> str:
    where = str(visit.get("checkpoint_id", ""))
    if visit.get("skipped"):
        return f"  {where} · {_SKIPPED.in_language(language)}: {visit.get('skip_reason', '')}"
    state = (_ABNORMAL if visit.get("abnormal") else _NORMAL).in_language(language)
    note = f" · {visit['note']}" if visit.get("note") else ""
    return f"  {where} · {state}{note}"


def detail_lines(entry: LogEntry, language: str) -> list[str]:
    """``name: value`` lines of the record's payload, in ``language`` (a patrol round's
    checkpoints one a line)."""
    lines = []
    for name, value in entry.payload.items():
        if name in ("photos", "estate_id"):
            continue
        if name == "checkpoints" and isinstance(value, list):
            lines.append(FIELD_NAMES[name].in_language(language))
            lines.extend(_checkpoint_line(v, language) for v in value if isinstance(v, dict))
            continue
        label = FIELD_NAMES[name].in_language(language) if name in FIELD_NAMES else name
        separator = ": " if language.startswith("en") else "："
        lines.append(f"{label}{separator}{shown_value(name, value, language)}")
    return lines


def _abnormal(kind: str, payload: dict[str, Any]) -> bool:
    if kind == PATROL_ROUND:
        return any(visit.get("abnormal") for visit in payload.get("checkpoints") or [])
    if kind == RETURN_VISIT:
        return payload.get("satisfaction") in _UNHAPPY
    if kind == REPAIR_CHECK:
        return payload.get("result") not in (None, RepairResult.RESOLVED.value)
    if kind == COMPLAINT:
        return payload.get("severity") == Severity.MAJOR.value
    return False


def entry_of(item: dict[str, Any], now: datetime) -> LogEntry | None:
    """The entry for a synced record; None for one this app cannot read (a newer kind)."""
    kind = item.get("kind")
    if kind not in RECORD_KINDS:
        return None
    try:
        record = parse_record(kind, item["payload"])
    except InvalidRecord:
        return None
    overdue = kind == COMPLAINT and is_overdue(record, now)  # type: ignore[arg-type]
    return LogEntry(
        id=item["id"],
        kind=kind,
        author=item["author"],
        revision=item["revision"],
        occurred_at=getattr(record, OCCURRED_FIELD[kind], None),
        payload=item["payload"],
        photos=tuple(item.get("photos") or ()),
        abnormal=_abnormal(kind, item["payload"]),
        overdue=overdue,
    )


class LogsService:
    def __init__(self, store: Store):
        self.store = store

    def entries(self, wanted: LogFilter, now: datetime) -> list[LogEntry]:
        """The synced records that pass ``wanted``, the latest work first."""
        found = []
        for item in self.store.reference.all(SYNCED_RECORD):
            entry = entry_of(item, now)
            if entry is None or not _passes(entry, wanted):
                continue
            found.append(entry)
        return sorted(found, key=lambda e: (e.occurred_at is not None, e.occurred_at), reverse=True)

    def entry(self, record_id: str, now: datetime) -> LogEntry | None:
        item = self.store.reference.get(SYNCED_RECORD, record_id)
        return None if item is None else entry_of(item, now)

    def authors(self) -> list[str]:
        return sorted({item["author"] for item in self.store.reference.all(SYNCED_RECORD)})


def _passes(entry: LogEntry, wanted: LogFilter) -> bool:
    return (
        (not wanted.kind or entry.kind == wanted.kind)
        and (not wanted.staff or entry.author == wanted.staff)
        and (not wanted.day or entry.day == wanted.day)
        and (not wanted.abnormal_only or entry.abnormal)
        and (not wanted.overdue_only or entry.overdue)
    )
