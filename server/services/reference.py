"""Reference data for tablets, and pulling its changes by sequence number.

Every write takes a new ``change_seq`` (see server.services.changes); a pull
returns what changed after the client's cursor, in sequence order, limited
to the estates of the device's account (items without an estate go to all).
Deleting keeps the row as a tombstone so tablets learn of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from server.db.models import Account, Estate, ReferenceItem
from server.db.types import utcnow
from server.services.changes import next_change_seq

ESTATE_KIND = "estate"


def put_reference_item(
    session: Session, *, kind: str, key: str, data: dict[str, Any], estate_id: str | None
) -> ReferenceItem:
    """Create or replace an item (undeleting it if it was deleted)."""
    if kind == ESTATE_KIND:
        raise ValueError("estates are their own table; use accounts.create_estate")
    change_seq = next_change_seq(session)
    item = session.scalar(
        select(ReferenceItem).where(ReferenceItem.kind == kind, ReferenceItem.key == key)
    )
    if item is None:
        item = ReferenceItem(kind=kind, key=key)
        session.add(item)
    item.estate_id = estate_id
    item.data = data
    item.deleted = False
    item.change_seq = change_seq
    item.updated_at = utcnow()
    session.commit()
    return item


def delete_reference_item(session: Session, *, kind: str, key: str) -> None:
    item = session.scalar(
        select(ReferenceItem).where(ReferenceItem.kind == kind, ReferenceItem.key == key)
    )
    if item is None or item.deleted:
        return
    item.deleted = True
    item.change_seq = next_change_seq(session)
    item.updated_at = utcnow()
    session.commit()


@dataclass(frozen=True)
class PullPage:
    items: list[dict[str, Any]]
    next_cursor: int
    has_more: bool


def _estate_item(estate: Estate) -> dict[str, Any]:
    return {
        "seq": estate.change_seq,
        "kind": ESTATE_KIND,
        "key": estate.id,
        "estate_id": estate.id,
        "deleted": False,
        "data": {"id": estate.id, "name": estate.name, "address": estate.address},
    }


def _reference_item(item: ReferenceItem) -> dict[str, Any]:
    wire = {
        "seq": item.change_seq,
        "kind": item.kind,
        "key": item.key,
        "estate_id": item.estate_id,
        "deleted": item.deleted,
    }
    if not item.deleted:
        wire["data"] = item.data
    return wire


def pull_changes(session: Session, *, account: Account, cursor: int, limit: int) -> PullPage:
    estate_ids = account.estate_ids
    # Each source is read up to limit + 1 so that, merged, we know if more remain.
    estates = session.scalars(
        select(Estate)
        .where(Estate.id.in_(estate_ids), Estate.change_seq > cursor)
        .order_by(Estate.change_seq)
        .limit(limit + 1)
    )
    items = session.scalars(
        select(ReferenceItem)
        .where(
            or_(ReferenceItem.estate_id.in_(estate_ids), ReferenceItem.estate_id.is_(None)),
            ReferenceItem.change_seq > cursor,
        )
        .order_by(ReferenceItem.change_seq)
        .limit(limit + 1)
    )
    merged = sorted(
        [_estate_item(e) for e in estates] + [_reference_item(i) for i in items],
        key=lambda wire: wire["seq"],
    )
    page = merged[:limit]
    return PullPage(
        items=page,
        next_cursor=page[-1]["seq"] if page else cursor,
        has_more=len(merged) > limit,
    )
