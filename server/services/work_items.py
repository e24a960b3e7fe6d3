"""Work the server hands to staff (work orders, visit tasks), kept as reference items.

Work orders and visit tasks travel to the tablets in the pull feed like any reference
item (``server.services.reference`` stores them as the domain object's ``to_dict()`` and
decides who receives them: their assignee, and supervisors). There is no table of their
own: deadlines are computed from them when read (``domain.deadlines``).

Who gets the work (the assignment policy):

- a **work order** goes to the estate's active technician with the fewest open work
  orders (assigned, in progress or on hold), ties broken by username; with no technician
  in the estate it goes to ``DISPATCHER``, a placeholder a supervisor sees and reassigns;
- a **visit task** goes to a preferred service account when one is named and is an
  active service account of the estate (the receiver of a complaint follows it to the
  end), otherwise to the estate's active service account with the fewest pending visit
  tasks, ties by username; with none, to ``DISPATCHER``.

Staff ids in records and work are account usernames (``staff_id``, ``technician_id``).
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.roles import Role
from domain.visit_task import VisitTaskStatus
from domain.work_order import WorkOrderStatus
from server.db.models import Account, ReferenceItem, account_estates
from server.services.accepted import Accepted
from server.services.reference import (
    VISIT_TASK,
    WORK_ORDER,
    owners_in_rooms,
    store_reference_item,
)

# Assignee when the estate has nobody of the role needed: a supervisor reassigns.
DISPATCHER = "dispatcher"

OPEN_WORK_ORDER = frozenset(
    status.value
    for status in (WorkOrderStatus.ASSIGNED, WorkOrderStatus.IN_PROGRESS, WorkOrderStatus.ON_HOLD)
)
PENDING_VISIT_TASK = frozenset({VisitTaskStatus.PENDING.value})

# Fixed for good: ids derived from it must come out the same on every server, forever.
_NAMESPACE = uuid.UUID("5b0e6f0c-3f55-4d6e-9a8e-6c1f2f1d7a41")


def derived_id(*parts: str) -> str:
    """A UUID that depends only on ``parts``: the same work is never raised twice."""
    return str(uuid.uuid5(_NAMESPACE, "\x1f".join(parts)))


def find_item(session: Session, kind: str, key: str) -> ReferenceItem | None:
    """The item, tombstone included (work deleted by a supervisor is not raised again)."""
    return session.scalar(
        select(ReferenceItem).where(ReferenceItem.kind == kind, ReferenceItem.key == key)
    )


def live_items(session: Session, kind: str, estate_ids: Iterable[str]) -> list[ReferenceItem]:
    return list(
        session.scalars(
            select(ReferenceItem)
            .where(
                ReferenceItem.kind == kind,
                ReferenceItem.estate_id.in_(list(estate_ids)),
                ReferenceItem.deleted.is_(False),
            )
            .order_by(ReferenceItem.id)
        )
    )


def publish(
    session: Session, record: Accepted, *, kind: str, key: str, data: dict[str, Any]
) -> ReferenceItem:
    """Create or replace an item of ``record``'s estate in the pull feed, as work that
    record raised, *without committing*: the caller's transaction (the record's
    savepoint) commits the work with the record, or neither. An item whose content
    is unchanged keeps its sequence number (and who last changed it)."""
    item = find_item(session, kind, key)
    estate_id = record.estate_id
    if item is not None and not item.deleted and item.estate_id == estate_id and item.data == data:
        return item
    return store_reference_item(
        session, kind=kind, key=key, data=data, estate_id=estate_id, changed_by_record=record.id
    )


def staff_of(session: Session, estate_id: str, role: str) -> list[str]:
    """Usernames of the estate's active accounts with ``role``, sorted."""
    return list(
        session.scalars(
            select(Account.username)
            .join(account_estates, account_estates.c.account_id == Account.id)
            .where(
                account_estates.c.estate_id == estate_id,
                Account.role == role,
                Account.active.is_(True),
            )
            .order_by(Account.username)
        )
    )


def _least_loaded(candidates: list[str], load: Counter[str | None]) -> str:
    if not candidates:
        return DISPATCHER
    return min(candidates, key=lambda username: (load[username], username))


def assign_technician(session: Session, estate_id: str) -> str:
    load = Counter(
        item.assignee
        for item in live_items(session, WORK_ORDER, [estate_id])
        if item.data.get("status") in OPEN_WORK_ORDER
    )
    return _least_loaded(staff_of(session, estate_id, Role.TECHNICIAN), load)


def assign_service(session: Session, estate_id: str, preferred: str | None = None) -> str:
    staff = staff_of(session, estate_id, Role.SERVICE)
    if preferred is not None and preferred.strip().lower() in staff:
        return preferred.strip().lower()
    load = Counter(
        item.assignee
        for item in live_items(session, VISIT_TASK, [estate_id])
        if item.data.get("status") in PENDING_VISIT_TASK
    )
    return _least_loaded(staff, load)


def owner_of_room(session: Session, estate_id: str, room_id: str) -> str | None:
    """The id of an owner archived for the room (the first by key), if any."""
    owner = session.scalar(owners_in_rooms(estate_id, [room_id]).order_by(ReferenceItem.key))
    return owner.key if owner is not None else None
