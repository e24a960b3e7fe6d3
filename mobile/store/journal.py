"""An append-only, checksummed journal of document writes: the store's disk format.

Why not TinyDB's ``JSONStorage``: it rewrites the whole file in place on every
write (a kill mid-write leaves broken JSON and the whole database is lost) and
re-reads the whole file on every operation. Here every write is one appended
line, fsync'd before the call returns, and nothing already on disk is ever
rewritten in place.

On disk, in the store's folder::

    LOCK                 flock'd by the one process that has the store open
    journal-<gen>.log    one line per transaction: "<crc32 hex> <op>\\x1e<op>...\\n",
                         op = JSON [table, doc_id, document or null (= delete)]
    index-<gen>.bin      optional checkpoint of the in-memory index up to an offset

In memory we keep only an index: per table, per document id, where its
latest version lies in the log (the byte offset and length of its op, and the
op's own CRC-32) and a few indexed fields (``index_fields``) for queries like
"all pending records". Documents themselves are read from the log when asked
for, one op at a time (never the whole line of a big transaction), so memory
grows with the number of records only by a small index entry each. The ops of
a line are separated by ASCII RS (0x1E), which JSON text never holds raw.

Recovery on open: load the checkpoint (if it matches the log), replay the
lines after it, and if the last line is torn (bad checksum or no newline, the
trace of a kill mid-append) cut it off: it was never acknowledged. A bad line
with valid lines after it is not a torn tail but damage, and raises
``StoreCorrupted`` instead of silently dropping data.

The checkpoint is a cache, never the truth: it is written with ``marshal``
(C speed, so 100,000 entries load in milliseconds) behind a checksum, and a
checkpoint that fails the checksum, comes from another Python version or
another set of indexed fields is ignored and the log replayed instead.

Compaction writes the live documents to ``journal-<gen+1>.log``, fsyncs it,
renames it into place and only then removes the old generation; the highest
complete generation on disk is always the current one.
"""

from __future__ import annotations

import errno
import fcntl
import itertools
import json
import marshal
import os
import sys
import threading
import zlib
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from mobile.store.durable import fsync_directory, make_directories, write_all
from mobile.store.errors import (
    DiskFull,
    ReadOnlyStorage,
    StoreAlreadyOpen,
    StoreCorrupted,
    StoreWriteFailed,
)

Document = dict[str, Any]
Op = tuple[str, str, Document | None]

_LOG_PREFIX = "journal-"
_INDEX_PREFIX = "index-"
_CHECKPOINT_FORMAT = 3
# Once this many lines lie past the checkpoint, a fresh one is written (on open,
# or after the append that crossed it), so that an open after a kill never has
# more than about this many lines to replay.
CHECKPOINT_AFTER_LINES = 5_000
# Opening reads the log past the checkpoint in pieces of this size (and compaction
# writes in them), so memory at open does not grow with the log.
READ_PIECE = 1 << 20


# An index entry: where a document's latest version lies and its indexed field values,
# as a plain tuple (offset of its op in the file, op length, op CRC-32, fields).
Entry = tuple[int, int, int, tuple]
# Where one op lies within its line: (start, length, CRC-32 of the op's bytes).
Span = tuple[int, int, int]
OP_SEPARATOR = b"\x1e"
_BODY_START = 9  # after "<8 hex digits> "


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _spans(parts: Sequence[bytes]) -> list[Span]:
    spans, start = [], _BODY_START
    for part in parts:
        spans.append((start, len(part), zlib.crc32(part)))
        start += len(part) + len(OP_SEPARATOR)
    return spans


def encode_line(ops: Sequence[Op]) -> tuple[bytes, list[Span]]:
    """A journal line for ``ops``, and where each op lies in it."""
    parts = [_dumps(list(op)).encode("utf-8") for op in ops]
    body = OP_SEPARATOR.join(parts)
    return b"%08x " % zlib.crc32(body) + body + b"\n", _spans(parts)


def decode_line(line: bytes) -> list[tuple[Span, list]] | None:
    """Each op of a journal line with its span, or None if the line is torn or damaged."""
    if len(line) <= _BODY_START or line[8:9] != b" " or not line.endswith(b"\n"):
        return None
    body = line[_BODY_START:-1]
    try:
        if int(line[:8], 16) != zlib.crc32(body):
            return None
        parts = body.split(OP_SEPARATOR)
        return list(zip(_spans(parts), [json.loads(part) for part in parts], strict=True))
    except ValueError:
        return None


def _write_error(exc: OSError, detail: str) -> StoreWriteFailed:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return DiskFull(detail=detail)
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return ReadOnlyStorage(detail=detail)
    return StoreWriteFailed(detail=detail)


def write_file_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a crash leaves the old file or the new one."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        fsync_directory(path.parent)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _write_error(exc, str(path)) from exc


class Journal:
    """The log plus its in-memory index. Thread-safe; one process at a time.

    ``index_fields`` maps a table name to the document fields kept in memory
    for it (see ``select``). Everything else stays on disk.
    """

    def __init__(self, directory: Path, index_fields: Mapping[str, Sequence[str]] | None = None):
        self.directory = Path(directory)
        self.index_fields = {t: tuple(f) for t, f in (index_fields or {}).items()}
        self.lock = threading.RLock()
        self._tables: dict[str, dict[str, Entry]] = {}
        self._pending: list[Op] | None = None
        self._closed = False
        try:
            make_directories(self.directory)
        except OSError as exc:
            raise _write_error(exc, str(self.directory)) from exc
        self._lock_file = self._take_process_lock()
        try:
            self._generation = self._current_generation()
            self._fd = self._open_log(self._generation)
            self._lines_past_checkpoint = self._load()
            if self._lines_past_checkpoint > CHECKPOINT_AFTER_LINES:
                self.checkpoint()
        except BaseException:
            self._release_process_lock()
            raise

    # -- opening -----------------------------------------------------------

    def _take_process_lock(self):
        try:
            fd = os.open(self.directory / "LOCK", os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise _write_error(exc, str(self.directory)) from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            os.close(fd)
            raise StoreAlreadyOpen(detail=str(self.directory)) from exc
        return fd

    def _release_process_lock(self) -> None:
        fcntl.flock(self._lock_file, fcntl.LOCK_UN)
        os.close(self._lock_file)

    def _log_path(self, generation: int) -> Path:
        return self.directory / f"{_LOG_PREFIX}{generation}.log"

    def _index_path(self, generation: int) -> Path:
        return self.directory / f"{_INDEX_PREFIX}{generation}.bin"

    def _current_generation(self) -> int:
        """The highest complete generation; leftovers of an interrupted compaction go."""
        generations = sorted(
            int(p.name[len(_LOG_PREFIX) : -len(".log")])
            for p in self.directory.glob(f"{_LOG_PREFIX}*.log")
        )
        current = generations[-1] if generations else 1
        for leftover in self.directory.glob("*.tmp"):
            leftover.unlink(missing_ok=True)
        for old in generations[:-1]:
            self._log_path(old).unlink(missing_ok=True)
            self._index_path(old).unlink(missing_ok=True)
        return current

    def _open_log(self, generation: int) -> int:
        """Open the log, creating it (its name made durable) if there is none yet."""
        path = self._log_path(generation)
        try:
            try:
                return os.open(path, os.O_RDWR)
            except FileNotFoundError:
                fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                fsync_directory(self.directory)
            except OSError:
                os.close(fd)
                raise
            return fd
        except OSError as exc:
            raise _write_error(exc, str(path)) from exc

    def _load(self) -> int:
        """Rebuild the index from the checkpoint and the log after it; return lines replayed."""
        size = os.fstat(self._fd).st_size
        offset = self._load_checkpoint(size)
        replayed = 0
        for line in self._lines(offset, size):
            ops = decode_line(line)
            if ops is None:
                self._cut_torn_tail(offset, size)
                break
            self._apply(ops, offset)
            offset += len(line)
            replayed += 1
        self._end = offset
        return replayed

    def _lines(self, start: int, end: int) -> Iterator[bytes]:
        """The log's lines between two offsets, read ``READ_PIECE`` bytes at a time.

        Only the piece at hand and the line it ends in are in memory, so opening
        needs no more memory for a long log than for a short one. The last line
        may lack its newline (a torn tail).
        """
        buffer, position = bytearray(), start
        while position < end:
            piece = os.pread(self._fd, min(READ_PIECE, end - position), position)
            if not piece:
                break
            position += len(piece)
            searched_up_to, line_start = len(buffer), 0
            buffer += piece
            while (newline := buffer.find(b"\n", searched_up_to)) >= 0:
                yield bytes(buffer[line_start : newline + 1])
                line_start = searched_up_to = newline + 1
            del buffer[:line_start]
        if buffer:
            yield bytes(buffer)

    def _cut_torn_tail(self, offset: int, size: int) -> None:
        later = itertools.islice(self._lines(offset, size), 1, None)
        if any(decode_line(line.rstrip(b"\n") + b"\n") is not None for line in later):
            raise StoreCorrupted(detail=f"{self._log_path(self._generation)} at byte {offset}")
        try:
            os.ftruncate(self._fd, offset)
            os.fsync(self._fd)
        except OSError as exc:
            raise _write_error(exc, "cutting a torn journal tail") from exc

    def _load_checkpoint(self, log_size: int) -> int:
        """Load the checkpoint into the index if it can be trusted; return the offset it covers."""
        try:
            raw = self._index_path(self._generation).read_bytes()
            if int(raw[:8], 16) != zlib.crc32(raw[9:]):
                return 0
            checkpoint = marshal.loads(raw[9:])
        except (OSError, ValueError, EOFError, TypeError):
            return 0
        if (
            checkpoint.get("format") != _CHECKPOINT_FORMAT
            or checkpoint.get("index_fields") != self.index_fields
            or checkpoint["offset"] > log_size
        ):
            return 0
        self._tables = checkpoint["tables"]
        return checkpoint["offset"]

    def _fields_of(self, table: str, document: Document) -> tuple:
        """The indexed field values; short strings (kinds, states) are shared, not copied
        per entry, which marshal keeps when the checkpoint is loaded."""
        return tuple(
            sys.intern(value) if isinstance(value, str) and len(value) <= 16 else value
            for value in (document.get(name) for name in self.index_fields.get(table, ()))
        )

    def _apply(self, ops: Sequence[tuple[Span, Sequence]], line_offset: int) -> None:
        for (start, length, crc), (table, doc_id, document) in ops:
            entries = self._tables.setdefault(table, {})
            if document is None:
                entries.pop(doc_id, None)
            else:
                fields = self._fields_of(table, document)
                entries[doc_id] = (line_offset + start, length, crc, fields)

    # -- reading -----------------------------------------------------------
    #
    # Inside a transaction its own writes are visible to the thread that holds it
    # (other threads wait on the lock until it is committed).

    def _uncommitted(self, table: str) -> dict[str, Document | None]:
        if self._pending is None:
            return {}
        return {doc_id: doc for t, doc_id, doc in self._pending if t == table}

    def tables(self) -> list[str]:
        with self.lock:
            return [
                t for t in {*self._tables, *(op[0] for op in self._pending or ())} if self.ids(t)
            ]

    def ids(self, table: str) -> list[str]:
        with self.lock:
            uncommitted = self._uncommitted(table)
            committed = self._tables.get(table, {})
            kept = [i for i in committed if uncommitted.get(i, True) is not None]
            added = [i for i, doc in uncommitted.items() if doc is not None and i not in committed]
            return kept + added

    def count(self, table: str) -> int:
        with self.lock:
            if self._pending is None:
                return len(self._tables.get(table, ()))
            return len(self.ids(table))

    def contains(self, table: str, doc_id: str) -> bool:
        with self.lock:
            uncommitted = self._uncommitted(table)
            if doc_id in uncommitted:
                return uncommitted[doc_id] is not None
            return doc_id in self._tables.get(table, ())

    def read(self, table: str, doc_id: str) -> Document | None:
        """The latest version of a document, read from disk; None if absent."""
        with self.lock:
            uncommitted = self._uncommitted(table)
            if doc_id in uncommitted:
                doc = uncommitted[doc_id]
                return None if doc is None else json.loads(_dumps(doc))
            entry = self._tables.get(table, {}).get(doc_id)
            if entry is None:
                return None
            offset, length, crc, _ = entry
            data = os.pread(self._fd, length, offset)
        try:
            if zlib.crc32(data) != crc:
                raise ValueError("checksum")
            return json.loads(data)[2]
        except ValueError as exc:
            raise StoreCorrupted(detail=f"{table}/{doc_id} at byte {offset}") from exc

    def select(self, table: str, **equals: Any) -> list[tuple[str, tuple]]:
        """(id, indexed fields) of the documents whose indexed fields equal ``equals``."""
        names = self.index_fields.get(table, ())
        wanted = [(names.index(name), value) for name, value in equals.items()]
        with self.lock:
            uncommitted = self._uncommitted(table)
            candidates = [
                (doc_id, entry[3])
                for doc_id, entry in self._tables.get(table, {}).items()
                if doc_id not in uncommitted
            ] + [
                (doc_id, self._fields_of(table, doc))
                for doc_id, doc in uncommitted.items()
                if doc is not None
            ]
            return [
                (doc_id, fields)
                for doc_id, fields in candidates
                if all(fields[i] == value for i, value in wanted)
            ]

    # -- writing -----------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group every ``commit`` inside into one line: all of it lands, or none."""
        with self.lock:
            if self._pending is not None:
                yield
                return
            self._pending = []
            try:
                yield
                ops, self._pending = self._pending, None
                self._append(ops)
            finally:
                self._pending = None

    def commit(self, ops: Sequence[Op]) -> None:
        """Append ``ops`` as one durable line; returns only once it is on disk."""
        if not ops:
            return
        with self.lock:
            if self._pending is not None:
                self._pending.extend(ops)
            else:
                self._append(ops)

    def _append(self, ops: Sequence[Op]) -> None:
        if not ops:
            return
        if self._closed:
            raise StoreWriteFailed(detail="the store is closed")
        line, spans = encode_line(ops)
        start = self._end
        try:
            written = os.pwrite(self._fd, line, start)
            if written != len(line):
                raise OSError(errno.ENOSPC, "short write")
            os.fdatasync(self._fd)
        except OSError as exc:
            self._undo_partial_append(start)
            raise _write_error(exc, "appending to the journal") from exc
        self._end = start + len(line)
        self._apply(list(zip(spans, ops, strict=True)), start)
        self._lines_past_checkpoint += 1
        if self._lines_past_checkpoint > CHECKPOINT_AFTER_LINES:
            with suppress(StoreWriteFailed):  # the save itself is on disk; try again later
                self.checkpoint()

    def _undo_partial_append(self, start: int) -> None:
        """Cut whatever part of a failed append reached the file.

        If even that fails, the torn bytes stay past ``self._end``: the next
        append overwrites them (writes go at ``self._end``), and an open cuts
        them as a torn tail.
        """
        with suppress(OSError):
            os.ftruncate(self._fd, start)

    # -- maintenance -------------------------------------------------------

    def checkpoint(self) -> None:
        """Save the index up to the current end, so the next open need not replay it."""
        with self.lock:
            body = marshal.dumps(
                {
                    "format": _CHECKPOINT_FORMAT,
                    "offset": self._end,
                    "index_fields": self.index_fields,
                    "tables": self._tables,
                }
            )
            data = b"%08x\n" % zlib.crc32(body) + body
            write_file_atomically(self._index_path(self._generation), data)
            self._lines_past_checkpoint = 0

    def garbage_ratio(self) -> float:
        """The share of the log that compaction would drop (superseded or deleted versions)."""
        with self.lock:
            framing = _BODY_START + 1
            live = sum(e[1] + framing for t in self._tables.values() for e in t.values())
            return max(0.0, 1 - live / self._end) if self._end else 0.0

    def compact(self) -> None:
        """Rewrite only the live documents, one per line, into the next generation.

        A live op's bytes are copied as they are; as the whole body of a one-op
        line, the op's own CRC is the line's CRC.
        """
        with self.lock:
            new_generation = self._generation + 1
            final = self._log_path(new_generation)
            tmp = final.with_name(final.name + ".tmp")
            live = sorted(
                (entry, table, doc_id)
                for table, entries in self._tables.items()
                for doc_id, entry in entries.items()
            )
            new_tables: dict[str, dict[str, Entry]] = {t: {} for t in self._tables}
            try:
                out = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                try:
                    offset, buffered = 0, bytearray()
                    for (old_offset, length, crc, fields), table, doc_id in live:
                        data = os.pread(self._fd, length, old_offset)
                        if zlib.crc32(data) != crc:
                            raise StoreCorrupted(detail=f"byte {old_offset} while compacting")
                        buffered += b"%08x " % crc + data + b"\n"
                        if len(buffered) >= READ_PIECE:
                            write_all(out, buffered)
                            buffered.clear()
                        new_tables[table][doc_id] = (offset + _BODY_START, length, crc, fields)
                        offset += _BODY_START + length + 1
                    write_all(out, buffered)
                    os.fsync(out)
                finally:
                    os.close(out)
                os.replace(tmp, final)
                fsync_directory(self.directory)
            except OSError as exc:
                tmp.unlink(missing_ok=True)
                raise _write_error(exc, "compacting the journal") from exc
            old_generation, old_fd = self._generation, self._fd
            self._generation, self._fd = new_generation, self._open_log(new_generation)
            self._tables, self._end = new_tables, offset
            os.close(old_fd)
            self._log_path(old_generation).unlink(missing_ok=True)
            self._index_path(old_generation).unlink(missing_ok=True)
            self.checkpoint()

    def close(self) -> None:
        with self.lock:
            if self._closed:
                return
            with suppress(StoreWriteFailed):  # the log is complete; the next open replays it
                self.checkpoint()
            self._closed = True
            os.close(self._fd)
            self._release_process_lock()
