"""The store's schema version and the steps that bring an older store up to date.

The version lives in the ``_meta`` table. Opening a store runs every step from
its version to ``CURRENT_VERSION``, each step and its version bump in one
journal transaction, so a crash mid-migration leaves the store at the old
version, ready to migrate again.

Versions:
  1. the first prototype: a rejected record kept the server's reason as a
     plain string in ``rejection_reason``.
  2. the reason is the server's structured answer in ``rejection``
     (code, bilingual message, field errors), so the app can show it in the
     user's language and next to the field it concerns.
"""

from __future__ import annotations

from collections.abc import Callable

from mobile.store.errors import StoreFromNewerApp
from mobile.store.tinydb_journal import JournalDB

CURRENT_VERSION = 2
_META_TABLE = "_meta"
_VERSION_ID = "schema"


def _structured_rejection(db: JournalDB) -> None:
    def convert(doc: dict) -> None:
        reason = doc.pop("rejection_reason", None)
        doc["rejection"] = (
            {"code": "rejected", "message": {"zh": reason, "en": reason}, "fields": []}
            if reason
            else None
        )

    db.table("records").update(convert)


# from-version -> the step that moves a store to the next version
MIGRATIONS: dict[int, Callable[[JournalDB], None]] = {1: _structured_rejection}


def schema_version(db: JournalDB) -> int | None:
    doc = db.table(_META_TABLE).get(doc_id=_VERSION_ID)
    return doc["version"] if doc else None


def set_schema_version(db: JournalDB, version: int) -> None:
    meta = db.table(_META_TABLE)
    meta.upsert(meta.document_class({"version": version}, _VERSION_ID))


def migrate(db: JournalDB) -> int:
    """Bring ``db`` to ``CURRENT_VERSION``; a new store starts there. Returns the version."""
    version = schema_version(db)
    if version is None:
        set_schema_version(db, CURRENT_VERSION)
        return CURRENT_VERSION
    if version > CURRENT_VERSION:
        raise StoreFromNewerApp(detail=f"store version {version}, app knows {CURRENT_VERSION}")
    journal = db.storage.journal
    while version < CURRENT_VERSION:
        with journal.transaction():
            MIGRATIONS[version](db)
            set_schema_version(db, version + 1)
        version += 1
    return version
