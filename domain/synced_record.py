"""A record as the server accepted it, sent back down to the tablets that may read it.

Supervisors review the synced logs of their estates on a tablet too (read-only), and
the officer a shift is handed over to reads the handover note on theirs. So every
accepted revision is also reference data: the record's kind, its revision, its author,
when the server accepted it, the payload as pushed and the photos it names. The id is
the record's own UUID; a later revision replaces the item.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from domain.limits import MAX_REVISION
from domain.records import RECORD_KINDS, validate_record
from domain.text import Text
from domain.times import to_iso
from domain.validation import Fields, Problem, build

_NOT_A_RECORD = Problem(
    "invalid_record",
    Text("记录内容不符合其类型。", "The payload is not a valid record of its kind."),
)
_UNKNOWN_KIND = Problem("unknown_kind", Text("未知的记录类型。", "Unknown record kind."))


@dataclass(frozen=True)
class SyncedRecord:
    id: str
    estate_id: str
    kind: str
    revision: int
    author: str
    received_at: datetime
    payload: dict[str, Any]
    photos: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "estate_id": self.estate_id,
            "kind": self.kind,
            "revision": self.revision,
            "author": self.author,
            "received_at": to_iso(self.received_at),
            "payload": self.payload,
            "photos": list(self.photos),
        }

    @classmethod
    def from_dict(cls, data: object) -> SyncedRecord:
        return build(data, read_synced_record)


def _payload(value: object) -> dict[str, Any] | Problem:
    if not isinstance(value, dict):
        return _NOT_A_RECORD
    return value


def read_synced_record(f: Fields) -> SyncedRecord | None:
    kind = f.ref("kind")
    payload = f.value("payload", _payload)
    if kind is not None and kind not in RECORD_KINDS:
        f.add("kind", _UNKNOWN_KIND)
    elif kind is not None and payload is not None and validate_record(kind, payload):
        f.add("payload", _NOT_A_RECORD)
    record = SyncedRecord(
        id=f.ref("id"),
        estate_id=f.ref("estate_id"),
        kind=kind,
        revision=f.integer("revision", minimum=1, maximum=MAX_REVISION),
        author=f.ref("author"),
        received_at=f.moment("received_at"),
        payload=payload,
        photos=f.photos("photos"),
    )
    return record if f.clean else None
