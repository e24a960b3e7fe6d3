"""Request and response bodies of the JSON endpoints (``XCreate`` in, ``XPublic`` out).

The push body is not here: records are checked one by one with
sync.protocol so that one malformed record is rejected on its own.
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


# --- errors: every 4xx/5xx answer has this one shape (server.errors) ---------------


class MessagePublic(BaseModel):
    zh: str
    en: str


class FieldErrorPublic(BaseModel):
    field: str
    code: str
    message: MessagePublic


class ErrorDetailPublic(BaseModel):
    # Some codes add keys of their own (``received``, ``supported``, ``max_records``).
    model_config = ConfigDict(extra="allow")

    code: str
    message: MessagePublic
    fields: list[FieldErrorPublic]


class ErrorPublic(BaseModel):
    error: ErrorDetailPublic


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
