"""Reference data for tablets, who may see which item, and pulling changes by sequence number.

Kinds (``KINDS``): building, unit, room, owner, checkpoint, route, work_order,
visit_task, staff (``server.services.accounts`` writes one per account and estate),
synced_record (``server.services.record_feed`` writes one per accepted record), send_back
(``server.services.send_backs``), each validated by its domain class's ``from_dict`` and
stored as its ``to_dict()`` (no second definition of the shapes). Every item belongs to
one estate. Every write takes a new ``change_seq`` (server.services.changes);
deleting keeps the row as a tombstone.

Who sees what (DOMAIN.md: the owner archive is confidential) is decided in
``pull_changes`` from the account's estates, role and username:

| kind                           | sent to                                                    |
|--------------------------------|------------------------------------------------------------|
| building, unit, room,          | every account of the estate                                |
| checkpoint, route              |                                                            |
| owner                          | service and supervisor, in full; a technician, redacted    |
|                                | (``Owner.redacted()``), the owners of the rooms of their   |
|                                | open work orders; nobody else                              |
| work_order                     | its technician, supervisors and service staff              |
| visit_task                     | its service staff member and supervisors                   |
| staff                          | every account of the estate                                |
| synced_record                  | supervisors (every record of their estates); a patrol      |
|                                | officer, the shift handovers addressed to them             |
| send_back                      | the author of the record sent back, whatever their role    |

Work orders and visit tasks go to their assignee through the ``assignee``
column, copied from the data on each write (with ``room_id``; an owner's rooms
go to ``reference_item_rooms``). A technician's owners are kept as
``reference_access`` rows, recomputed whenever a work order or an owner is
written. When an account loses an item it had (a work order or visit task
reassigned away, a technician's work order finished), a ``reference_access``
row with ``granted`` false and a fresh sequence number is its tombstone: a
pull from a cursor before that number sends the account ``deleted: true`` for
the item. Every number is taken for one row, so no two items of one pull share
a ``seq`` and a cursor never stops between two of them. docs/sync-protocol.md
says the same for client authors.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, delete, or_, select
from sqlalchemy.orm import Session

from domain.checkpoint import Checkpoint
from domain.estate import Building, Room, Unit
from domain.owner import Owner
from domain.records import SHIFT_HANDOVER
from domain.route import Route
from domain.send_back import SendBack
from domain.staff import StaffMember
from domain.synced_record import SyncedRecord
from domain.visit_task import VisitTask
from domain.work_order import WorkOrder, WorkOrderStatus
from server.db.models import Account, Estate, ReferenceAccess, ReferenceItem, ReferenceItemRoom
from server.db.types import utcnow
from server.services.changes import next_change_seq
from server.services.usernames import normalise_username
from sync import protocol

ESTATE_KIND = "estate"
BUILDING = "building"
UNIT = "unit"
ROOM = "room"
OWNER = "owner"
CHECKPOINT = "checkpoint"
ROUTE = "route"
WORK_ORDER = "work_order"
VISIT_TASK = "visit_task"
STAFF = "staff"
SYNCED_RECORD = "synced_record"
SEND_BACK = "send_back"

KINDS: dict[str, Callable[[object], Any]] = {
    BUILDING: Building.from_dict,
    UNIT: Unit.from_dict,
    ROOM: Room.from_dict,
    OWNER: Owner.from_dict,
    CHECKPOINT: Checkpoint.from_dict,
    ROUTE: Route.from_dict,
    WORK_ORDER: WorkOrder.from_dict,
    VISIT_TASK: VisitTask.from_dict,
    STAFF: StaffMember.from_dict,
    SYNCED_RECORD: SyncedRecord.from_dict,
    SEND_BACK: SendBack.from_dict,
}

# Kinds every account of the estate receives.
ESTATE_WIDE_KINDS = frozenset({BUILDING, UNIT, ROOM, CHECKPOINT, ROUTE, STAFF})
# Roles that see every owner of their estates, confidential fields included.
OWNER_ARCHIVE_ROLES = frozenset({"service", "supervisor"})
# Roles that see every item of a kind in their estates; others see it only as its assignee.
ALL_OF_KIND_ROLES: dict[str, frozenset[str]] = {
    WORK_ORDER: frozenset({"supervisor", "service"}),
    VISIT_TASK: frozenset({"supervisor"}),
    SYNCED_RECORD: frozenset({"supervisor"}),
}
# The role an assignee must have to receive an item assigned to them (a synced record's
# assignee is the officer a shift handover is addressed to).
ASSIGNEE_ROLE = {WORK_ORDER: "technician", VISIT_TASK: "service", SYNCED_RECORD: "patrol"}
# A technician sees the owners of the rooms of their work orders in these states.
OPEN_WORK_ORDER = frozenset(
    {WorkOrderStatus.ASSIGNED, WorkOrderStatus.IN_PROGRESS, WorkOrderStatus.ON_HOLD}
)


def validate_reference(
    *, kind: str, key: str, data: dict[str, Any], estate_id: str | None
) -> dict[str, Any]:
    """The item's data as stored: its domain object's ``to_dict()``.

    Raises ``domain.errors.InvalidRecord`` (every field error) when ``data`` is not
    a valid object of ``kind``, and ``ValueError`` when the kind is unknown, the
    estate is missing, ``key`` is not the object's id, or the object names
    another estate.
    """
    if kind == ESTATE_KIND:
        raise ValueError("estates are their own table; use accounts.create_estate")
    if kind not in KINDS:
        raise ValueError(f"unknown reference kind {kind!r}; one of {', '.join(KINDS)}")
    if not estate_id:
        raise ValueError("every reference item belongs to an estate")
    obj = KINDS[kind](data)
    if obj.id != key:
        raise ValueError(f"the key {key!r} is not the {kind}'s id {obj.id!r}")
    named_estate = getattr(obj, "estate_id", estate_id)
    if named_estate != estate_id:
        raise ValueError(f"the {kind} names estate {named_estate!r}, not {estate_id!r}")
    return obj.to_dict()


def _assignee(kind: str, data: dict[str, Any]) -> str | None:
    if kind == WORK_ORDER:
        return normalise_username(data["technician_id"])
    if kind in (VISIT_TASK, SEND_BACK):
        return normalise_username(data["staff_id"])
    if kind == SYNCED_RECORD and data["kind"] == SHIFT_HANDOVER:
        return normalise_username(data["payload"]["to_staff_id"])
    return None


def _find(session: Session, kind: str, key: str) -> ReferenceItem | None:
    """The item as committed now (not as this session may have read it earlier)."""
    return session.scalar(
        select(ReferenceItem)
        .where(ReferenceItem.kind == kind, ReferenceItem.key == key)
        .execution_options(populate_existing=True)
    )


def store_reference_item(
    session: Session,
    *,
    kind: str,
    key: str,
    data: dict[str, Any],
    estate_id: str | None,
    changed_by_record: str | None = None,
) -> ReferenceItem:
    """Create or replace an item (undeleting it) in the caller's transaction; no commit.

    Validates as ``validate_reference`` does, derives the scoping columns, and
    brings the per-account access rows up to date. An item never moves to
    another estate (``ValueError``): delete it and create one under a new key.
    ``changed_by_record`` is the pushed record whose workflow makes this change.
    """
    stored = validate_reference(kind=kind, key=key, data=data, estate_id=estate_id)
    # The sequence first: its row lock makes writers take turns, so what is read next
    # (the previous assignee, the access rows) is what the last writer committed.
    change_seq = next_change_seq(session)
    item = _find(session, kind, key)
    if item is not None and item.estate_id != estate_id:
        raise ValueError(f"{kind} {key!r} belongs to estate {item.estate_id!r}, not {estate_id!r}")
    previous_assignee = item.assignee if item is not None else None
    if item is None:
        item = ReferenceItem(kind=kind, key=key, estate_id=estate_id)
        session.add(item)
    item.data = stored
    item.deleted = False
    item.change_seq = change_seq
    item.updated_at = utcnow()
    item.assignee = _assignee(kind, stored)
    item.room_id = stored.get("room_id") if kind in (WORK_ORDER, VISIT_TASK) else None
    item.changed_by_record = changed_by_record
    session.flush()
    _after_write(session, item, previous_assignee)
    return item


def put_reference_item(
    session: Session, *, kind: str, key: str, data: dict[str, Any], estate_id: str | None
) -> ReferenceItem:
    """``store_reference_item``, committed."""
    item = store_reference_item(session, kind=kind, key=key, data=data, estate_id=estate_id)
    session.commit()
    return item


def delete_reference_item(session: Session, *, kind: str, key: str) -> None:
    """Delete an item, keeping it as a tombstone (committed); unknown or deleted: nothing."""
    change_seq = next_change_seq(session)  # first, as in store_reference_item
    item = _find(session, kind, key)
    if item is None or item.deleted:
        session.commit()  # an unused number is a harmless gap in the sequence
        return
    item.deleted = True
    item.change_seq = change_seq
    item.updated_at = utcnow()
    item.changed_by_record = None
    session.flush()
    _after_write(session, item, item.assignee)
    session.commit()


# ---------------------------------------------------------------- per-account access


def _after_write(session: Session, item: ReferenceItem, previous_assignee: str | None) -> None:
    if item.kind in ASSIGNEE_ROLE:
        if previous_assignee and previous_assignee != item.assignee:
            _set_access(session, item.id, previous_assignee, granted=False)
        if item.assignee:
            # Its own assignee sees it through the column; an old tombstone is superseded.
            session.execute(
                delete(ReferenceAccess).where(
                    ReferenceAccess.item_id == item.id,
                    ReferenceAccess.username == item.assignee,
                )
            )
    if item.kind == WORK_ORDER:
        for technician in {previous_assignee, item.assignee}:
            if technician is not None:
                _refresh_technician(session, item.estate_id, technician)
    elif item.kind == OWNER:
        rooms = set() if item.deleted else set(item.data["room_ids"])
        session.execute(delete(ReferenceItemRoom).where(ReferenceItemRoom.item_id == item.id))
        session.add_all(ReferenceItemRoom(item_id=item.id, room_id=room) for room in rooms)
        session.flush()
        _refresh_owner(session, item)


def _set_access(session: Session, item_id: int, username: str, *, granted: bool) -> None:
    row = session.get(ReferenceAccess, (item_id, username))
    if row is not None and row.granted == granted:
        return
    change_seq = next_change_seq(session)
    if row is None:
        row = ReferenceAccess(item_id=item_id, username=username)
        session.add(row)
    row.granted = granted
    row.change_seq = change_seq


def _open_work_orders(session: Session, estate_id: str | None, *where: Any) -> list[ReferenceItem]:
    orders = session.scalars(
        select(ReferenceItem).where(
            ReferenceItem.kind == WORK_ORDER,
            ReferenceItem.estate_id == estate_id,
            ReferenceItem.deleted.is_(False),
            ReferenceItem.room_id.is_not(None),
            *where,
        )
    )
    return [order for order in orders if order.data["status"] in OPEN_WORK_ORDER]


def _apply_grants(
    session: Session, current: Iterable[ReferenceAccess], wanted: set[tuple[int, str]]
) -> None:
    """Grant each (item id, username) of ``wanted``; revoke the current grants not in it."""
    granted_now = {(row.item_id, row.username) for row in current if row.granted}
    for item_id, username in sorted(wanted - granted_now):
        _set_access(session, item_id, username, granted=True)
    for item_id, username in sorted(granted_now - wanted):
        _set_access(session, item_id, username, granted=False)


def owners_in_rooms(estate_id: str | None, room_ids: Iterable[str]) -> Select:
    """The live owners of an estate archived for any of ``room_ids``."""
    return (
        select(ReferenceItem)
        .join(ReferenceItemRoom, ReferenceItemRoom.item_id == ReferenceItem.id)
        .where(
            ReferenceItem.kind == OWNER,
            ReferenceItem.estate_id == estate_id,
            ReferenceItem.deleted.is_(False),
            ReferenceItemRoom.room_id.in_(list(room_ids)),
        )
    )


def _refresh_technician(session: Session, estate_id: str | None, technician: str) -> None:
    """Grant the technician the owners of their open work orders' rooms, and only those."""
    rooms = {
        order.room_id
        for order in _open_work_orders(session, estate_id, ReferenceItem.assignee == technician)
        if order.room_id is not None  # (a NULL in the IN list would match nothing anyway)
    }
    owner_ids = {owner.id for owner in session.scalars(owners_in_rooms(estate_id, rooms))}
    current = session.scalars(
        select(ReferenceAccess)
        .join(ReferenceItem, ReferenceItem.id == ReferenceAccess.item_id)
        .where(
            ReferenceAccess.username == technician,
            ReferenceItem.kind == OWNER,
            ReferenceItem.estate_id == estate_id,
        )
    ).all()
    _apply_grants(session, current, {(owner_id, technician) for owner_id in owner_ids})


def _refresh_owner(session: Session, owner: ReferenceItem) -> None:
    """Grant the owner to the technicians with an open work order in one of its rooms."""
    technicians: set[str] = set()
    if not owner.deleted:
        orders = _open_work_orders(
            session, owner.estate_id, ReferenceItem.room_id.in_(owner.data["room_ids"])
        )
        technicians = {order.assignee for order in orders if order.assignee}
    current = session.scalars(
        select(ReferenceAccess).where(ReferenceAccess.item_id == owner.id)
    ).all()
    _apply_grants(session, current, {(owner.id, technician) for technician in technicians})


# ---------------------------------------------------------------- pull


@dataclass(frozen=True)
class PullPage:
    items: list[dict[str, Any]]
    next_cursor: int
    has_more: bool
    scope: str


def pull_scope(account: Account) -> str:
    """What decides which items an account is sent: who it is, its role, its estates.

    A tablet's cursor only means something for the scope it pulled under. When a
    different account signs in on the tablet, or the account's role or estates
    change, the scope changes and the tablet starts again from 0 with an empty
    reference store (docs/sync-protocol.md).
    """
    estates = ",".join(sorted(account.estate_ids))
    return protocol.content_hash([account.username.lower(), account.role, estates])[:16]


def _estate_item(estate: Estate) -> dict[str, Any]:
    return {
        "seq": estate.change_seq,
        "version": estate.change_seq,
        "kind": ESTATE_KIND,
        "key": estate.id,
        "estate_id": estate.id,
        "deleted": False,
        "data": {"id": estate.id, "name": estate.name, "address": estate.address},
    }


def view_for_role(kind: str, data: dict[str, Any], role: str) -> dict[str, Any]:
    """What an account of ``role`` may read of an item it receives."""
    if kind == OWNER and role not in OWNER_ARCHIVE_ROLES:
        return Owner.from_dict(data).redacted().to_dict()
    return data


def _wire(item: ReferenceItem, seq: int, role: str, *, deleted: bool) -> dict[str, Any]:
    """``seq`` places the change in this account's feed (a grant's own number, for an
    item shown through one); ``version`` is the item's, the same for every account."""
    wire = {
        "seq": seq,
        "version": item.change_seq,
        "kind": item.kind,
        "key": item.key,
        "estate_id": item.estate_id,
        "deleted": deleted,
    }
    if not deleted:
        wire["data"] = view_for_role(item.kind, item.data, role)
    return wire


def _visible_by_role(account: Account) -> Any:
    """Which items the account sees through its role (and as assignee)."""
    role, username = account.role, account.username
    kinds = set(ESTATE_WIDE_KINDS)
    if role in OWNER_ARCHIVE_ROLES:
        kinds.add(OWNER)
    conditions: list[ColumnElement[bool]] = [ReferenceItem.kind.in_(sorted(kinds))]
    for kind, roles in ALL_OF_KIND_ROLES.items():
        if role in roles:
            conditions.append(ReferenceItem.kind == kind)
        elif ASSIGNEE_ROLE[kind] == role:
            conditions.append(and_(ReferenceItem.kind == kind, ReferenceItem.assignee == username))
    # A send-back goes to the record's author, whatever their role, and never moves.
    conditions.append(and_(ReferenceItem.kind == SEND_BACK, ReferenceItem.assignee == username))
    return or_(*conditions)


def _access_kinds(account: Account) -> list[str]:
    """Kinds for which ``reference_access`` rows speak to the account (its role alone
    does not show it every item of the kind)."""
    kinds = [kind for kind, role in ASSIGNEE_ROLE.items() if role == account.role]
    if account.role == "technician":
        kinds.append(OWNER)
    return kinds


def _read_one_snapshot(session: Session) -> None:
    """Begin a transaction whose reads all see one snapshot of the database.

    A pull reads three sources and moves the cursor past the highest sequence it
    saw; under PostgreSQL's default READ COMMITTED each statement sees the commits
    made before it, so a change committed between two of the reads could be passed
    over. (SQLite transactions here begin IMMEDIATE: nothing commits in between.)
    """
    session.commit()
    if session.get_bind().dialect.name == "postgresql":
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})


def pull_changes(session: Session, *, account: Account, cursor: int, limit: int) -> PullPage:
    _read_one_snapshot(session)
    estate_ids = sorted(account.estate_ids)
    # Each source is read up to limit + 1 so that, merged, we know if more remain.
    estates = session.scalars(
        select(Estate)
        .where(Estate.id.in_(estate_ids), Estate.change_seq > cursor)
        .order_by(Estate.change_seq)
        .limit(limit + 1)
    )
    merged = [_estate_item(estate) for estate in estates]

    items = session.scalars(
        select(ReferenceItem)
        .where(
            ReferenceItem.estate_id.in_(estate_ids),
            ReferenceItem.change_seq > cursor,
            _visible_by_role(account),
        )
        .order_by(ReferenceItem.change_seq)
        .limit(limit + 1)
    )
    merged += [_wire(item, item.change_seq, account.role, deleted=item.deleted) for item in items]

    access_kinds = _access_kinds(account)
    if access_kinds:
        shown = ReferenceAccess.granted & (ReferenceItem.change_seq > ReferenceAccess.change_seq)
        seq = case((shown, ReferenceItem.change_seq), else_=ReferenceAccess.change_seq)
        rows = session.execute(
            select(ReferenceItem, ReferenceAccess.granted, seq.label("seq"))
            .join(ReferenceAccess, ReferenceAccess.item_id == ReferenceItem.id)
            .where(
                ReferenceAccess.username == account.username,
                ReferenceItem.estate_id.in_(estate_ids),
                ReferenceItem.kind.in_(access_kinds),
                # An assignee's own item comes through the first query.
                or_(ReferenceItem.assignee.is_(None), ReferenceItem.assignee != account.username),
                seq > cursor,
            )
            .order_by(seq)
            .limit(limit + 1)
        )
        merged += [
            _wire(item, row_seq, account.role, deleted=item.deleted or not granted)
            for item, granted, row_seq in rows
        ]

    merged.sort(key=lambda wire: wire["seq"])
    page = merged[:limit]
    return PullPage(
        items=page,
        next_cursor=page[-1]["seq"] if page else cursor,
        has_more=len(merged) > limit,
        scope=pull_scope(account),
    )


def visible_item(
    session: Session, *, account: Account, kind: str, key: str
) -> ReferenceItem | None:
    """The live item if the account's estates include it; None otherwise (say 404)."""
    item = _find(session, kind, key)
    if item is None or item.deleted or item.estate_id not in account.estate_ids:
        return None
    return item
