"""The sync wire format, shared by the tablet and the server.

Pure Python (the standard library and the domain): this module runs on the
tablet (python-for-android), so it holds no HTTP client, no pydantic, no database. It defines

- the protocol version and the header that carries it;
- the canonical JSON of a record payload and its content hash;
- the per-record outcomes of a push and the photo states;
- shape checks for every request and response body.

The response checks exist so that a client never mistakes something else for
success: a captive portal or a proxy answering ``200`` with an HTML login page
fails :func:`decode_response` with :class:`ShapeError` instead of being read
as "nothing to do". The request checks let the server answer a malformed
record by its position in the batch instead of failing the whole batch.

docs/sync-protocol.md describes the format in prose.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeGuard

from domain import limits

PROTOCOL_VERSION = 1
PROTOCOL_HEADER = "X-Protocol-Version"

# Outcomes of one pushed record.
ACCEPTED = "accepted"
DUPLICATE = "duplicate"
CONFLICT = "conflict"
REJECTED = "rejected"
OUTCOMES = frozenset({ACCEPTED, DUPLICATE, CONFLICT, REJECTED})

# Why a record is a conflict.
CONFLICT_CONTENT_DIFFERS = "content_differs"
CONFLICT_STALE_REVISION = "stale_revision"
# A repair check made from an older version of its work order than the server's; the
# result carries ``work_order``: {"version": int, "deleted": bool, "data": dict | None}.
CONFLICT_WORK_ORDER_CHANGED = "work_order_changed"

# Photo states answered by /photos/status and by a photo upload.
PHOTO_HAVE = "have"
PHOTO_PARTIAL = "partial"
PHOTO_MISSING = "missing"
PHOTO_STATES = frozenset({PHOTO_HAVE, PHOTO_PARTIAL, PHOTO_MISSING})

# Photo upload: the client sends chunks of at most PHOTO_CHUNK_SIZE bytes and
# declares the photo's total size in PHOTO_SIZE_HEADER on every chunk.
PHOTO_CHUNK_SIZE = 512 * 1024
PHOTO_SIZE_HEADER = "X-Photo-Size"
PHOTO_MAX_SIZE = 25 * 1024 * 1024
# At most this many hashes in one /photos/status question.
PHOTO_STATUS_MAX = 1000
# Whole photos can go several to a request (/photos/batch): at most this many, in a
# body of at most this many bytes (the manifest line included).
PHOTO_BATCH_MAX_COUNT = 100
PHOTO_BATCH_MAX_BYTES = 8 * 1024 * 1024

# Bounds every database can store, the one set both sides use (domain/limits.py
# says which column each fits): a record's revision, a row id in a path, a change
# sequence number (pull cursor, item seq and version), a device timestamp's length.
MAX_REVISION = limits.MAX_REVISION
MAX_ROW_ID = limits.MAX_ROW_ID
MAX_SEQUENCE = limits.MAX_SEQUENCE
MAX_TIMESTAMP_LENGTH = limits.MAX_TIMESTAMP_LENGTH

# What a tablet reports of itself with each sync (both optional: a client without them
# still syncs). The app's version goes in a header on every request; the backlog (the
# records still waiting on the tablet beyond those in the request, and their photos) in
# the push body's BACKLOG_FIELD and as the pull's query parameters BACKLOG_PARAMS.
APP_VERSION_HEADER = "X-App-Version"
APP_VERSION_MAX_LENGTH = 40
BACKLOG_FIELD = "backlog"
BACKLOG_KEYS = ("records", "photos")
BACKLOG_PARAMS = {"records": "backlog_records", "photos": "backlog_photos"}
BACKLOG_MAX = 10_000_000

# Push batches: the server may be configured lower, never higher.
PUSH_MAX_RECORDS = 500
PUSH_MAX_BYTES = 8 * 1024 * 1024
# A payload nests objects and lists at most this deep (a real record needs five); the
# server reads nothing deeper and rejects the record, so no depth reaches a recursion.
PAYLOAD_MAX_DEPTH = 32

_SHA256_HEX = re.compile(r"[0-9a-f]{64}")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# Text no database column takes: NUL, and lone UTF-16 surrogates (JSON "\ud800"), which
# are not Unicode characters and have no UTF-8 form.
_UNSTORABLE_CHARACTER = re.compile(r"[\x00\ud800-\udfff]")


class ShapeError(ValueError):
    """A body does not have the shape the protocol requires."""


def canonical_json(payload: object) -> bytes:
    """The one byte form of ``payload`` that both sides hash.

    Keys sorted, no whitespace, non-ASCII kept as UTF-8 (Chinese text stays
    readable and hashes the same on every platform).
    """
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8")


def content_hash(payload: object) -> str:
    """SHA-256 hex digest of :func:`canonical_json`."""
    return hashlib.sha256(canonical_json(payload)).hexdigest()


def is_sha256_hex(value: object) -> bool:
    """A lowercase 64-digit hex string."""
    return isinstance(value, str) and _SHA256_HEX.fullmatch(value) is not None


def is_uuid(value: object) -> bool:
    """A lowercase, hyphenated UUID string (the form the tablet generates)."""
    return isinstance(value, str) and _UUID.fullmatch(value) is not None


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


# --- requests ---------------------------------------------------------------


def record_problems(record: object) -> list[tuple[str, str]]:
    """``(field, code)`` pairs for every way a pushed record's envelope is malformed.

    Only the envelope is checked here, and that the payload is text a database can
    store (``payload_problem``); the payload's content is the domain's business. An
    empty list means the envelope is well formed.
    """
    if not isinstance(record, dict):
        return [("record", "not_an_object")]
    problems: list[tuple[str, str]] = []
    if not is_uuid(record.get("id")):
        problems.append(("id", "invalid_uuid"))
    kind = record.get("kind")
    if not isinstance(kind, str) or not kind or not is_storable_text(kind):
        problems.append(("kind", "invalid_kind"))
    revision = record.get("revision")
    if not _is_int(revision) or not 1 <= revision <= MAX_REVISION:
        problems.append(("revision", "invalid_revision"))
    if not is_sha256_hex(record.get("content_hash")):
        problems.append(("content_hash", "invalid_hash"))
    problem = payload_problem(record.get("payload"))
    if problem is not None:
        problems.append(("payload", problem))
    photos = record.get("photos", [])
    if not isinstance(photos, list) or not all(is_sha256_hex(p) for p in photos):
        problems.append(("photos", "invalid_photo_list"))
    for stamp in ("created_at", "updated_at"):
        value = record.get(stamp)
        if (
            not isinstance(value, str)
            or len(value) > MAX_TIMESTAMP_LENGTH
            or not is_storable_text(value)
        ):
            problems.append((stamp, "invalid_timestamp"))
    return problems


def is_storable_text(text: str) -> bool:
    """Whether every character of ``text`` has a UTF-8 form a database column takes."""
    return _UNSTORABLE_CHARACTER.search(text) is None


def payload_problem(payload: object) -> str | None:
    """The code of what keeps ``payload`` (as JSON decodes it) from being stored, or None.

    ``not_an_object``; ``too_deep`` (objects and lists nested deeper than
    :data:`PAYLOAD_MAX_DEPTH`); ``contains_nul`` and ``invalid_unicode`` for a NUL or a
    lone surrogate in any string or key. The walk goes level by level, so no depth of
    input reaches Python's recursion limit, and the text is searched in one pass.
    """
    if not isinstance(payload, dict):
        return "not_an_object"
    texts: list[str] = []
    level: list[dict | list] = [payload]
    for _ in range(PAYLOAD_MAX_DEPTH):
        inner: list[dict | list] = []
        for container in level:
            if isinstance(container, dict):
                texts.extend(container)
                values: Iterable[object] = container.values()
            else:
                values = container
            for value in values:
                if isinstance(value, str):
                    texts.append(value)
                elif isinstance(value, dict | list):
                    inner.append(value)
        if not inner:
            break
        level = inner
    else:
        return "too_deep"
    found = _UNSTORABLE_CHARACTER.search("".join(texts))
    if found is None:
        return None
    return "contains_nul" if found.group() == "\x00" else "invalid_unicode"


def check_push_request(body: object) -> list[object]:
    """The list of records of a push body ``{"records": [...]}``.

    Raises :class:`ShapeError` when the envelope itself is wrong; the records
    are returned unchecked, to be checked one by one with
    :func:`record_problems`.
    """
    if not isinstance(body, dict) or not isinstance(body.get("records"), list):
        raise ShapeError("a push body is an object with a list 'records'")
    return body["records"]


def backlog_problem(backlog: object) -> str | None:
    """Why a reported backlog ``{"records": int, "photos": int}`` is malformed, or None:
    ``not_an_object``, or ``invalid_backlog`` (other keys, or a count that is not an
    integer from 0 to BACKLOG_MAX)."""
    if not isinstance(backlog, dict):
        return "not_an_object"
    if set(backlog) != set(BACKLOG_KEYS) or not all(
        _is_int(backlog[key]) and 0 <= backlog[key] <= BACKLOG_MAX for key in BACKLOG_KEYS
    ):
        return "invalid_backlog"
    return None


def backlog_params(backlog: dict[str, int]) -> dict[str, int]:
    """The backlog as the pull's query parameters."""
    return {BACKLOG_PARAMS[key]: backlog[key] for key in BACKLOG_KEYS}


def encode_photo_batch(photos: Sequence[tuple[str, bytes]]) -> bytes:
    """The body of a photo batch: one line of canonical JSON naming each photo and its
    size, then the photos' bytes one after another, in that order."""
    manifest = {"photos": [{"sha256": sha, "size": len(data)} for sha, data in photos]}
    return canonical_json(manifest) + b"\n" + b"".join(data for _, data in photos)


def decode_photo_batch(body: bytes) -> list[tuple[str, bytes]]:
    """``(sha256, bytes)`` of each photo of a batch body, in order.

    Raises :class:`ShapeError` when the manifest is malformed, names a photo twice,
    names more than :data:`PHOTO_BATCH_MAX_COUNT`, or its sizes do not add up to the
    bytes that follow it. Whether each photo's bytes hash to its name is for the
    receiver to check.
    """
    manifest_end = body.find(b"\n")
    _require(manifest_end >= 0, "a photo batch starts with a manifest line")
    try:
        manifest = json.loads(body[:manifest_end].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ShapeError("the photo batch manifest is not JSON") from exc
    _require(isinstance(manifest, dict), "the manifest is an object")
    entries = manifest.get("photos")
    _require(isinstance(entries, list) and entries, "the manifest names its photos")
    _require(len(entries) <= PHOTO_BATCH_MAX_COUNT, "too many photos in one batch")
    photos, offset = [], manifest_end + 1
    for entry in entries:
        _require(isinstance(entry, dict) and is_sha256_hex(entry.get("sha256")), "photo sha256")
        size = entry.get("size")
        _require(_is_int(size) and size >= 1, "a photo's size is a positive integer")
        photos.append((entry["sha256"], body[offset : offset + size]))
        offset += size
    _require(offset == len(body), "the photos' sizes do not add up to the body")
    _require(len({sha for sha, _ in photos}) == len(photos), "a photo named twice")
    return photos


# --- responses --------------------------------------------------------------


def _require(condition: object, message: str) -> None:
    if not condition:
        raise ShapeError(message)


def _object(value: object, message: str) -> dict[str, Any]:
    """``value`` as a JSON object (whose values are any JSON), else ``ShapeError(message)``."""
    if not isinstance(value, dict):
        raise ShapeError(message)
    return value


def _list(value: object, message: str) -> list[Any]:
    """``value`` as a JSON list, else ``ShapeError(message)``."""
    if not isinstance(value, list):
        raise ShapeError(message)
    return value


def _check_message(message: object) -> None:
    _require(
        isinstance(message, dict)
        and isinstance(message.get("zh"), str)
        and isinstance(message.get("en"), str),
        "a message is an object with 'zh' and 'en' strings",
    )


def check_error_response(body: object) -> None:
    """``{"error": {"code": str, "message": {"zh", "en"}, "fields": [...]}}``."""
    error = _object(_object(body, "no 'error' object").get("error"), "no 'error' object")
    _require(isinstance(error.get("code"), str), "error without a 'code'")
    _check_message(error.get("message"))
    _require(isinstance(error.get("fields"), list), "error without a 'fields' list")


def check_health_response(body: object) -> None:
    body = _object(body, "health is an object")
    _require(body.get("status") == "ok", "health status is not 'ok'")
    _require(_is_int(body.get("protocol")), "health without a protocol version")
    _require(body.get("server") == "estate-field", "not an estate-field server")


def check_login_response(body: object) -> None:
    body = _object(body, "login answer is an object")
    _require(isinstance(body.get("token"), str) and body["token"], "login answer without token")
    _require(isinstance(body.get("expires_at"), str), "login answer without expires_at")
    _require(isinstance(body.get("account"), dict), "login answer without account")


def _check_result(result: object) -> None:
    result = _object(result, "a push result is an object")
    outcome = result.get("outcome")
    _require(outcome in OUTCOMES, f"unknown outcome {outcome!r}")
    _require(result.get("id") is None or isinstance(result["id"], str), "result id")
    if outcome in (ACCEPTED, DUPLICATE):
        _require(isinstance(result.get("complete"), bool), "result without 'complete'")
        missing = _list(result.get("missing_photos"), "result without 'missing_photos'")
        _require(all(is_sha256_hex(sha) for sha in missing), "missing_photos names photos")
    elif outcome == REJECTED:
        errors = _list(result.get("errors"), "a rejection carries its errors")
        _require(errors, "a rejection carries its errors")
        for error in errors:
            _require(isinstance(error, dict) and isinstance(error.get("code"), str), "error")
            _check_message(error.get("message"))
    else:
        _require(isinstance(result.get("reason"), str), "a conflict carries its reason")
        _require(_is_int(result.get("server_revision")), "a conflict carries server_revision")
        if result["reason"] == CONFLICT_WORK_ORDER_CHANGED:
            _check_work_order(result.get("work_order"))


def _check_work_order(order: object) -> None:
    order = _object(order, "a work order conflict carries the work order")
    _require(_is_int(order.get("version")), "work order without version")
    _require(isinstance(order.get("deleted"), bool), "work order without deleted")
    data = order.get("data")
    _require(data is None if order["deleted"] else isinstance(data, dict), "work order data")


def check_push_response(body: object, *, sent: int | None = None) -> None:
    """``{"protocol": int, "results": [...]}``, one result per record sent, in order."""
    body = _object(body, "push answer is an object")
    _require(_is_int(body.get("protocol")), "push answer without protocol")
    results = _list(body.get("results"), "push answer without results")
    if sent is not None:
        _require(len(results) == sent, f"{len(results)} results for {sent} records")
    for result in results:
        _check_result(result)


def check_photo_status_response(body: object) -> None:
    """``{"photos": [{"sha256", "state", "received"}]}``."""
    body = _object(body, "no 'photos' list")
    _require(isinstance(body.get("photos"), list), "no 'photos' list")
    for photo in body["photos"]:
        _require(isinstance(photo, dict) and is_sha256_hex(photo.get("sha256")), "photo sha256")
        _require(photo.get("state") in PHOTO_STATES, "photo state")
        _require(_is_int(photo.get("received")), "photo received")


def check_photo_chunk_response(body: object) -> None:
    """``{"sha256", "state", "received"}``: where a photo stands after a chunk."""
    body = _object(body, "photo sha256")
    _require(is_sha256_hex(body.get("sha256")), "photo sha256")
    _require(body.get("state") in PHOTO_STATES, "photo state")
    _require(_is_int(body.get("received")), "photo received")


def check_pull_response(body: object) -> None:
    """``{"items": [...], "next_cursor": int, "has_more": bool, "scope": str}``."""
    body = _object(body, "pull answer is an object")
    _require(isinstance(body.get("items"), list), "pull answer without items")
    _require(_is_int(body.get("next_cursor")), "pull answer without next_cursor")
    _require(isinstance(body.get("has_more"), bool), "pull answer without has_more")
    _require(isinstance(body.get("scope"), str) and body["scope"], "pull answer without scope")
    for item in body["items"]:
        _require(isinstance(item, dict), "a pulled item is an object")
        _require(_is_int(item.get("seq")), "item without seq")
        _require(_is_int(item.get("version")), "item without version")
        _require(isinstance(item.get("kind"), str), "item without kind")
        _require(isinstance(item.get("key"), str), "item without key")
        _require(isinstance(item.get("deleted"), bool), "item without deleted")
        if not item["deleted"]:
            _require(isinstance(item.get("data"), dict), "a live item carries data")


RESPONSE_CHECKS: dict[str, Callable[[object], None]] = {
    "error": check_error_response,
    "health": check_health_response,
    "login": check_login_response,
    "push": check_push_response,
    "photo_status": check_photo_status_response,
    "photo_chunk": check_photo_chunk_response,
    # A batch is answered with the state of each of its photos, as a status question is.
    "photo_batch": check_photo_status_response,
    "pull": check_pull_response,
}


def decode_response(content_type: str | None, body: bytes, *, expect: str) -> dict:
    """Parse a response body and check it has the shape of ``expect``.

    ``expect`` is a key of :data:`RESPONSE_CHECKS`. Anything that is not JSON
    (an HTML portal page, a truncated body) or not the expected shape raises
    :class:`ShapeError`.
    """
    media_type = (content_type or "").split(";")[0].strip().lower()
    if media_type != "application/json":
        raise ShapeError(f"expected application/json, got {media_type or 'nothing'}")
    try:
        decoded = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ShapeError("body is not JSON") from exc
    RESPONSE_CHECKS[expect](decoded)
    return decoded
