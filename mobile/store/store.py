"""The tablet's offline store: records, drafts and photos in one data folder.

    store = Store.open(app.user_data_dir)
    record = store.submit("complaint:new", "complaint", payload, photos)
    ...
    store.close()

Layout of the data folder::

    db/        the journal (see journal.py): records, drafts, reference data, _meta
    photos/    photo files named by SHA-256, with thumbs/ (see photos.py)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

from mobile.store import records, reference
from mobile.store.drafts import DraftStore
from mobile.store.photos import PhotoStore
from mobile.store.records import Clock, RecordStore, StoredRecord, utc_now
from mobile.store.reference import ReferenceStore
from mobile.store.schema import migrate
from mobile.store.tinydb_journal import JournalDB, open_database

# Compact the journal when more than this share of it is superseded versions.
COMPACT_ABOVE_GARBAGE = 0.5
# A photo nothing names is kept this long after it was last added.
UNNAMED_PHOTO_GRACE = timedelta(days=7)


class Store:
    def __init__(self, db: JournalDB, photos: PhotoStore, now: Clock = utc_now):
        self.db = db
        self.photos = photos
        self._now = now
        self.records = RecordStore(db.table("records"), now)
        self.drafts = DraftStore(db.table("drafts"), now)
        self.reference = ReferenceStore(db.table("reference"), db.table("_meta"), self.journal)

    @classmethod
    def open(cls, directory: str | Path, now: Clock = utc_now) -> Store:
        """Open (or create) the store; a second process on the same folder gets StoreAlreadyOpen."""
        directory = Path(directory)
        db = open_database(
            directory / "db",
            {"records": records.INDEX_FIELDS, "reference": reference.INDEX_FIELDS},
        )
        try:
            migrate(db)
            store = cls(db, PhotoStore(directory), now)
            store.records.release_sending()  # a push cut short by a kill is sent again
        except BaseException:
            db.close()
            raise
        return store

    @property
    def journal(self):
        return self.db.storage.journal

    def submit(
        self,
        draft_key: str | None,
        kind: str,
        payload: Mapping[str, Any],
        photos: Sequence[str] = (),
    ) -> StoredRecord:
        """Turn a finished form into a record and drop its draft, in one durable step."""
        with self.journal.transaction():
            record = self.records.create(kind, payload, photos)
            if draft_key is not None:
                self.drafts.discard(draft_key)
        return record

    def resubmit(
        self,
        draft_key: str | None,
        record_id: str,
        payload: Mapping[str, Any],
        photos: Sequence[str] | None = None,
    ) -> StoredRecord:
        """Save a later step's form as the record's next revision and drop its draft,
        in one durable step."""
        with self.journal.transaction():
            record = self.records.edit(record_id, payload, photos)
            if draft_key is not None:
                self.drafts.discard(draft_key)
        return record

    def prune(
        self,
        older_than: timedelta = timedelta(days=30),
        unnamed_after: timedelta = UNNAMED_PHOTO_GRACE,
    ) -> int:
        """Drop records the server confirmed more than ``older_than`` ago; returns how many.

        Then the photos nothing names any more — no record, no draft (one file can
        serve both: photos are content-addressed) — once ``unnamed_after`` has passed
        since each was last added: a discarded draft's, a discarded record's, a pruned
        record's. The grace period covers a photo just taken whose form is not saved yet.
        """
        removed = self.records.prune_synced(older_than)
        named = self.records.photo_hashes_in_use() | self.drafts.photo_hashes_in_use()
        added_before = self._now() - unnamed_after
        for sha256 in set(self.photos.all_hashes()) - named:
            self.photos.remove_unless_added_since(sha256, added_before)
        if self.journal.garbage_ratio() > COMPACT_ABOVE_GARBAGE:
            self.journal.compact()
        return len(removed)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()
