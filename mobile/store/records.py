"""Field records with their sync state: the outbox is a state on the record, never a copy.

    create ──> pending ──mark_sending──> sending ──mark_synced──> synced ──prune──> (gone)
                  ^                         │  └──mark_rejected──> rejected ──discard──> (gone)
                  └──── edit (any state) ───┴── release_sending (push failed / app restarted)

Every local edit raises ``revision`` and makes the record pending again, so an
edit made while a push is in flight is never marked synced by that push's
answer: ``mark_synced`` and ``mark_rejected`` name the revision they answer.
Only synced records are removed on their own, and only once older than the
setting; a rejected one only when a person discards it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from domain.records import AUTHOR_FIELD
from domain.rejection import Rejection
from mobile.store.errors import RecordNotFound, RecordNotRejected
from mobile.store.photos import hashes_named_in
from mobile.store.tinydb_journal import JournalTable

Clock = Callable[[], datetime]

# Fields of a record kept in memory for queries without reading it from disk.
# ``author`` is the username the payload names as its author (``AUTHOR_FIELD``), copied
# beside it so that the sync can ask whose records wait without reading them.
INDEX_FIELDS = ("kind", "sync_state", "revision", "created_at", "synced_at", "author")


class SyncState(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SYNCED = "synced"
    REJECTED = "rejected"


@dataclass(frozen=True)
class StoredRecord:
    id: str
    kind: str
    payload: dict[str, Any]
    photos: tuple[str, ...]
    revision: int
    sync_state: SyncState
    created_at: datetime
    updated_at: datetime
    synced_at: datetime | None
    rejection: Rejection | None

    @classmethod
    def from_document(cls, doc: Mapping[str, Any]) -> StoredRecord:
        return cls(
            id=doc["id"],
            kind=doc["kind"],
            payload=doc["payload"],
            photos=tuple(doc["photos"]),
            revision=doc["revision"],
            sync_state=SyncState(doc["sync_state"]),
            created_at=datetime.fromisoformat(doc["created_at"]),
            updated_at=datetime.fromisoformat(doc["updated_at"]),
            synced_at=datetime.fromisoformat(doc["synced_at"]) if doc["synced_at"] else None,
            rejection=Rejection.from_dict(doc["rejection"]) if doc["rejection"] else None,
        )


def utc_now() -> datetime:
    return datetime.now(UTC)


class RecordStore:
    def __init__(self, table: JournalTable, now: Clock = utc_now):
        self._table = table
        self._now = now

    # -- the field worker's side ---------------------------------------------

    def create(
        self,
        kind: str,
        payload: Mapping[str, Any],
        photos: Sequence[str] = (),
        record_id: str | None = None,
        revision: int = 1,
    ) -> StoredRecord:
        """Save a new record durably; it is pending until the server confirms it.

        ``record_id`` and ``revision`` above 1 are for a record the server already has
        (a send-back's correction made on a tablet that no longer keeps it)."""
        stamp = self._now().isoformat()
        doc = {
            "id": record_id or str(uuid.uuid4()),
            "kind": kind,
            "payload": dict(payload),
            "photos": list(photos),
            "revision": revision,
            "sync_state": SyncState.PENDING.value,
            "created_at": stamp,
            "updated_at": stamp,
            "synced_at": None,
            "rejection": None,
            "author": author_named_in(kind, payload),
        }
        self._table.insert(self._table.document_class(doc, doc["id"]))
        return StoredRecord.from_document(doc)

    def edit(
        self,
        record_id: str,
        payload: Mapping[str, Any],
        photos: Sequence[str] | None = None,
    ) -> StoredRecord:
        """A local edit: a new revision, pending again whatever the state was."""
        stamp = self._now().isoformat()

        def apply(doc: dict) -> None:
            doc["payload"] = dict(payload)
            doc["author"] = author_named_in(doc["kind"], payload)
            if photos is not None:
                doc["photos"] = list(photos)
            doc["revision"] += 1
            doc["sync_state"] = SyncState.PENDING.value
            doc["updated_at"] = stamp
            doc["synced_at"] = None
            doc["rejection"] = None

        self._update(record_id, apply)
        return self.get(record_id)

    def get(self, record_id: str) -> StoredRecord:
        doc = self._table.get(doc_id=record_id)
        if doc is None:
            raise RecordNotFound(detail=record_id)
        return StoredRecord.from_document(doc)

    def find(
        self,
        kind: str | None = None,
        state: SyncState | None = None,
        created_since: datetime | None = None,
    ) -> list[StoredRecord]:
        """Records of a kind and/or state (and created since a moment), newest first.

        Each is read from disk: ask for what a screen shows, not for everything.
        """
        filters = {k: v for k, v in (("kind", kind), ("sync_state", state)) if v is not None}
        selected = self._select(**filters)
        if created_since is not None:
            selected = [s for s in selected if datetime.fromisoformat(_created(s)) >= created_since]
        ids = [doc_id for doc_id, _ in sorted(selected, key=_created, reverse=True)]
        return [StoredRecord.from_document(d) for d in self._table.get(doc_ids=ids)]

    # -- the sync engine's side (the outbox) ----------------------------------

    def pending(
        self, limit: int | None = None, authors: Collection[str | None] | None = None
    ) -> list[StoredRecord]:
        """Records waiting to be sent, oldest first (``authors`` as in ``pending_ids``)."""
        return [self.get(i) for i in self.pending_ids(limit, authors)]

    def pending_ids(
        self, limit: int | None = None, authors: Collection[str | None] | None = None
    ) -> list[str]:
        """The ids of records waiting to be sent, oldest first (from the index alone);
        with ``authors``, only those whose payload names one of them (None: a record
        saved before its author was indexed)."""
        selected = self._select(sync_state=SyncState.PENDING)
        if authors is not None:
            selected = [s for s in selected if s[1][_AUTHOR] in authors]
        return [i for i, _ in sorted(selected, key=_created)][:limit]

    def waiting_authors(self) -> set[str | None]:
        """Who made the records still waiting: pending, sending, or set aside for a
        person (rejected). From the index alone."""
        return {
            fields[_AUTHOR]
            for state in (SyncState.PENDING, SyncState.SENDING, SyncState.REJECTED)
            for _, fields in self._select(sync_state=state)
        }

    def mark_sending(self, record_ids: Iterable[str]) -> list[StoredRecord]:
        """Mark pending records as in flight; returns them as they are sent."""
        taken = []

        def apply(doc: dict) -> None:
            if doc["sync_state"] == SyncState.PENDING:
                doc["sync_state"] = SyncState.SENDING.value
                taken.append(StoredRecord.from_document(doc))

        self._table.update(apply, doc_ids=list(record_ids))
        return taken

    def mark_synced(self, record_id: str, revision: int) -> None:
        """The server has committed ``revision``; a later local edit keeps the record pending."""
        self.mark_all_synced({record_id: revision})

    def mark_all_synced(self, revisions: Mapping[str, int]) -> None:
        """``mark_synced`` for each record id and revision, in one durable step."""
        if not revisions:
            return
        stamp = self._now().isoformat()

        def apply(doc: dict) -> None:
            if doc["revision"] == revisions[doc["id"]] and doc["sync_state"] == SyncState.SENDING:
                doc["sync_state"] = SyncState.SYNCED.value
                doc["synced_at"] = stamp

        updated = self._table.update(apply, doc_ids=list(revisions))
        if len(updated) != len(revisions):
            raise RecordNotFound(detail=", ".join(sorted(set(revisions) - set(updated))))

    def mark_rejected(self, record_id: str, revision: int, rejection: Rejection) -> None:
        """``revision`` waits for a person (the server refused it, it conflicts, or its
        photo is missing or damaged); the record stays, with the reason."""

        def apply(doc: dict) -> None:
            if doc["revision"] == revision and doc["sync_state"] == SyncState.SENDING:
                doc["sync_state"] = SyncState.REJECTED.value
                doc["rejection"] = rejection.to_dict()

        self._update(record_id, apply)

    def discard(self, record_id: str) -> StoredRecord:
        """A person gives up a record the server refused; returns it as it was.

        Only a rejected record can go this way: anything else is still on its way
        to the server, and a field worker's record is never dropped unsent.
        """
        record = self.get(record_id)
        if record.sync_state is not SyncState.REJECTED:
            raise RecordNotRejected(detail=f"{record_id} is {record.sync_state.value}")
        self._table.remove(doc_ids=[record_id])
        return record

    def release_sending(self, record_ids: Iterable[str] | None = None) -> None:
        """Put in-flight records back to pending (a push failed, or the app restarted)."""
        ids = list(record_ids) if record_ids is not None else self._ids(sync_state="sending")

        def apply(doc: dict) -> None:
            if doc["sync_state"] == SyncState.SENDING:
                doc["sync_state"] = SyncState.PENDING.value

        self._table.update(apply, doc_ids=ids)

    def counts(self) -> dict[SyncState, int]:
        counted = {state: 0 for state in SyncState}
        for _, fields in self._select():
            counted[SyncState(fields[1])] += 1
        return counted

    def oldest_pending_created_at(self) -> datetime | None:
        waiting = self._select(sync_state=SyncState.PENDING) + self._select(
            sync_state=SyncState.SENDING
        )
        return datetime.fromisoformat(min(_created(w) for w in waiting)) if waiting else None

    def prune_synced(self, older_than: timedelta = timedelta(days=30)) -> list[StoredRecord]:
        """Remove records the server confirmed more than ``older_than`` ago; returns them."""
        cutoff = self._now() - older_than
        ids = [
            doc_id
            for doc_id, fields in self._select(sync_state=SyncState.SYNCED)
            if datetime.fromisoformat(fields[4]) < cutoff
        ]
        removed = [StoredRecord.from_document(d) for d in self._table.get(doc_ids=ids)]
        self._table.remove(doc_ids=ids)
        return removed

    def photo_hashes_in_use(self) -> set[str]:
        """Every photo some record names, in its photo list or its form (reads each
        record: for pruning, not screens)."""
        return {h for doc in self._table for h in hashes_named_in([doc["photos"], doc["payload"]])}

    # -- helpers ---------------------------------------------------------------

    def _update(self, record_id: str, apply: Callable[[dict], None]) -> None:
        if not self._table.update(apply, doc_ids=[record_id]):
            raise RecordNotFound(detail=record_id)

    def _select(self, **equals: Any) -> list[tuple[str, tuple]]:
        return self._table.select(**{k: str(v) for k, v in equals.items()})

    def _ids(self, **equals: Any) -> list[str]:
        return [doc_id for doc_id, _ in self._select(**equals)]


_AUTHOR = INDEX_FIELDS.index("author")


def author_named_in(kind: str, payload: Mapping[str, Any]) -> str | None:
    """The username a record's payload names as its author, if its kind has one."""
    field = AUTHOR_FIELD.get(kind)
    author = payload.get(field) if field else None
    return author if isinstance(author, str) else None


def _created(selected: tuple[str, tuple]) -> str:
    """Sort key: the creation stamp among a selection's indexed fields."""
    return selected[1][3]
