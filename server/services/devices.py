"""Device sign-in, token checks and revocation."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.auth import new_token, token_digest
from server.db.models import Account, Device
from server.db.types import utcnow
from server.errors import ApiError
from server.permissions import admin_manages
from server.services import throttle
from server.services.audit import log_event
from server.services.password_check import PasswordRefused, check_password

# last_seen_at is refreshed at most this often, to keep reads from writing.
LAST_SEEN_RESOLUTION = timedelta(minutes=5)


def device_login(
    session: Session,
    *,
    username: str,
    password: str,
    device_name: str,
    address: str,
    token_lifetime: timedelta,
    limits: throttle.Limits,
) -> tuple[str, Device]:
    """Sign a device in from client ``address``; returns the token (shown once) and
    the new device.

    Raises 429 while the username (from this address) or the address is throttled,
    even with the right password, and 401 on a wrong username or password
    (``server.services.password_check``).
    """
    now = utcnow()
    where = {"device_name": device_name, "address": address}
    try:
        account = check_password(
            session, username=username, password=password, address=address,
            limits=limits, now=now, detail=where,
        )  # fmt: skip
    except PasswordRefused as refused:
        if refused.code == "login_throttled":
            wait = {"Retry-After": str(refused.wait_seconds)}
            raise ApiError(429, refused.code, headers=wait) from None
        raise ApiError(401, refused.code) from None

    token = new_token()
    device = Device(
        account=account,
        name=device_name,
        token_sha256=token_digest(token),
        created_at=now,
        expires_at=now + token_lifetime,
        last_seen_at=now,
    )
    session.add(device)
    session.flush()
    log_event(
        session,
        action="login",
        username=account.username,
        account_id=account.id,
        device_id=device.id,
        detail=where,
    )
    session.commit()
    return token, device


def authenticate_device(session: Session, *, token: str | None) -> Device:
    """The device a bearer token belongs to, or 401 with the reason."""
    if not token:
        raise ApiError(401, "auth_required")
    device = session.scalar(select(Device).where(Device.token_sha256 == token_digest(token)))
    if device is None:
        raise ApiError(401, "token_invalid")
    now = utcnow()
    if device.revoked_at is not None:
        raise ApiError(401, "token_revoked")
    if device.expires_at <= now:
        raise ApiError(401, "token_expired")
    if not device.account.active:
        raise ApiError(401, "token_invalid")
    if device.last_seen_at is None or now - device.last_seen_at > LAST_SEEN_RESOLUTION:
        device.last_seen_at = now
        session.commit()
    return device


def list_devices(session: Session, *, admin: Account | None = None) -> list[Device]:
    """Every device (the command line), or those of the accounts ``admin`` manages."""
    devices = session.scalars(select(Device).order_by(Device.id))
    return [d for d in devices if admin is None or admin_manages(admin, d.account)]


def revoke_device(session: Session, *, admin: Account, device_id: int) -> Device:
    """Revoke a device's token; revoking twice keeps the first time.

    A device of an account the admin does not manage is answered as one that does
    not exist, so that an admin of one estate learns nothing of another's devices.
    """
    device = session.get(Device, device_id)
    if device is None or not admin_manages(admin, device.account):
        raise ApiError(404, "device_not_found")
    if device.revoked_at is None:
        device.revoked_at = utcnow()
        log_event(
            session,
            action="device_revoked",
            username=admin.username,
            account_id=admin.id,
            device_id=device.id,
            detail={"device_account_id": device.account_id},
        )
        session.commit()
    return device
