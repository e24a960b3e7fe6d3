"""Every accepted revision goes back down as reference data (``synced_record``).

Supervisors review the synced logs of their estates on their tablets, read-only, and
the officer a shift is handed over to reads the note on theirs: both pull it like any
other reference item (``server.services.reference`` decides who receives it). The item
is written in the record's own savepoint, so it commits with the record or not at all;
a later revision replaces it, and a handover readdressed to someone else becomes a
tombstone for the first receiver.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from domain.records import Record as DomainRecord
from domain.records import author_of
from domain.times import to_iso
from server.services.accepted import Accepted
from server.services.reference import SYNCED_RECORD, store_reference_item
from server.services.usernames import normalise_username


def publish_record(
    session: Session, record: Accepted, revision: int, payload: dict[str, Any], parsed: DomainRecord
) -> None:
    data = {
        "id": record.id,
        "estate_id": record.estate_id,
        "kind": record.kind,
        "revision": revision,
        "author": normalise_username(author_of(record.kind, parsed)),
        "received_at": to_iso(record.updated_at),
        "payload": payload,
        "photos": record.photos,
    }
    store_reference_item(
        session,
        kind=SYNCED_RECORD,
        key=record.id,
        data=data,
        estate_id=record.estate_id,
        changed_by_record=record.id,
    )
