"""Request and response bodies of the JSON endpoints (``XCreate`` in, ``XPublic`` out).

The push body is not here: records are checked one by one with
sync.protocol so that one malformed record is rejected on its own.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

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
