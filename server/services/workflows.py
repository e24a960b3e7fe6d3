"""What an accepted record sets in motion: the rules of the trade, on the server.

``on_record_accepted`` is called by the push for every newly accepted revision, inside
that record's savepoint, so a record and the work it raises commit together or not at
all. Every rule is idempotent: the work it raises has an id derived from the source
record, and work that exists (or was deleted by a supervisor) is not raised again, so a
repeated push or a newer revision never doubles it. The moment of the work is the
server's acceptance time of the revision (``Accepted.updated_at``, read once by the push).

- **Patrol round**: each abnormal checkpoint visit (not skipped) opens a repair work order
  at once: source ``patrol``, ``source_id`` the round, the place from the checkpoint, the
  category from the checklist item that failed (``repair_category``), the description
  from the results and the note, and the photos taken there. One per round and checkpoint;
  later revisions open work orders only for checkpoints newly found abnormal and leave
  existing ones be (a technician may be on the way; a supervisor cancels what is not
  needed).
- **Repair check**: the work order it names moves to ``done`` (resolved) or ``on_hold``
  (needs parts or a contractor), unless it was cancelled or is in another estate; a
  resolved repair in a home (with a ``room_id``) creates one after-repair visit task.
  Public facilities have no owner to visit.
- **Complaint**: its reply deadline is ``domain.deadlines.deadline`` of the current
  revision, computed when read (``server.services.overdue``): 24 h from receipt, or the
  time promised when handling started, or, for a major complaint, the reply time agreed
  with the owner on escalation (the domain will not accept a major complaint without
  it). A closed complaint creates one after-complaint visit task, for the staff member
  who received it when they are a service account of the estate.
- **Return visit**: answering a pending visit task marks the task done. Each need the
  owner voiced that the staff member marked ``repair`` (转报修) opens a repair work order
  at once: source ``owner`` (业主报修, the owner asked for it), ``source_id`` the visit,
  the visit's room (so the technician it goes to sees the room's owners), the category
  from the need's words (``need_category``), the need as the description. One per visit
  and need (by its place in the list); a later revision opens work orders only for needs
  newly marked and leaves existing ones be, as for patrol rounds. A need marked
  ``complaint`` raises nothing here: the tablet takes the complaint as its own record.

Whether the account may act on the work order or visit task a record names is decided
before, in ``server.permissions``; the rules here only apply what was let through.

Who gets the work is decided in ``server.services.work_items``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeGuard

from sqlalchemy.orm import Session

from domain import rooms
from domain.checklist import ChecklistResult, ReadingResult
from domain.complaint import Complaint, ComplaintStatus
from domain.patrol import CheckpointVisit, PatrolRound
from domain.records import COMPLAINT, PATROL_ROUND, REPAIR_CHECK, RETURN_VISIT
from domain.records import Record as DomainRecord
from domain.repair_check import RepairCheck, RepairResult
from domain.return_visit import FollowUp, Need, ReturnVisit
from domain.validation import LONG_TEXT, show_number
from domain.visit_task import VisitReason, VisitTask, VisitTaskStatus
from domain.work_order import RepairCategory, WorkOrder, WorkOrderSource, WorkOrderStatus
from server.db.models import ReferenceItem
from server.services import work_items
from server.services.accepted import Accepted
from server.services.reference import BUILDING, CHECKPOINT, ROOM, UNIT, VISIT_TASK, WORK_ORDER
from server.services.work_items import derived_id, find_item, live_items, publish


def on_record_accepted(session: Session, record: Accepted, parsed: DomainRecord) -> None:
    """Run the rules for the revision of ``record`` just accepted, ``parsed`` by the push."""
    rule = _RULES.get(record.kind)
    if rule is not None:
        rule(session, record, parsed)


def _live(item: ReferenceItem | None, estate_id: str) -> TypeGuard[ReferenceItem]:
    return item is not None and not item.deleted and item.estate_id == estate_id


# -- patrol rounds -------------------------------------------------------------------------

# The first rule with a word in the failed item's label (then in the note) decides;
# checkpoints are in the public areas, so anything else is a public facility.
_CATEGORY_WORDS: tuple[tuple[RepairCategory, tuple[str, ...]], ...] = (
    (RepairCategory.PUBLIC_FACILITY, ("电梯", "扶梯", "lift", "elevator")),
    (
        RepairCategory.WATER,
        ("水", "泵", "管", "阀", "消防栓", "消火栓", "mpa", "water", "pump", "pipe", "leak"),
    ),
    (
        RepairCategory.ELECTRIC,
        ("电", "灯", "照明", "开关", "插座", "electric", "light", "power", "lamp"),
    ),
    (RepairCategory.DOORS_WINDOWS, ("门", "窗", "锁", "door", "window", "lock")),
)


def repair_category(visit: CheckpointVisit) -> RepairCategory:
    """The trade a patrol anomaly calls for, from what failed."""
    texts = [_result_words(result) for result in visit.results if result.abnormal]
    for text in [*texts, visit.note]:
        lowered = text.lower()
        for category, words in _CATEGORY_WORDS:
            if any(word in lowered for word in words):
                return category
    return RepairCategory.PUBLIC_FACILITY


def _result_words(result: ChecklistResult) -> str:
    if isinstance(result, ReadingResult):
        return f"{result.label} {result.allowed.unit}"
    return result.label


def _describe_result(result: ChecklistResult) -> str:
    if isinstance(result, ReadingResult):
        allowed, unit = result.allowed, result.allowed.unit
        return (
            f"{result.label}：{show_number(result.value)} {unit}"
            f"（正常范围 {show_number(allowed.minimum)}–{show_number(allowed.maximum)} {unit}）"
        )
    return f"{result.label}：{result.outcome.label.zh}"


def describe_anomaly(visit: CheckpointVisit, place: str) -> str:
    """The work order's description: where, what was found, the note."""
    findings = [_describe_result(result) for result in visit.results if result.abnormal]
    if visit.note:
        findings.append(f"备注：{visit.note}")
    text = f"巡查发现异常（{place}）：" + "；".join(findings)
    return text if len(text) <= LONG_TEXT else text[: LONG_TEXT - 1] + "…"


def _checkpoint_place(session: Session, estate_id: str, checkpoint_id: str) -> str:
    item = find_item(session, CHECKPOINT, checkpoint_id)
    if _live(item, estate_id) and item.data.get("place"):
        return item.data["place"]
    return f"巡查点 {checkpoint_id}"


def _patrol_round(session: Session, record: Accepted, patrol_round: PatrolRound) -> None:
    for visit in patrol_round.abnormal_visits:
        if visit.skipped:
            continue
        key = derived_id(WORK_ORDER, WorkOrderSource.PATROL.value, record.id, visit.checkpoint_id)
        if find_item(session, WORK_ORDER, key) is not None:
            continue
        place = _checkpoint_place(session, record.estate_id, visit.checkpoint_id)
        order = WorkOrder(
            id=key,
            technician_id=work_items.assign_technician(session, record.estate_id),
            category=repair_category(visit),
            description=describe_anomaly(visit, place),
            source=WorkOrderSource.PATROL,
            status=WorkOrderStatus.ASSIGNED,
            created_at=record.updated_at,
            place=place,
            source_id=record.id,
            photos=visit.photos,
        )
        publish(session, record, kind=WORK_ORDER, key=key, data=order.to_dict())


# -- repair checks -------------------------------------------------------------------------

_STATUS_AFTER_REPAIR = {
    RepairResult.RESOLVED: WorkOrderStatus.DONE,
    RepairResult.NEEDS_PARTS: WorkOrderStatus.ON_HOLD,
    RepairResult.NEEDS_CONTRACTOR: WorkOrderStatus.ON_HOLD,
}


def _repair_check(session: Session, record: Accepted, check: RepairCheck) -> None:
    order = find_item(session, WORK_ORDER, check.work_order_id)
    if _live(order, record.estate_id) and order.data["status"] != WorkOrderStatus.CANCELLED.value:
        data = order.data | {"status": _STATUS_AFTER_REPAIR[check.result].value}
        publish(session, record, kind=WORK_ORDER, key=order.key, data=data)
    if check.result is RepairResult.RESOLVED and check.room_id:
        _create_visit_task(
            session,
            record,
            reason=VisitReason.AFTER_REPAIR,
            room_id=check.room_id,
            source_id=check.work_order_id,
        )


# -- complaints ----------------------------------------------------------------------------

_SETTLED = (ComplaintStatus.CLOSED, ComplaintStatus.SUMMARISED)


def _complaint(session: Session, record: Accepted, complaint: Complaint) -> None:
    if complaint.status in _SETTLED:
        _create_visit_task(
            session,
            record,
            reason=VisitReason.AFTER_COMPLAINT,
            room_id=complaint_room_id(session, record.estate_id, complaint),
            source_id=record.id,
            preferred_staff=complaint.received_by,
        )


def _named(
    session: Session, kind: str, estate_id: str, wanted: Callable[[dict], bool]
) -> str | None:
    """The key of the first live item of ``kind`` whose data is ``wanted``."""
    for item in live_items(session, kind, [estate_id]):
        if wanted(item.data):
            return item.key
    return None


def complaint_room_id(session: Session, estate_id: str, complaint: Complaint) -> str:
    """The room's id in the reference data, found by building, unit and room number as
    written on the complaint (compared as ``domain.rooms`` does on the tablet: ``3``,
    ``3幢`` and ``3栋`` are one building); the three as written (``3栋-2单元-1203``) when
    not found."""
    written = f"{complaint.building}-{complaint.unit}-{complaint.room}"
    building = rooms.building_key(complaint.building)
    building_id = _named(
        session, BUILDING, estate_id, lambda d: rooms.building_key(d["name"]) == building
    )
    unit = rooms.unit_key(complaint.unit)
    unit_id = building_id and _named(
        session,
        UNIT,
        estate_id,
        lambda d: d["building_id"] == building_id and rooms.unit_key(d["name"]) == unit,
    )
    number = rooms.number_key(complaint.room)
    room_id = unit_id and _named(
        session,
        ROOM,
        estate_id,
        lambda d: d["unit_id"] == unit_id and rooms.number_key(d["number"]) == number,
    )
    return room_id or written


# -- visit tasks ---------------------------------------------------------------------------

# When the archive has no owner for the room: the staff member asks at the door.
UNKNOWN_OWNER = "unknown"


def _create_visit_task(
    session: Session,
    record: Accepted,
    *,
    reason: VisitReason,
    room_id: str,
    source_id: str,
    preferred_staff: str | None = None,
) -> None:
    key = derived_id(VISIT_TASK, reason.value, record.id)
    if find_item(session, VISIT_TASK, key) is not None:
        return
    owner_id = work_items.owner_of_room(session, record.estate_id, room_id)
    task = VisitTask(
        id=key,
        staff_id=work_items.assign_service(session, record.estate_id, preferred_staff),
        owner_id=owner_id or UNKNOWN_OWNER,
        room_id=room_id,
        reason=reason,
        status=VisitTaskStatus.PENDING,
        created_at=record.updated_at,
        source_id=source_id,
    )
    publish(session, record, kind=VISIT_TASK, key=key, data=task.to_dict())


# -- return visits -------------------------------------------------------------------------


def _return_visit(session: Session, record: Accepted, visit: ReturnVisit) -> None:
    _open_repairs_asked_for(session, record, visit)
    if visit.task_id is None:
        return
    task = find_item(session, VISIT_TASK, visit.task_id)
    if _live(task, record.estate_id) and task.data["status"] == VisitTaskStatus.PENDING.value:
        data = task.data | {"status": VisitTaskStatus.DONE.value}
        publish(session, record, kind=VISIT_TASK, key=task.key, data=data)


def need_category(need: Need) -> RepairCategory:
    """The trade an owner's request calls for, from its words; in a home, anything not
    recognised is ``other`` (the technician reclassifies on site)."""
    lowered = need.description.lower()
    for category, words in _CATEGORY_WORDS:
        if any(word in lowered for word in words):
            return category
    return RepairCategory.OTHER


def describe_need(need: Need) -> str:
    text = f"回访时业主报修：{need.description}"
    return text if len(text) <= LONG_TEXT else text[: LONG_TEXT - 1] + "…"


def _open_repairs_asked_for(session: Session, record: Accepted, visit: ReturnVisit) -> None:
    for place, need in enumerate(visit.needs):
        if need.follow_up is not FollowUp.REPAIR:
            continue
        key = derived_id(WORK_ORDER, WorkOrderSource.OWNER.value, record.id, str(place))
        if find_item(session, WORK_ORDER, key) is not None:
            continue
        order = WorkOrder(
            id=key,
            technician_id=work_items.assign_technician(session, record.estate_id),
            category=need_category(need),
            description=describe_need(need),
            source=WorkOrderSource.OWNER,
            status=WorkOrderStatus.ASSIGNED,
            created_at=record.updated_at,
            room_id=visit.room_id,
            source_id=record.id,
        )
        publish(session, record, kind=WORK_ORDER, key=key, data=order.to_dict())


_RULES: dict[str, Callable[[Session, Accepted, Any], None]] = {
    PATROL_ROUND: _patrol_round,
    REPAIR_CHECK: _repair_check,
    COMPLAINT: _complaint,
    RETURN_VISIT: _return_visit,
}
