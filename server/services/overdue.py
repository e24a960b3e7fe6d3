"""What is overdue in a set of estates at a given moment: the supervisor's board.

Promises to owners are kept on time: complaints past their reply deadline, work orders
and visit tasks past due stand out. Deadlines come from ``domain.deadlines`` and are
computed here, when read, from the current revision of each complaint and the current
content of each work order and visit task; ``now`` is always passed in (the route reads
the clock, in one place).

Each list is ordered by deadline, the longest overdue first. An entry carries ``due_at``
and ``late_seconds`` (whole seconds past the deadline) besides what identifies the item;
complaints are shown without the complainant's phone.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any, cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.complaint import Complaint
from domain.deadlines import deadline
from domain.errors import InvalidRecord
from domain.records import COMPLAINT, parse_record
from domain.times import is_aware, to_iso
from domain.visit_task import VisitTask
from domain.work_order import WorkOrder
from server.db.models import Record
from server.services.reference import VISIT_TASK, WORK_ORDER
from server.services.work_items import live_items


def overdue(session: Session, *, estate_ids: Iterable[str], now: datetime) -> dict[str, Any]:
    if not is_aware(now):
        raise ValueError("now must carry a timezone")
    estate_ids = sorted(estate_ids)
    return {
        "now": to_iso(now),
        "complaints": _by_deadline(_overdue_complaints(session, estate_ids, now)),
        "work_orders": _by_deadline(
            _overdue_items(session, WORK_ORDER, WorkOrder, estate_ids, now)
        ),
        "visit_tasks": _by_deadline(
            _overdue_items(session, VISIT_TASK, VisitTask, estate_ids, now)
        ),
    }


def _lateness(due: datetime | None, now: datetime) -> dict[str, Any] | None:
    if due is None or now <= due:
        return None
    return {"due_at": to_iso(due), "late_seconds": int((now - due).total_seconds())}


def _by_deadline(entries: Iterator[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(entries, key=lambda entry: (-entry["late_seconds"], entry["id"]))


def _overdue_complaints(
    session: Session, estate_ids: list[str], now: datetime
) -> Iterator[dict[str, Any]]:
    records = session.scalars(
        select(Record).where(Record.kind == COMPLAINT, Record.estate_id.in_(estate_ids))
    )
    for record in records:
        try:
            complaint = cast(Complaint, parse_record(COMPLAINT, record.payload))
        except InvalidRecord:  # accepted under older rules; nothing to compute a deadline from
            continue
        late = _lateness(deadline(complaint), now)
        if late is None:
            continue
        yield {
            "id": record.id,
            "estate_id": record.estate_id,
            **late,
            "status": complaint.status.value,
            "severity": None if complaint.severity is None else complaint.severity.value,
            "category": None if complaint.category is None else complaint.category.value,
            "received_at": to_iso(complaint.received_at),
            "received_by": complaint.received_by,
            "complainant": complaint.complainant,
            "area": complaint.area,
            "building": complaint.building,
            "unit": complaint.unit,
            "room": complaint.room,
            "matter": complaint.matter,
        }


def _overdue_items(
    session: Session,
    kind: str,
    cls: type[WorkOrder] | type[VisitTask],
    estate_ids: list[str],
    now: datetime,
) -> Iterator[dict[str, Any]]:
    for item in live_items(session, kind, estate_ids):
        try:
            work = cls.from_dict(item.data)
        except InvalidRecord:  # hand-edited reference data that is not a valid item
            continue
        late = _lateness(deadline(work), now)
        if late is None:
            continue
        yield {"id": item.key, "estate_id": item.estate_id, **late, "item": item.data}
