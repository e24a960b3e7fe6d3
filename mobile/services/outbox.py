"""The store, as the sync engine's outbox (sync/outbox.py): records become wire envelopes.

A conflict (the server holds other content for this revision, or a work order
changed on the server since the device saw it) is kept like a rejection, with
the conflict's reason as its code (``domain/rejection.py``): the device's
version stays as it is until a person edits it (a new revision) or discards it.

An outbox made with ``authors`` pushes only the records whose payload names one of
them as author (``domain.records.AUTHOR_FIELD``; None: a record saved before the
store indexed its author): each person's records go up under that person's own
token (mobile/services/every_author.py). What it counts for the sync bar is
everyone's.

A store error in the middle of a pass leaves here as ``TabletStoreFailed``
(mobile/services/store_failures.py).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import datetime

from domain.rejection import PHOTO_DAMAGED, PHOTO_MISSING, Rejection
from mobile.services.store_failures import store_errors_stop_sync
from mobile.store.records import StoredRecord, utc_now
from mobile.store.store import Store
from sync import protocol


def envelope(record: StoredRecord) -> dict:
    return {
        "id": record.id,
        "kind": record.kind,
        "revision": record.revision,
        "content_hash": protocol.content_hash(record.payload),
        "payload": record.payload,
        "photos": list(record.photos),
        "created_at": record.created_at.isoformat(),
        "updated_at": record.updated_at.isoformat(),
    }


def wire_size(envelope: dict) -> int:
    """Bytes the envelope takes in a push body (with the comma after it)."""
    return len(protocol.canonical_json(envelope)) + 1


class StoreOutbox:
    def __init__(
        self,
        store: Store,
        now: Callable[[], datetime] = utc_now,
        authors: Collection[str | None] | None = None,
    ):
        self.store = store
        self.now = now
        self.authors = authors

    @store_errors_stop_sync
    def take_batch(self, limit: int, max_bytes: int) -> list[dict]:
        ids = self.store.records.pending_ids(limit, self.authors)
        taken = self.store.records.mark_sending(ids)
        batch: list[dict] = []
        size = len(protocol.canonical_json({"records": []})) - 1
        for record in taken:
            wire = envelope(record)
            size += wire_size(wire)
            if batch and size > max_bytes:
                break
            batch.append(wire)
        self.release([record.id for record in taken[len(batch) :]])
        return batch

    @store_errors_stop_sync
    def release(self, record_ids: Sequence[str]) -> None:
        self.store.records.release_sending(record_ids)

    @store_errors_stop_sync
    def release_all(self) -> None:
        self.store.records.release_sending()

    @store_errors_stop_sync
    def mark_synced(self, confirmed: Sequence[tuple[str, int]]) -> None:
        self.store.records.mark_all_synced(dict(confirmed))

    @store_errors_stop_sync
    def mark_rejected(self, record_id: str, revision: int, rejection: Rejection) -> None:
        self.store.records.mark_rejected(record_id, revision, rejection)

    @store_errors_stop_sync
    def photo_problem(self, sha256: str) -> str | None:
        if not protocol.is_sha256_hex(sha256):
            return None  # not a photo's name: the server refuses the record, per field
        if not self.store.photos.has(sha256):
            return PHOTO_MISSING
        return None if self.store.photos.verify(sha256) else PHOTO_DAMAGED

    @store_errors_stop_sync
    def photo_bytes(self, sha256: str) -> bytes:
        return self.store.photos.open_bytes(sha256)

    @store_errors_stop_sync
    def photo_size(self, sha256: str) -> int:
        return self.store.photos.size(sha256)

    @store_errors_stop_sync
    def pending_records(self) -> int:
        return len(self.store.records.pending_ids(authors=self.authors))

    @store_errors_stop_sync
    def pending_counts(self) -> tuple[int, int]:
        waiting = self.store.records.pending()
        return len(waiting), len({sha for record in waiting for sha in record.photos})

    @store_errors_stop_sync
    def oldest_pending_age_seconds(self) -> float | None:
        oldest = self.store.records.oldest_pending_created_at()
        return None if oldest is None else (self.now() - oldest).total_seconds()

    @store_errors_stop_sync
    def pull_cursor(self) -> int:
        return self.store.reference.cursor()

    @store_errors_stop_sync
    def pull_scope(self) -> str | None:
        return self.store.reference.scope()

    @store_errors_stop_sync
    def apply_pulled(self, items: Sequence[dict], next_cursor: int, scope: str) -> None:
        self.store.reference.apply_page(items, next_cursor, scope)

    @store_errors_stop_sync
    def start_over(self, scope: str) -> None:
        self.store.reference.start_over(scope)
