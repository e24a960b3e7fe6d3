"""The store, as the sync engine's outbox (sync/outbox.py): records become wire envelopes.

A conflict (the server holds other content for this revision, or a work order
changed on the server since the device saw it) is kept like a rejection, with
the conflict's reason as its code (``domain/rejection.py``): the device's
version stays as it is until a person edits it (a new revision) or discards it.

A store error in the middle of a pass (a full disk, damaged data, a photo
gone) leaves here as ``TabletStoreFailed``, with words for the sync bar that
say what happened to syncing and what the user can do; the store's own words
are about a save that failed.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from datetime import datetime

from domain.rejection import PHOTO_DAMAGED, PHOTO_MISSING, Rejection
from domain.text import Text
from mobile.store.errors import (
    DiskFull,
    PhotoNotFound,
    ReadOnlyStorage,
    StoreCorrupted,
    StoreError,
    StoreFromNewerApp,
)
from mobile.store.records import StoredRecord, utc_now
from mobile.store.store import Store
from sync import protocol
from sync.errors import TabletStoreFailed

# What the sync bar says when the store fails mid-pass; the first match counts.
SYNC_STOPPED_BY: list[tuple[type[StoreError], Text]] = [
    (
        DiskFull,
        Text(
            "本机存储空间已满，同步已暂停。请清理空间（删除不需要的文件或应用），"
            "之后会自动继续同步；已保存的记录完好。",
            "The tablet's storage is full, so syncing has paused. Free some space "
            "(delete files or apps you do not need); syncing then resumes by itself. "
            "Saved records are intact.",
        ),
    ),
    (
        ReadOnlyStorage,
        Text(
            "本机存储变为只读，同步已暂停。请重启平板；如仍出现，请联系管理员。已保存的记录完好。",
            "The tablet's storage has become read-only, so syncing has paused. Restart "
            "the tablet; if it happens again, contact your administrator. Saved records "
            "are intact.",
        ),
    ),
    (
        StoreCorrupted,
        Text(
            "本机数据文件已损坏，同步已暂停。请联系管理员，切勿删除应用数据。",
            "The on-device data file is damaged, so syncing has paused. Contact your "
            "administrator; do not clear app data.",
        ),
    ),
    (
        StoreFromNewerApp,
        Text(
            "本机数据来自更新版本的应用，同步已暂停。请更新应用。",
            "The on-device data comes from a newer version of the app, so syncing has "
            "paused. Please update the app.",
        ),
    ),
    (
        PhotoNotFound,
        Text(
            "一张待上传的照片在本机找不到了。同步会自动重试，并把缺少照片的记录单独列出，"
            "供您重拍、删除照片或放弃。",
            "A photo waiting to upload is no longer on this tablet. Sync will retry by "
            "itself and list the record that lacks it, for you to retake the photo, "
            "remove it or discard the record.",
        ),
    ),
]


def _store_errors_stop_sync(method):
    """A store error leaves ``method`` as ``TabletStoreFailed``, with the sync bar's words."""

    @functools.wraps(method)
    def translated(*args, **kwargs):
        try:
            return method(*args, **kwargs)
        except StoreError as error:
            text = next((t for kind, t in SYNC_STOPPED_BY if isinstance(error, kind)), None)
            raise TabletStoreFailed(f"{type(error).__name__}: {error.detail}", text) from error

    return translated


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
    def __init__(self, store: Store, now: Callable[[], datetime] = utc_now):
        self.store = store
        self.now = now

    @_store_errors_stop_sync
    def take_batch(self, limit: int, max_bytes: int) -> list[dict]:
        taken = self.store.records.mark_sending(self.store.records.pending_ids(limit))
        batch, size = [], len(protocol.canonical_json({"records": []})) - 1
        for record in taken:
            wire = envelope(record)
            size += wire_size(wire)
            if batch and size > max_bytes:
                break
            batch.append(wire)
        self.release([record.id for record in taken[len(batch) :]])
        return batch

    @_store_errors_stop_sync
    def release(self, record_ids: Sequence[str]) -> None:
        self.store.records.release_sending(record_ids)

    @_store_errors_stop_sync
    def release_all(self) -> None:
        self.store.records.release_sending()

    @_store_errors_stop_sync
    def mark_synced(self, confirmed: Sequence[tuple[str, int]]) -> None:
        self.store.records.mark_all_synced(dict(confirmed))

    @_store_errors_stop_sync
    def mark_rejected(self, record_id: str, revision: int, rejection: Rejection) -> None:
        self.store.records.mark_rejected(record_id, revision, rejection)

    @_store_errors_stop_sync
    def photo_problem(self, sha256: str) -> str | None:
        if not protocol.is_sha256_hex(sha256):
            return None  # not a photo's name: the server refuses the record, per field
        if not self.store.photos.has(sha256):
            return PHOTO_MISSING
        return None if self.store.photos.verify(sha256) else PHOTO_DAMAGED

    @_store_errors_stop_sync
    def photo_bytes(self, sha256: str) -> bytes:
        return self.store.photos.open_bytes(sha256)

    @_store_errors_stop_sync
    def photo_size(self, sha256: str) -> int:
        return self.store.photos.size(sha256)

    @_store_errors_stop_sync
    def pending_records(self) -> int:
        return len(self.store.records.pending_ids())

    @_store_errors_stop_sync
    def pending_counts(self) -> tuple[int, int]:
        waiting = self.store.records.pending()
        return len(waiting), len({sha for record in waiting for sha in record.photos})

    @_store_errors_stop_sync
    def oldest_pending_age_seconds(self) -> float | None:
        oldest = self.store.records.oldest_pending_created_at()
        return None if oldest is None else (self.now() - oldest).total_seconds()

    @_store_errors_stop_sync
    def pull_cursor(self) -> int:
        return self.store.reference.cursor()

    @_store_errors_stop_sync
    def pull_scope(self) -> str | None:
        return self.store.reference.scope()

    @_store_errors_stop_sync
    def apply_pulled(self, items: Sequence[dict], next_cursor: int, scope: str) -> None:
        self.store.reference.apply_page(items, next_cursor, scope)

    @_store_errors_stop_sync
    def start_over(self, scope: str) -> None:
        self.store.reference.start_over(scope)
