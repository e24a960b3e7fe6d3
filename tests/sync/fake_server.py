"""An in-memory stand-in for the sync API, for unit tests of the engine alone.

It answers as the real server does (per record, duplicates by id and revision,
resumable photos), and can be told to fail the next calls.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from sync import protocol
from sync.errors import SyncError, Unreachable


class FakeServer:
    def __init__(self):
        self.records: dict[str, dict] = {}  # id -> envelope of the latest revision
        self.rows_written = 0
        self.photos: dict[str, bytearray] = {}
        self.reference: list[dict] = []  # items with "seq"
        self.scope = "account-1"  # what the real server derives from the signed-in account
        self.failures: dict[str, list[SyncError]] = {}
        self.reject: Callable[[dict], list[dict] | None] = lambda record: None
        self.calls: list[str] = []
        self.push_bodies: list[int] = []  # bytes of each push body received
        self.photo_chunk_limit: int | None = None  # accept only this many bytes, then fail
        self.photo_batches: list[list[str]] = []  # the hashes of each photo batch received
        self.backlogs: list[tuple[str, dict | None]] = []  # (call, backlog) as reported

    def fail_next(self, call: str, error: SyncError) -> None:
        self.failures.setdefault(call, []).append(error)

    def _maybe_fail(self, call: str) -> None:
        self.calls.append(call)
        pending = self.failures.get(call)
        if pending:
            raise pending.pop(0)

    # -- the transport's interface ------------------------------------------------------

    def pull(self, cursor: int, limit: int, backlog: dict | None = None) -> dict:
        self._maybe_fail("pull")
        self.backlogs.append(("pull", backlog))
        newer = [item for item in self.reference if item["seq"] > cursor][:limit]
        next_cursor = newer[-1]["seq"] if newer else cursor
        has_more = any(item["seq"] > next_cursor for item in self.reference)
        page = {"items": newer, "next_cursor": next_cursor, "has_more": has_more}
        return page | {"scope": self.scope}

    def push(self, records: list[dict], backlog: dict | None = None) -> list[dict]:
        self._maybe_fail("push")
        self.backlogs.append(("push", backlog))
        self.push_bodies.append(len(protocol.canonical_json({"records": records})))
        return [self._accept(record) for record in records]

    def _accept(self, record: dict) -> dict:
        errors = self.reject(record)
        if errors:
            return {"id": record["id"], "outcome": protocol.REJECTED, "errors": errors}
        known = self.records.get(record["id"])
        missing = [sha for sha in record["photos"] if not self._have(sha)]
        answer = {"id": record["id"], "complete": not missing, "missing_photos": missing}
        if known and known["revision"] == record["revision"]:
            if known["content_hash"] != record["content_hash"]:
                return {
                    "id": record["id"],
                    "outcome": protocol.CONFLICT,
                    "reason": protocol.CONFLICT_CONTENT_DIFFERS,
                    "server_revision": known["revision"],
                }
            return {**answer, "outcome": protocol.DUPLICATE}
        self.records[record["id"]] = record
        self.rows_written += 1
        return {**answer, "outcome": protocol.ACCEPTED}

    def _have(self, sha256: str) -> bool:
        data = self.photos.get(sha256)
        return data is not None and hashlib.sha256(data).hexdigest() == sha256

    def photo_status(self, hashes: list[str]) -> list[dict]:
        self._maybe_fail("photo_status")
        states = []
        for sha in hashes:
            data = self.photos.get(sha)
            state = (
                protocol.PHOTO_HAVE
                if self._have(sha)
                else protocol.PHOTO_PARTIAL
                if data
                else protocol.PHOTO_MISSING
            )
            states.append({"sha256": sha, "state": state, "received": len(data or b"")})
        return states

    def upload_photos(self, photos: list[tuple[str, bytes]], on_sent=lambda n: None) -> list[dict]:
        self._maybe_fail("upload_photos")
        self.photo_batches.append([sha for sha, _ in photos])
        for sha, data in photos:
            self.photos[sha] = bytearray(data)
            on_sent(len(data))
        return [
            {"sha256": sha, "state": protocol.PHOTO_HAVE, "received": len(data)}
            for sha, data in photos
        ]

    def upload_photo(
        self, sha256: str, data: bytes, offset: int, on_chunk=lambda n: None, chunk_size=None
    ):
        """Takes the rest in one piece (``chunk_size`` is the real transport's business)."""
        self._maybe_fail("upload_photo")
        held = self.photos.setdefault(sha256, bytearray())
        assert offset == len(held), f"upload from {offset}, server holds {len(held)}"
        chunk = data[offset:]
        if self.photo_chunk_limit is not None:
            chunk = chunk[: self.photo_chunk_limit]
            held.extend(chunk)
            on_chunk(len(chunk))
            self.photo_chunk_limit = None
            raise Unreachable("connection dropped mid-photo")
        held.extend(chunk)
        on_chunk(len(chunk))
