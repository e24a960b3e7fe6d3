"""The tablets of the account's estates: whose they are, when each last synced, its app
version, and the backlog it reported then (server.services.device_reports).

A tablet belongs to the estates its account works in; a supervisor sees the tablets of
accounts working in one of theirs, and of those accounts' estates only their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.db.models import Device, account_estates

# A tablet that has not synced for this long is marked on the page.
QUIET_AFTER = timedelta(hours=24)


@dataclass(frozen=True)
class DeviceLine:
    device: Device
    estates: list[str]  # the viewer's estates the account works in, by name
    state: str  # active, revoked, expired
    quiet: bool  # no sync for QUIET_AFTER (or never)


def tablets(session: Session, *, estate_ids: list[str], now: datetime) -> list[DeviceLine]:
    """Most recently synced first; those that never synced last."""
    accounts = select(account_estates.c.account_id).where(
        account_estates.c.estate_id.in_(estate_ids)
    )
    devices = session.scalars(select(Device).where(Device.account_id.in_(accounts)))
    lines = []
    for device in devices:
        names = sorted(e.name for e in device.account.estates if e.id in estate_ids)
        if device.revoked_at is not None:
            state = "revoked"
        elif device.expires_at <= now:
            state = "expired"
        else:
            state = "active"
        synced = device.last_sync_at
        lines.append(DeviceLine(device, names, state, synced is None or now - synced > QUIET_AFTER))
    never = datetime.min.replace(tzinfo=now.tzinfo)
    return sorted(
        lines, key=lambda line: (line.device.last_sync_at or never, line.device.id), reverse=True
    )
