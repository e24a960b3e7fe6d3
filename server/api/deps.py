"""FastAPI dependencies: settings, database session, protocol check, the caller."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from server.config import Settings
from server.db.models import Account, Device
from server.errors import ApiError
from server.photo_storage import PhotoStorage
from server.services.devices import authenticate_device
from sync import protocol


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_session(request: Request) -> Iterator[Session]:
    """A session for one handler call.

    It never waits on the client: the request body was read whole before any
    route ran (server.api.limits), and the session is closed as soon as the
    handler has returned and its answer is serialised (``scope="function"``),
    not after the answer has been sent, so a client slow to read the answer
    holds no pooled connection either.
    """
    with request.app.state.sessions() as session:
        yield session


def get_photo_storage(request: Request) -> PhotoStorage:
    return request.app.state.photo_storage


SettingsDep = Annotated[Settings, Depends(get_settings)]
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
PhotoStorageDep = Annotated[PhotoStorage, Depends(get_photo_storage)]


def require_protocol(request: Request, settings: SettingsDep) -> int:
    """The client's protocol version; 426 when the server cannot speak it.

    A missing or unreadable header counts as outdated: only clients older
    than the header would send none.
    """
    raw = request.headers.get(protocol.PROTOCOL_HEADER, "")
    version = int(raw) if raw.strip().isdigit() else 0
    if version in settings.supported_protocols:
        return version
    code = "server_outdated" if version > max(settings.supported_protocols) else "protocol_outdated"
    raise ApiError(426, code, extra={"supported": sorted(settings.supported_protocols)})


def current_device(request: Request, session: SessionDep) -> Device:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return authenticate_device(session, token=token.strip() if scheme.lower() == "bearer" else None)


DeviceDep = Annotated[Device, Depends(current_device)]


def require_admin(device: DeviceDep) -> Account:
    if device.account.role != "admin":
        raise ApiError(403, "forbidden")
    return device.account


AdminDep = Annotated[Account, Depends(require_admin)]
