"""Content-addressed photo uploads: resumable chunks, or several whole photos at once.

A photo is known by its SHA-256. The client asks which photos the server has
(``photo_states``) and sends the rest: a big one in chunks at the offset the
server reports (``put_photo_chunk``), small ones whole, several to a request
(``put_photo_batch``), so that each costs no request and no commit of its own.
Before a photo is kept the server checks its digest; a mismatch discards it.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server.db.models import Account, Photo, Record, RecordPhoto
from server.db.types import utcnow
from server.errors import ApiError
from server.photo_storage import PhotoStorage
from server.services.completeness import refresh_records_using
from sync import protocol


def _state(sha256: str, photo: Photo | None) -> dict:
    if photo is None:
        return {"sha256": sha256, "state": protocol.PHOTO_MISSING, "received": 0}
    state = protocol.PHOTO_HAVE if photo.complete else protocol.PHOTO_PARTIAL
    return {"sha256": sha256, "state": state, "received": photo.received}


def photo_states(session: Session, *, account: Account, hashes: list[str]) -> list[dict]:
    """Each photo's state (have, partial, missing) and bytes received, in request order.

    A photo no record of the account's estates names is answered as missing, as an
    unknown photo is: whether another estate holds it is none of this device's
    business. The tablet pushes a record before its photos, so its own are named.
    """
    foreign = _unreferenced_by_account(session, account=account, hashes=list(set(hashes)))
    wanted = set(hashes) - foreign
    photos = {
        photo.sha256: photo
        for photo in session.scalars(select(Photo).where(Photo.sha256.in_(wanted)))
    }
    return [_state(sha, photos.get(sha)) for sha in hashes]


def _unreferenced_by_account(session: Session, *, account: Account, hashes: list[str]) -> set[str]:
    """The photos of ``hashes`` that no record in the account's estates names.

    The estate is checked here rather than in SQL: given both conditions, SQLite
    walks every record of the estate (hundreds of thousands, in time) instead of
    the few rows that name these photos.
    """
    named = session.execute(
        select(RecordPhoto.sha256, Record.estate_id)
        .join(Record, RecordPhoto.record_id == Record.id)
        .where(RecordPhoto.sha256.in_(hashes))
    )
    estates = set(account.estate_ids)
    return set(hashes) - {sha for sha, estate_id in named if estate_id in estates}


def _start_upload(session: Session, *, sha256: str, total_size: int) -> Photo:
    """The row of a new upload; 409 if another request started the same photo first."""
    photo = Photo(sha256=sha256, size=total_size, received=0)
    session.add(photo)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        current = session.get(Photo, sha256)
        raise ApiError(
            409, "offset_mismatch", extra={"received": current.received if current else 0}
        ) from None
    return photo


def put_photo_chunk(
    session: Session,
    *,
    storage: PhotoStorage,
    account: Account,
    sha256: str,
    offset: int,
    total_size: int,
    data: bytes,
    max_size: int,
) -> dict:
    """Append ``data`` at ``offset``; returns the photo's state afterwards.

    Only photos named by a record in one of the account's estates are
    accepted, so a device cannot fill the disk with unrelated files.
    """
    if not protocol.is_sha256_hex(sha256):
        raise ApiError(400, "invalid_sha256")
    if total_size < 1:
        raise ApiError(400, "invalid_photo_size")
    if total_size > max_size:
        raise ApiError(413, "photo_too_large")
    if _unreferenced_by_account(session, account=account, hashes=[sha256]):
        raise ApiError(404, "photo_not_referenced")

    photo = session.get(Photo, sha256, with_for_update=True)
    if photo is not None and photo.complete:
        return _state(sha256, photo)  # already kept: a repeated upload changes nothing
    received = photo.received if photo else 0
    if photo is not None and photo.size != total_size:
        raise ApiError(409, "photo_size_mismatch", extra={"received": received})
    if offset != received:
        raise ApiError(409, "offset_mismatch", extra={"received": received})
    if not data:
        raise ApiError(400, "empty_chunk")
    if offset + len(data) > total_size:
        raise ApiError(400, "chunk_exceeds_size")

    if photo is None:
        photo = _start_upload(session, sha256=sha256, total_size=total_size)
    storage.write_chunk(sha256, offset, data)
    photo.received = offset + len(data)

    if photo.received == total_size:
        # Most photos come in one chunk: hash what is in memory rather than read it back.
        whole = offset == 0
        digest = hashlib.sha256(data).hexdigest() if whole else storage.partial_digest(sha256)
        if digest != sha256:
            storage.discard_partial(sha256)
            session.execute(delete(Photo).where(Photo.sha256 == sha256))
            session.commit()
            raise ApiError(422, "photo_hash_mismatch")
        storage.promote(sha256)
        photo.complete = True
        photo.completed_at = utcnow()
        session.flush()
        refresh_records_using(session, photos=[sha256])
    session.commit()
    return _state(sha256, photo)


def put_photo_batch(
    session: Session,
    *,
    storage: PhotoStorage,
    account: Account,
    photos: list[tuple[str, bytes]],
    max_size: int,
) -> list[dict]:
    """Keep whole photos in one transaction; returns each one's state afterwards, in order.

    All or nothing: every photo is checked (its size, a record of the account's
    estates naming it, its bytes hashing to its name) before any is written, and
    the error names the first photo that failed. Each file is durable before the
    one commit that says the photos are complete. A photo the server already has
    is left as it is; one partly uploaded in chunks is completed by its whole bytes.
    """
    hashes = [sha for sha, _ in photos]
    for sha, data in photos:
        if len(data) > max_size:
            raise ApiError(413, "photo_too_large", extra={"sha256": sha})
    unreferenced = _unreferenced_by_account(session, account=account, hashes=hashes)
    for sha, data in photos:
        if sha in unreferenced:
            raise ApiError(404, "photo_not_referenced", extra={"sha256": sha})
        if hashlib.sha256(data).hexdigest() != sha:
            raise ApiError(422, "photo_hash_mismatch", extra={"sha256": sha})
    try:
        held = _keep_whole(session, storage, photos)
    except IntegrityError:
        # Another request started one of these photos between our read and our insert:
        # its row is there now (the insert waited for it), so the second try finds it.
        session.rollback()
        held = _keep_whole(session, storage, photos)
    session.commit()
    return [_state(sha, held[sha]) for sha in hashes]


def _keep_whole(
    session: Session, storage: PhotoStorage, photos: list[tuple[str, bytes]]
) -> dict[str, Photo]:
    """Rows first (locking them, or inserting and so claiming them), then the files,
    then the rows say complete. Returns every photo's row by hash."""
    hashes = [sha for sha, _ in photos]
    held = {
        photo.sha256: photo
        for photo in session.scalars(
            select(Photo).where(Photo.sha256.in_(hashes)).with_for_update()
        )
    }
    incoming = [(sha, data) for sha, data in photos if not (sha in held and held[sha].complete)]
    for sha, data in incoming:
        if sha not in held:
            held[sha] = Photo(sha256=sha, size=len(data), received=0)
            session.add(held[sha])
    session.flush()
    storage.keep_whole(incoming)
    completed_at = utcnow()
    for sha, data in incoming:
        photo = held[sha]
        photo.size = photo.received = len(data)
        photo.complete = True
        photo.completed_at = completed_at
    session.flush()
    if incoming:
        refresh_records_using(session, photos=[sha for sha, _ in incoming])
    return held


def read_reviewed_photo(
    session: Session, *, storage: PhotoStorage, account: Account, sha256: str
) -> bytes:
    """A whole photo of a record in one of a supervisor's estates, for review on a tablet.

    Other roles get 403; a photo no record of the estates names, or not yet complete,
    404 (as an unknown one: the answer tells nothing of another estate's photos).
    """
    if account.role != "supervisor":
        raise ApiError(403, "forbidden")
    if not protocol.is_sha256_hex(sha256):
        raise ApiError(404, "not_found")
    found = session.scalar(
        select(RecordPhoto.sha256)
        .join(Record, Record.id == RecordPhoto.record_id)
        .join(Photo, Photo.sha256 == RecordPhoto.sha256)
        .where(
            RecordPhoto.sha256 == sha256,
            Record.estate_id.in_(sorted(account.estate_ids)),
            Photo.complete.is_(True),
        )
        .limit(1)
    )
    if found is None:
        raise ApiError(404, "not_found")
    return storage.read(sha256)
