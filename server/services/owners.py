"""Reading one owner's archive (业主档案) in full, for the roles that need it, and
auditing every delivery of owners to a device.

The archive is confidential (DOMAIN.md): only service staff (who answer owners)
and supervisors read it in full, and only for their own estates. Every view is
written to the append-only audit log, whoever views it, with the device used; so
is every pull page that carries owners to a tablet (``log_owners_delivered``): who,
which device, which estate, how many owners and which.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain import rooms
from domain.validation import ID_LENGTH
from server.db.models import Device, ReferenceItem
from server.errors import ApiError
from server.services.audit import log_event
from server.services.reference import (
    BUILDING,
    OWNER,
    OWNER_ARCHIVE_ROLES,
    ROOM,
    UNIT,
    visible_item,
)

OWNER_VIEWED = "owner_viewed"
OWNERS_DELIVERED = "owners_delivered"


def _data(session: Session, kind: str, key: str | None) -> dict[str, Any] | None:
    if key is None:
        return None
    item = session.scalar(
        select(ReferenceItem).where(
            ReferenceItem.kind == kind, ReferenceItem.key == key, ReferenceItem.deleted.is_(False)
        )
    )
    return item.data if item is not None else None


def room_label(session: Session, room_id: str) -> str:
    """``3栋2单元1203`` for a room in the reference data; its id when it is not there."""
    room = _data(session, ROOM, room_id)
    if room is None:
        return room_id
    unit = _data(session, UNIT, room["unit_id"])
    building = _data(session, BUILDING, unit["building_id"] if unit else None)
    return rooms.room_label(
        building["name"] if building else None, unit["name"] if unit else None, room["number"]
    )


def view_owner(session: Session, *, device: Device, owner_id: str) -> dict[str, Any]:
    """The full archive of one owner; 403 for roles without the need to know, 404 for an
    owner that is not in one of the account's estates (or does not exist)."""
    account = device.account
    if account.role not in OWNER_ARCHIVE_ROLES:
        raise ApiError(403, "forbidden")
    # No stored key is longer than an id may be, or holds NUL (which PostgreSQL refuses).
    valid_key = len(owner_id) <= ID_LENGTH and "\x00" not in owner_id
    item = visible_item(session, account=account, kind=OWNER, key=owner_id) if valid_key else None
    if item is None:
        raise ApiError(404, "not_found")
    log_event(
        session,
        action=OWNER_VIEWED,
        username=account.username,
        account_id=account.id,
        device_id=device.id,
        detail={"owner_id": item.key, "estate_id": item.estate_id, "role": account.role},
    )
    session.commit()
    return {
        "estate_id": item.estate_id,
        "owner": item.data,
        "rooms": [
            {"id": room, "label": room_label(session, room)} for room in item.data["room_ids"]
        ],
    }


def log_owners_delivered(session: Session, *, device: Device, items: list[dict[str, Any]]) -> None:
    """One audit row per estate whose owners ``items`` (a pull page, in its wire form)
    carry to ``device``; tombstones carry no owner data and are not counted. The
    caller commits before the page is sent."""
    account = device.account
    delivered: dict[str, list[str]] = defaultdict(list)
    for item in items:
        if item["kind"] == OWNER and not item["deleted"]:
            delivered[item["estate_id"]].append(item["key"])
    for estate_id, owner_ids in sorted(delivered.items()):
        log_event(
            session,
            action=OWNERS_DELIVERED,
            username=account.username,
            account_id=account.id,
            device_id=device.id,
            detail={
                "estate_id": estate_id,
                "owners": len(owner_ids),
                "owner_ids": owner_ids,
                "role": account.role,
            },
        )
