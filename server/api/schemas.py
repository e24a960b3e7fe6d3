"""Request and response bodies of the JSON endpoints (``XCreate`` in, ``XPublic`` out).

Every route declares its answer, so /openapi.json documents each success and,
through ``error_responses``, each error status with the one error shape.

The push body is not here: records are checked one by one with
sync.protocol so that one malformed record is rejected on its own.

Answers built by the services as plain dicts are ``Answer`` models: they
document the keys a client may rely on and let any further key through
unchanged, so the schema never drops what a service adds.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictStr

from sync import protocol


class StrictBody(BaseModel):
    model_config = ConfigDict(extra="forbid")


# No database text column takes a NUL character.
_NO_NUL = r"^[^\x00]*$"


class Answer(BaseModel):
    model_config = ConfigDict(extra="allow")


# --- errors: every 4xx/5xx answer has this one shape (server.errors) ---------------


class MessagePublic(Answer):
    zh: str
    en: str


class FieldErrorPublic(Answer):
    field: str
    code: str
    message: MessagePublic


class ErrorDetailPublic(Answer):
    """Some codes add keys of their own (``received``, ``supported``, ``max_records``)."""

    code: str
    message: MessagePublic
    fields: list[FieldErrorPublic]


class ErrorPublic(BaseModel):
    error: ErrorDetailPublic


class DeviceLoginCreate(StrictBody):
    username: Annotated[StrictStr, Field(min_length=1, max_length=64, pattern=_NO_NUL)]
    # argon2 hashes any length; the cap keeps a huge password from costing CPU.
    password: Annotated[StrictStr, Field(min_length=1, max_length=256)]
    device_name: Annotated[StrictStr, Field(min_length=1, max_length=100, pattern=_NO_NUL)]


class EstatePublic(BaseModel):
    id: str
    name: str
    address: str


class AccountPublic(BaseModel):
    id: int
    username: str
    display_name: str
    role: str
    estates: list[EstatePublic]


class DeviceLoginPublic(BaseModel):
    token: str
    device_id: int
    expires_at: datetime
    account: AccountPublic


class DevicePublic(BaseModel):
    id: int
    name: str
    account_id: int
    username: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    last_seen_at: datetime | None


class PhotoStatusCreate(StrictBody):
    photos: Annotated[
        list[Annotated[StrictStr, Field(pattern=r"^[0-9a-f]{64}$")]],
        Field(max_length=protocol.PHOTO_STATUS_MAX),
    ]


class HealthPublic(BaseModel):
    status: Literal["ok"]
    protocol: int
    server: Literal["estate-field"]


# --- photos --------------------------------------------------------------------------


class PhotoStatePublic(Answer):
    sha256: str
    state: Literal["have", "partial", "missing"]
    received: int = Field(description="bytes the server holds of the photo")


class PhotoStatesPublic(Answer):
    photos: list[PhotoStatePublic]


# --- push ------------------------------------------------------------------------------


class StoredResultPublic(Answer):
    """The record is on the server (``accepted`` now, or a ``duplicate`` of what is)."""

    id: str
    revision: int
    outcome: Literal["accepted", "duplicate"]
    complete: bool = Field(description="whether the server holds every photo it names")
    missing_photos: list[str]


class RejectedResultPublic(Answer):
    """The record can never be accepted as it is; ``errors`` say why, field by field."""

    id: str | None
    revision: int | None
    outcome: Literal["rejected"]
    errors: list[FieldErrorPublic]


class WorkOrderStatePublic(Answer):
    version: int
    deleted: bool
    data: dict[str, Any] | None


class WorkOrderConflictPublic(Answer):
    """A repair check made from an older version of its work order than the server's."""

    id: str
    revision: int
    outcome: Literal["conflict"]
    reason: Literal["work_order_changed"]
    server_revision: int
    work_order: WorkOrderStatePublic


class ConflictResultPublic(Answer):
    """The server holds another version of the record (``content_differs``,
    ``stale_revision``)."""

    id: str
    revision: int
    outcome: Literal["conflict"]
    reason: str
    server_revision: int


PushResultPublic = (
    StoredResultPublic | RejectedResultPublic | WorkOrderConflictPublic | ConflictResultPublic
)


class PushPublic(Answer):
    protocol: int
    results: list[PushResultPublic] = Field(description="one per record sent, in order")


# --- pull ------------------------------------------------------------------------------


class PulledItemPublic(Answer):
    seq: int = Field(description="where the change stands in this account's feed")
    version: int = Field(description="the item's version, the same for every account")
    kind: str
    key: str
    estate_id: str | None
    deleted: bool
    data: dict[str, Any] | None = Field(None, description="absent when deleted")


class PullPublic(Answer):
    items: list[PulledItemPublic]
    next_cursor: int
    has_more: bool
    scope: str


# --- supervisors and service staff ------------------------------------------------------


class OverdueEntryPublic(Answer):
    id: str
    estate_id: str
    due_at: str
    late_seconds: int


class OverdueComplaintPublic(OverdueEntryPublic):
    status: str
    severity: str | None
    category: str | None
    received_at: str
    received_by: str
    complainant: str
    area: str
    building: str
    unit: str
    room: str
    matter: str


class OverdueItemPublic(OverdueEntryPublic):
    item: dict[str, Any]


class OverduePublic(Answer):
    now: str
    complaints: list[OverdueComplaintPublic]
    work_orders: list[OverdueItemPublic]
    visit_tasks: list[OverdueItemPublic]


class RoomLabelPublic(Answer):
    id: str
    label: str


class OwnerArchivePublic(Answer):
    estate_id: str
    owner: dict[str, Any]
    rooms: list[RoomLabelPublic]


_ERROR_MEANINGS = {
    400: "The request is malformed",
    401: "Not signed in, or the sign-in is no longer valid",
    403: "The signed-in account may not do this",
    404: "No such resource",
    408: "The request body stopped arriving (body_timeout)",
    409: "The upload does not continue where the server stands",
    413: "The body or batch is too large",
    422: "The request does not have the required shape",
    426: "The app and the server speak different protocol versions",
    429: "Too many failed sign-ins; see Retry-After",
    500: "A server bug (internal_error)",
    503: "The server's database is not answering (database_unavailable)",
}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """``responses=`` for a route: each status answered with the error shape."""
    return {
        status: {"model": ErrorPublic, "description": _ERROR_MEANINGS[status]}
        for status in statuses
    }
