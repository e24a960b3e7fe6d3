"""Every accepted revision goes back down as reference data (``synced_record``).

Supervisors review the synced logs of their estates on their tablets, read-only, and
the officer a shift is handed over to reads the note on theirs: both pull it like any
other reference item (``server.services.reference`` decides who receives it). The item
is written in the record's own savepoint, so it commits with the record or not at all;
a later revision replaces it, and a handover readdressed to someone else becomes a
tombstone for the first receiver.

A new record that is not a handover (nobody's assignee, no access rows) is inserted
with the push's other bulk writes (``insert_new``): written one by one through
``store_reference_item``, a batch of 500 rounds took over ten times as long.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from domain.records import SHIFT_HANDOVER, author_of
from domain.records import Record as DomainRecord
from domain.times import to_iso
from server.db.models import ReferenceItem
from server.db.types import utcnow
from server.services.accepted import Accepted
from server.services.changes import reserve_change_seqs
from server.services.reference import SYNCED_RECORD, store_reference_item
from server.services.usernames import normalise_username


def synced_data(
    record: Accepted, revision: int, payload: dict[str, Any], parsed: DomainRecord
) -> dict[str, Any]:
    """The item's data (``domain.synced_record.SyncedRecord.to_dict()``)."""
    return {
        "id": record.id,
        "estate_id": record.estate_id,
        "kind": record.kind,
        "revision": revision,
        "author": normalise_username(author_of(record.kind, parsed)),
        "received_at": to_iso(record.updated_at),
        "payload": payload,
        "photos": record.photos,
    }


def goes_in_bulk(data: dict[str, Any], *, new: bool) -> bool:
    """Whether the item can be inserted with the batch (see the module's docstring)."""
    return new and data["kind"] != SHIFT_HANDOVER


def publish_record(session: Session, data: dict[str, Any]) -> None:
    """Write one item the full way (a later revision, a handover)."""
    store_reference_item(
        session,
        kind=SYNCED_RECORD,
        key=data["id"],
        data=data,
        estate_id=data["estate_id"],
        changed_by_record=data["id"],
    )


def insert_new(session: Session, items: list[dict[str, Any]]) -> None:
    """Insert the items of new records, one statement, numbered in order."""
    if not items:
        return
    now = utcnow()
    numbers = reserve_change_seqs(session, len(items))
    rows = [
        {
            "kind": SYNCED_RECORD,
            "key": data["id"],
            "estate_id": data["estate_id"],
            "data": data,
            "deleted": False,
            "change_seq": seq,
            "updated_at": now,
            "assignee": None,
            "room_id": None,
            "changed_by_record": data["id"],
        }
        for seq, data in zip(numbers, items, strict=True)
    ]
    session.execute(insert(ReferenceItem), rows)
