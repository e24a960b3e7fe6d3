"""Reference data pulled from the server: estates, rooms, checkpoints, routes, work
orders, visit tasks. The server is its source of truth; the tablet only mirrors it.

Items are keyed ``<kind>:<key>`` and keep the server's ``version`` of their
content: a record made from an item (a repair check from its work order) names
the version it was made from, so the server can tell a change it has not seen.
Each pulled page is applied together with the cursor it advances to, in one
journal transaction: a crash leaves either the page and its cursor, or neither,
so nothing is skipped or applied by halves.

The cursor belongs to a *scope*, the server's name for whose view the items
are (account, role, estates). A new scope starts over from an empty store.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from mobile.store.journal import Journal
from mobile.store.tinydb_journal import JournalTable

# Fields of a reference item kept in memory, to list a kind without reading every item.
INDEX_FIELDS = ("kind",)
_CURSOR_ID = "pull_cursor"


class ReferenceStore:
    def __init__(self, table: JournalTable, meta: JournalTable, journal: Journal):
        self._table = table
        self._meta = meta
        self._journal = journal

    def cursor(self) -> int:
        doc = self._meta.get(doc_id=_CURSOR_ID)
        return doc["cursor"] if doc else 0

    def scope(self) -> str | None:
        """The server's name for the view the items were pulled under (who, role, estates)."""
        doc = self._meta.get(doc_id=_CURSOR_ID)
        return doc.get("scope") if doc else None

    def apply_page(self, items: Iterable[Mapping[str, Any]], next_cursor: int, scope: str) -> None:
        """Apply pulled changes (tombstones delete) and move the cursor, all or nothing."""
        with self._journal.transaction():
            for item in items:
                doc_id = f"{item['kind']}:{item['key']}"
                if item["deleted"]:
                    self._table.remove(doc_ids=[doc_id])
                else:
                    doc = {
                        "kind": item["kind"],
                        "key": item["key"],
                        "version": item["version"],
                        "data": item["data"],
                    }
                    self._table.upsert(self._table.document_class(doc, doc_id))
            self._set_cursor(next_cursor, scope)

    def start_over(self, scope: str) -> None:
        """Forget every item and the cursor, for a new scope (another account signed in,
        or this one's role or estates changed): what it may see is pulled again from 0,
        and nothing the previous view showed (an owner's phone number) stays behind."""
        with self._journal.transaction():
            self._table.truncate()
            self._set_cursor(0, scope)

    def _set_cursor(self, cursor: int, scope: str) -> None:
        meta = {"cursor": cursor, "scope": scope}
        self._meta.upsert(self._meta.document_class(meta, _CURSOR_ID))

    def get(self, kind: str, key: str) -> dict[str, Any] | None:
        doc = self._table.get(doc_id=f"{kind}:{key}")
        return doc["data"] if doc else None

    def version(self, kind: str, key: str) -> int | None:
        """The server's version of the item as this tablet holds it."""
        doc = self._table.get(doc_id=f"{kind}:{key}")
        return doc["version"] if doc else None

    def all(self, kind: str) -> list[dict[str, Any]]:
        ids = [doc_id for doc_id, _ in self._table.select(kind=kind)]
        return [doc["data"] for doc in self._table.get(doc_ids=ids)]
