"""Accepting a batch of records pushed from a tablet.

Each record is answered on its own (accepted, duplicate, conflict, rejected),
so a bad record never blocks the rest; the batch is committed before the
answer goes out. What the database knows of a batch (its stored records, their
revisions, which of its photos are complete) is read in three queries, and the
accepted records are written together in one savepoint. If that savepoint
fails (another push stored one of the same ids in between, or a value the
database cannot hold), or the batch names an id twice, the batch is taken again
one record at a time, each in its own savepoint and reading afresh. How a record is classified:

1. a malformed envelope (``protocol.record_problems``), a record the account may not
   write (``server.permissions.refuse_revision``: its kind, the stored record's estate,
   another account's record), or a content hash that does not match the payload:
   rejected;
2. the same id and revision as one already accepted: duplicate when the
   content (hash and photos) is the same, else conflict;
3. an older revision than the stored one: conflict (stale);
4. otherwise the payload is validated by the domain, then checked against the account
   (``server.permissions.refuse_content``: its estate, its author, the work order or
   visit task it acts on): rejected when either refuses;
5. a repair check made from a version of its work order that someone else has
   changed since: conflict, carrying the order as it is now (services.conflicts);
6. otherwise it is accepted as a new record or as the new content of a known one, and
   sent back down to the tablets that may read it (``services.record_feed``); a new
   revision of a known one answers the record's open send-backs (services.send_backs).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from domain.errors import InvalidRecord
from domain.records import RECORD_KINDS, parse_record
from server.db.models import Device, Photo, Record, RecordPhoto, RecordRevision
from server.db.types import utcnow
from server.errors import FieldProblem
from server.permissions import Earlier, refuse_content, refuse_revision
from server.services import record_feed
from server.services.accepted import Accepted
from server.services.audit import log_event
from server.services.conflicts import changed_work_order
from server.services.record_flags import PENDING_REVIEW, is_abnormal, reply_due
from server.services.round_coverage import accepted_round_columns
from server.services.send_backs import answer_send_backs
from server.services.workflows import on_record_accepted
from sync import protocol


@dataclass(frozen=True)
class Pushed:
    """A pushed record whose envelope is well formed."""

    id: str
    kind: str
    revision: int
    content_hash: str
    payload: dict[str, Any]
    photos: list[str]
    created_at: str
    updated_at: str

    @classmethod
    def from_wire(cls, raw: dict) -> Pushed:
        return cls(
            id=raw["id"],
            kind=raw["kind"],
            revision=raw["revision"],
            content_hash=raw["content_hash"],
            payload=raw["payload"],
            photos=list(raw.get("photos", [])),
            created_at=raw["created_at"],
            updated_at=raw["updated_at"],
        )


@dataclass
class Known:
    """What the database holds for the records of a batch."""

    records: dict[str, Record]
    revisions: dict[tuple[str, int], RecordRevision]
    complete_photos: set[str]
    history: dict[str, list[RecordRevision]] = field(default_factory=dict)

    @classmethod
    def read(cls, session: Session, records: Iterable[Pushed]) -> Known:
        records = list(records)
        ids = [record.id for record in records]
        hashes = {sha for record in records for sha in record.photos}
        stored = session.scalars(select(Record).where(Record.id.in_(ids)).with_for_update())
        revisions = list(
            session.scalars(select(RecordRevision).where(RecordRevision.record_id.in_(ids)))
        )
        history: dict[str, list[RecordRevision]] = {}
        for revision in revisions:
            history.setdefault(revision.record_id, []).append(revision)
        complete = session.scalars(
            select(Photo.sha256).where(Photo.sha256.in_(hashes), Photo.complete)
        )
        return cls(
            records={record.id: record for record in stored},
            revisions={(r.record_id, r.revision): r for r in revisions},
            complete_photos=set(complete) if hashes else set(),
            history=history,
        )

    def earlier(self, stored: Record | None) -> Earlier | None:
        """What the permission rules need to know of a stored record."""
        if stored is None:
            return None
        revisions = self.history.get(stored.id, [])
        first = min(revisions, key=lambda revision: revision.revision, default=None)
        made_by = first.account_id if first is not None else stored.account_id
        return Earlier(stored.estate_id, made_by=made_by, payload=stored.payload)

    def missing(self, photos: Iterable[str]) -> list[str]:
        return [sha for sha in dict.fromkeys(photos) if sha not in self.complete_photos]


@dataclass
class Writes:
    """The rows of the revisions accepted so far, written together by ``flush``: one
    bulk statement per table costs a fraction of an ORM object per row."""

    new_records: list[dict[str, Any]] = field(default_factory=list)
    changed_records: list[dict[str, Any]] = field(default_factory=list)
    revisions: list[dict[str, Any]] = field(default_factory=list)
    record_photos: list[dict[str, Any]] = field(default_factory=list)
    synced_records: list[dict[str, Any]] = field(default_factory=list)  # record_feed

    def flush(self, session: Session) -> None:
        if self.changed_records:
            ids = [row["id"] for row in self.changed_records]
            session.execute(delete(RecordPhoto).where(RecordPhoto.record_id.in_(ids)))
            session.execute(update(Record), self.changed_records)
        for model, rows in (
            (Record, self.new_records),
            (RecordRevision, self.revisions),
            (RecordPhoto, self.record_photos),
        ):
            if rows:
                session.execute(insert(model), rows)
        record_feed.insert_new(session, self.synced_records)
        self.new_records, self.changed_records, self.revisions, self.record_photos = [], [], [], []
        self.synced_records = []


def push_records(session: Session, *, device: Device, records: list[object]) -> list[dict]:
    """One result per record, in the order sent; everything accepted is committed."""
    checked = [_check_envelope(raw) for raw in records]
    pushed = [item for item in checked if isinstance(item, Pushed)]
    results = None
    if len({record.id for record in pushed}) == len(pushed):
        try:
            with session.begin_nested():
                known, writes = Known.read(session, pushed), Writes()
                results = [_answer(session, device, item, known, writes) for item in checked]
                writes.flush(session)
                session.flush()
        except (IntegrityError, DataError):
            results = None
    if results is None:
        results = [_answer_alone(session, device, item) for item in checked]
    counts = Counter(result["outcome"] for result in results)
    log_event(
        session,
        action="push",
        username=device.account.username,
        account_id=device.account_id,
        device_id=device.id,
        detail={"records": len(results), **counts},
    )
    session.commit()
    return results


def _check_envelope(raw: object) -> Pushed | dict:
    """The record, or the rejection of an envelope that is not well formed."""
    problems = protocol.record_problems(raw)
    if not problems and isinstance(raw, dict):  # (record_problems reports a non-object)
        return Pushed.from_wire(raw)
    record_id = raw.get("id") if isinstance(raw, dict) else None
    revision = raw.get("revision") if isinstance(raw, dict) else None
    # The id is echoed so that a client can tell which record this was, unless it is
    # text the answer could not carry either (a lone surrogate has no UTF-8 form).
    echoed = isinstance(record_id, str) and protocol.is_storable_text(record_id)
    return _rejected(
        record_id if echoed else None,
        revision if type(revision) is int else None,
        [FieldProblem.of(field, code) for field, code in problems],
    )


def _answer(
    session: Session, device: Device, item: Pushed | dict, known: Known, writes: Writes
) -> dict:
    return item if isinstance(item, dict) else _classify(session, device, item, known, writes)


def _answer_alone(session: Session, device: Device, item: Pushed | dict) -> dict:
    """One record in its own savepoint, reading what the database holds afresh."""
    if isinstance(item, dict):
        return item
    try:
        try:
            return _classify_alone(session, device, item)
        except IntegrityError:
            # Another push stored the same id and revision between our read and
            # our insert; read again, and it is now a duplicate or a conflict.
            return _classify_alone(session, device, item)
    except DataError:
        # A value this database cannot hold, which the checks did not foresee:
        # this record is refused, the rest of the batch goes on.
        return _rejected(item.id, item.revision, [FieldProblem.of("record", "unstorable")])


def _classify_alone(session: Session, device: Device, record: Pushed) -> dict:
    with session.begin_nested():
        writes = Writes()
        result = _classify(session, device, record, Known.read(session, [record]), writes)
        writes.flush(session)
        return result


def _classify(
    session: Session, device: Device, record: Pushed, known: Known, writes: Writes
) -> dict:
    account = device.account
    if record.kind not in RECORD_KINDS:
        return _rejected(record.id, record.revision, [FieldProblem.of("kind", "unknown_kind")])
    stored = known.records.get(record.id)
    earlier = known.earlier(stored)
    refusal = refuse_revision(account, record.kind, earlier)
    if refusal is not None:
        return _rejected(record.id, record.revision, [refusal])
    if protocol.content_hash(record.payload) != record.content_hash:
        return _rejected(
            record.id, record.revision, [FieldProblem.of("content_hash", "hash_mismatch")]
        )

    if stored is not None:
        if stored.kind != record.kind:
            return _rejected(record.id, record.revision, [FieldProblem.of("kind", "kind_mismatch")])
        before = known.revisions.get((record.id, record.revision))
        if before is not None:
            if before.content_hash == record.content_hash and before.photos == record.photos:
                return _stored(stored, record.revision, protocol.DUPLICATE, known)
            return _conflict(record, stored, protocol.CONFLICT_CONTENT_DIFFERS)
        if record.revision < stored.revision:
            return _conflict(record, stored, protocol.CONFLICT_STALE_REVISION)

    try:
        parsed = parse_record(record.kind, record.payload)
    except InvalidRecord as invalid:
        errors = [
            FieldProblem(f"payload.{error.field}", error.code, error.text)
            for error in invalid.errors
        ]
        return _rejected(record.id, record.revision, errors)
    refusals = refuse_content(session, account, record.kind, record.payload, parsed, earlier)
    if refusals:
        return _rejected(record.id, record.revision, refusals)
    estate_id = record.payload["estate_id"]
    work_order = changed_work_order(session, record.id, estate_id, parsed)
    if work_order is not None:
        return _conflict(
            record, stored, protocol.CONFLICT_WORK_ORDER_CHANGED, work_order=work_order
        )
    accepted = _store(session, device, stored, record, estate_id, known, writes)
    on_record_accepted(session, accepted, parsed)  # the work it raises commits with it, or neither
    synced = record_feed.synced_data(accepted, record.revision, record.payload, parsed)
    if record_feed.goes_in_bulk(synced, new=stored is None):
        writes.synced_records.append(synced)
    else:
        record_feed.publish_record(session, synced)
    if stored is not None:  # only a known record can have been sent back
        answer_send_backs(session, record_id=record.id, revision=record.revision)
    return _stored(accepted, record.revision, protocol.ACCEPTED, known)


def _store(
    session: Session,
    device: Device,
    stored: Record | None,
    record: Pushed,
    estate_id: str,
    known: Known,
    writes: Writes,
) -> Accepted:
    """Queue the accepted revision's rows (written with the rest of the batch)."""
    now = utcnow()
    complete = not known.missing(record.photos)
    row = {
        "id": record.id,
        "estate_id": estate_id,
        "revision": record.revision,
        "content_hash": record.content_hash,
        "payload": record.payload,
        "photos": record.photos,
        "complete": complete,
        "account_id": device.account_id,
        "device_id": device.id,
        "device_created_at": record.created_at,
        "device_updated_at": record.updated_at,
        "updated_at": now,
        "abnormal": is_abnormal(record.kind, record.payload),
        "reply_due_at": reply_due(record.kind, record.payload),
        "review_status": PENDING_REVIEW,  # a new revision is to review again
        **accepted_round_columns(session, record.kind, estate_id, record.payload, now),
    }
    if stored is None:
        writes.new_records.append({**row, "kind": record.kind, "received_at": now})
    else:
        writes.changed_records.append(row)
    writes.revisions.append(
        {
            "record_id": record.id,
            "revision": record.revision,
            "content_hash": record.content_hash,
            "payload": record.payload,
            "photos": record.photos,
            "account_id": device.account_id,
            "device_id": device.id,
            "received_at": now,
        }
    )
    writes.record_photos.extend(
        {"record_id": record.id, "sha256": sha} for sha in dict.fromkeys(record.photos)
    )
    return Accepted(record.id, record.kind, estate_id, record.photos, complete, now)


def _stored(stored: Record | Accepted, revision: int, outcome: str, known: Known) -> dict:
    return {
        "id": stored.id,
        "revision": revision,
        "outcome": outcome,
        "complete": stored.complete,
        "missing_photos": known.missing(stored.photos),
    }


def _conflict(
    record: Pushed, stored: Record | None, reason: str, **details: dict[str, Any]
) -> dict:
    return {
        "id": record.id,
        "revision": record.revision,
        "outcome": protocol.CONFLICT,
        "reason": reason,
        "server_revision": stored.revision if stored is not None else 0,
        **details,
    }


def _rejected(record_id: str | None, revision: int | None, errors: list[FieldProblem]) -> dict:
    return {
        "id": record_id,
        "revision": revision,
        "outcome": protocol.REJECTED,
        "errors": [error.to_dict() for error in errors],
    }
