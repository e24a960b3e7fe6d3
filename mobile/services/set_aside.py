"""What a person can do with a record set aside because a photo of it is missing or damaged.

The sync engine checks every photo against its hash before it sends a record; a
record whose photo is gone or damaged stays on the tablet, ``rejected``, with
code ``photo_missing`` or ``photo_damaged`` and the photos it concerns, while
everything else syncs. The screen offers three ways out:

    retake_photo       a new photo in the bad one's place (``store.photos.add`` first)
    remove_bad_photos  the record without the photos it lacks
    discard            ``store.records.discard``: give the record up

The first two make a new revision, pending again; the photo's hash is replaced or
removed wherever the record names it: its photo list and its form (a checkpoint's
photos, a repair's before and after).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from domain.rejection import PHOTO_DAMAGED, PHOTO_MISSING
from domain.text import ExplainedError, Text
from mobile.store.records import StoredRecord, SyncState
from mobile.store.store import Store


class NotSetAsideForAPhoto(ExplainedError):
    text = Text(
        "这条记录不是因为照片问题而暂停的，无需处理照片。",
        "This record is not waiting because of a photo; there is no photo to deal with.",
    )


def bad_photos(record: StoredRecord) -> tuple[str, ...]:
    """The photos that hold ``record`` back; empty if that is not why it waits."""
    rejection = record.rejection
    if record.sync_state is not SyncState.REJECTED or rejection is None:
        return ()
    return rejection.photos if rejection.code in (PHOTO_MISSING, PHOTO_DAMAGED) else ()


def remove_bad_photos(store: Store, record_id: str) -> StoredRecord:
    """The record as it is, without the photos it lacks: a new revision, pending."""
    bad = set(_bad_photos_of(store, record_id))
    return _change_photos(store, record_id, lambda sha: None if sha in bad else sha)


def retake_photo(store: Store, record_id: str, bad_sha: str, new_sha: str) -> StoredRecord:
    """``new_sha`` (already in the photo store) where the record named ``bad_sha``."""
    if bad_sha not in _bad_photos_of(store, record_id):
        raise NotSetAsideForAPhoto(detail=f"{record_id}: {bad_sha} is not a bad photo of it")
    return _change_photos(store, record_id, lambda sha: new_sha if sha == bad_sha else sha)


def _bad_photos_of(store: Store, record_id: str) -> tuple[str, ...]:
    bad = bad_photos(store.records.get(record_id))
    if not bad:
        raise NotSetAsideForAPhoto(detail=record_id)
    return bad


def _change_photos(
    store: Store, record_id: str, change: Callable[[str], str | None]
) -> StoredRecord:
    record = store.records.get(record_id)
    photos = [new for new in map(change, record.photos) if new is not None]
    payload = _map_photos(record.payload, set(record.photos), change)
    return store.records.edit(record_id, payload, photos)


def _map_photos(value: Any, hashes: set[str], change: Callable[[str], str | None]) -> Any:
    """``value`` with every photo hash in it changed (dropped from lists when None)."""
    if isinstance(value, dict):
        return {key: _map_photos(item, hashes, change) for key, item in value.items()}
    if isinstance(value, list):
        mapped = [_map_photos(item, hashes, change) for item in value]
        return [item for item in mapped if item is not None]
    if isinstance(value, str) and value in hashes:
        return change(value)
    return value
