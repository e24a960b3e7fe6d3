"""Forms in progress, saved as the staff member types.

A draft is keyed by the form it belongs to (``"complaint:new"``,
``"repair_check:<work order id>"``), so reopening the app after it was killed
puts every half-filled form back exactly as it was.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from mobile.store.photos import hashes_named_in
from mobile.store.records import Clock, utc_now
from mobile.store.tinydb_journal import JournalTable


@dataclass(frozen=True)
class Draft:
    key: str
    fields: dict[str, Any]
    photos: tuple[str, ...]
    updated_at: datetime


class DraftStore:
    def __init__(self, table: JournalTable, now: Clock = utc_now):
        self._table = table
        self._now = now

    def save(self, key: str, fields: Mapping[str, Any], photos: tuple[str, ...] = ()) -> None:
        """Durably replace the draft for ``key`` (called on every keystroke batch)."""
        doc = {
            "fields": dict(fields),
            "photos": list(photos),
            "updated_at": self._now().isoformat(),
        }
        self._table.upsert(self._table.document_class(doc, key))

    def load(self, key: str) -> Draft | None:
        doc = self._table.get(doc_id=key)
        return _draft(key, doc) if doc is not None else None

    def discard(self, key: str) -> None:
        self._table.remove(doc_ids=[key])

    def photo_hashes_in_use(self) -> set[str]:
        """Every photo some draft names, in its photo list or its fields."""
        return {h for doc in self._table for h in hashes_named_in([doc["photos"], doc["fields"]])}

    def all(self) -> list[Draft]:
        return sorted(
            (_draft(doc.doc_id, doc) for doc in self._table),
            key=lambda d: d.updated_at,
            reverse=True,
        )


def _draft(key: str, doc: Mapping[str, Any]) -> Draft:
    return Draft(
        key=key,
        fields=doc["fields"],
        photos=tuple(doc["photos"]),
        updated_at=datetime.fromisoformat(doc["updated_at"]),
    )
