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
     user's language and next to the field it concerns. (The engine of that
     time wrote other shapes: ``{"outcome": "rejected", "errors"}`` and
     ``{"outcome": "conflict", "reason", "server_revision", "work_order"}``.)
  3. every ``rejection`` has the one shape of ``domain.rejection.Rejection``:
     code, message, field errors, conflict details, photos.
  4. every record names its author beside its payload (``author``, indexed), so
     the sync can ask whose records wait without reading them (a shift change:
     each person's records go up under their own token).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from domain.rejection import REFUSED, Conflict, FieldError, Rejection, text_for
from domain.text import Text
from mobile.store.errors import StoreFromNewerApp
from mobile.store.records import author_named_in
from mobile.store.tinydb_journal import JournalDB

CURRENT_VERSION = 4
_META_TABLE = "_meta"
_VERSION_ID = "schema"


def _structured_rejection(db: JournalDB) -> None:
    def convert(doc: dict) -> None:
        reason = doc.pop("rejection_reason", None)
        doc["rejection"] = Rejection(REFUSED, Text(reason, reason)).to_dict() if reason else None

    db.table("records").update(convert)


def _one_rejection_shape(db: JournalDB) -> None:
    def convert(doc: dict) -> None:
        if doc.get("rejection"):
            doc["rejection"] = _rejection_from_version_2(doc["rejection"]).to_dict()

    db.table("records").update(convert)


def _rejection_from_version_2(old: dict[str, Any]) -> Rejection:
    """Any of the three shapes a version-2 store holds, as one ``Rejection``."""
    if old.get("outcome") == "rejected":
        fields = tuple(FieldError.from_dict(error) for error in old["errors"])
        return Rejection(REFUSED, text_for(REFUSED), fields=fields)
    if old.get("outcome") == "conflict":
        conflict = Conflict(old["server_revision"], old.get("work_order"))
        return Rejection(old["reason"], text_for(old["reason"]), conflict=conflict)
    return Rejection.from_dict(old)  # version 1's, converted: code, message, fields


def _author_beside_payload(db: JournalDB) -> None:
    def convert(doc: dict) -> None:
        doc["author"] = author_named_in(doc["kind"], doc["payload"])

    db.table("records").update(convert)


# from-version -> the step that moves a store to the next version
MIGRATIONS: dict[int, Callable[[JournalDB], None]] = {
    1: _structured_rejection,
    2: _one_rejection_shape,
    3: _author_beside_payload,
}


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
