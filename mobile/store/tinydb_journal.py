"""TinyDB as the document API, with the journal under it.

Stock TinyDB reads the whole database and writes it back for every change
(``Table._update_table``). ``JournalTable`` keeps TinyDB's public API
(insert, get, search, update, remove, upsert, Query) and replaces only the two
functions every operation goes through:

- ``_read_table`` returns a read-only view that loads documents from the
  journal when they are looked at;
- ``_update_table`` hands the updater a view that records what it set,
  deleted or changed, and commits exactly those documents as one durable
  journal line.

Document ids are strings (record UUIDs, draft keys, photo hashes); a document
inserted without one gets a random UUID. The query cache is off: with the UI
thread and the sync thread both writing, a cached result could go stale.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator, Mapping, MutableMapping, Sequence
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from mobile.store.journal import Document, Journal, Op


class _DocumentsView(Mapping):
    """The documents of one table as TinyDB's readers expect: id -> document."""

    def __init__(self, journal: Journal, table: str):
        self._journal = journal
        self._table = table

    def __getitem__(self, doc_id: str) -> Document:
        document = self._journal.read(self._table, str(doc_id))
        if document is None:
            raise KeyError(doc_id)
        return document

    def __contains__(self, doc_id: object) -> bool:
        return self._journal.contains(self._table, str(doc_id))

    def __iter__(self) -> Iterator[str]:
        return iter(self._journal.ids(self._table))

    def __len__(self) -> int:
        return self._journal.count(self._table)

    def items(self):  # documents removed meanwhile by another thread are skipped
        for doc_id in self:
            document = self._journal.read(self._table, doc_id)
            if document is not None:
                yield doc_id, document


class _ChangeTracker(MutableMapping):
    """What an updater did to a table, as the ops to commit.

    Documents an updater reads may be changed in place (TinyDB's ``update``
    does ``table[id].update(fields)``), so each one read is compared with
    its original form afterwards.
    """

    def __init__(self, journal: Journal, table: str):
        self._journal = journal
        self._table = table
        self._written: dict[str, Document | None] = {}
        self._read: dict[str, tuple[Document, str]] = {}

    def __getitem__(self, doc_id: str) -> Document:
        doc_id = str(doc_id)
        if doc_id in self._written:
            document = self._written[doc_id]
            if document is None:
                raise KeyError(doc_id)
            return document
        if doc_id not in self._read:
            document = self._journal.read(self._table, doc_id)
            if document is None:
                raise KeyError(doc_id)
            self._read[doc_id] = (document, _fingerprint(document))
        return self._read[doc_id][0]

    def __setitem__(self, doc_id: str, document: Document) -> None:
        self._written[str(doc_id)] = document

    def __delitem__(self, doc_id: str) -> None:
        if str(doc_id) not in self:
            raise KeyError(doc_id)
        self._written[str(doc_id)] = None

    def __contains__(self, doc_id: object) -> bool:
        doc_id = str(doc_id)
        if doc_id in self._written:
            return self._written[doc_id] is not None
        return self._journal.contains(self._table, doc_id)

    def __iter__(self) -> Iterator[str]:
        stored = self._journal.ids(self._table)
        known = set(stored)
        added = [i for i, d in self._written.items() if d is not None and i not in known]
        return iter([i for i in stored if self._written.get(i, True) is not None] + added)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def clear(self) -> None:
        for doc_id in list(self):
            self._written[doc_id] = None

    def ops(self) -> list[Op]:
        changed = [
            (self._table, doc_id, document)
            for doc_id, (document, before) in self._read.items()
            if doc_id not in self._written and _fingerprint(document) != before
        ]
        written = [(self._table, doc_id, doc) for doc_id, doc in self._written.items()]
        return changed + written


def _fingerprint(document: Document) -> str:
    return json.dumps(document, sort_keys=True, ensure_ascii=False)


class JournalTable(Table):
    document_id_class = str
    default_query_cache_capacity = 0

    @property
    def journal(self) -> Journal:
        return self.storage.journal

    def _read_table(self) -> Mapping[str, Document]:
        return _DocumentsView(self.journal, self.name)

    def _update_table(self, updater) -> None:
        """The one write path: every change to a table is committed here."""
        with self.journal.lock:
            tracker = _ChangeTracker(self.journal, self.name)
            updater(tracker)
            self.journal.commit(tracker.ops())
        self.clear_cache()

    def get(self, cond=None, doc_id=None, doc_ids=None):
        """TinyDB's ``get``, except that a list of ids is looked up, not scanned for."""
        if doc_ids is not None and cond is None and doc_id is None:
            view = self._read_table()
            found = ((str(i), view.get(str(i))) for i in doc_ids)
            return [self.document_class(d, i) for i, d in found if d is not None]
        return super().get(cond, doc_id, doc_ids)

    def _get_next_id(self) -> str:
        return uuid.uuid4().hex

    def select(self, **equals: Any) -> list[tuple[str, tuple]]:
        """Ids and indexed fields of the documents whose indexed fields match, from memory."""
        return self.journal.select(self.name, **equals)


class JournalStorage(Storage):
    """TinyDB's storage interface over a ``Journal`` (see module docstring)."""

    def __init__(self, path: str | Path, index_fields: Mapping[str, Sequence[str]] | None = None):
        self.journal = Journal(Path(path), index_fields)

    def read(self) -> dict[str, Mapping[str, Document]]:
        return {name: _DocumentsView(self.journal, name) for name in self.journal.tables()}

    def write(self, data: Mapping[str, Mapping[str, Document]]) -> None:
        """Replace the whole database (TinyDB uses this only to drop tables)."""
        ops: list[Op] = []
        with self.journal.lock:
            for table in self.journal.tables():
                replacement = data.get(table)
                if isinstance(replacement, _DocumentsView):
                    continue
                ops += [(table, doc_id, None) for doc_id in self.journal.ids(table)]
            for table, documents in data.items():
                if not isinstance(documents, _DocumentsView):
                    ops += [(table, str(i), dict(d)) for i, d in documents.items()]
            self.journal.commit(ops)

    def close(self) -> None:
        self.journal.close()


class JournalDB(TinyDB):
    table_class = JournalTable
    default_table_name = "records"


def open_database(path: str | Path, index_fields: Mapping[str, Sequence[str]] | None = None):
    """A TinyDB database stored as a journal in the folder ``path``."""
    return JournalDB(path, storage=JournalStorage, index_fields=index_fields)
