"""What a tablet says of itself with each pull and push: the app's version
(``protocol.APP_VERSION_HEADER``) and its backlog, the records and photos waiting on it
beyond that request. Kept on its ``devices`` row, with the time, for the supervisors'
device list; a request that says nothing (an older app) leaves them empty ("not
reported"), so an old number never passes for a new one."""

from __future__ import annotations

from datetime import datetime

from server.db.models import Device
from sync import protocol


def app_version_of(header: str | None) -> str | None:
    """The header's version, trimmed to the column; None if absent or unstorable."""
    if not header:
        return None
    version = header.strip()[: protocol.APP_VERSION_MAX_LENGTH]
    return version if version and protocol.is_storable_text(version) else None


def note_sync(
    device: Device,
    *,
    app_version: str | None,
    backlog: dict[str, int] | None,
    now: datetime,
) -> None:
    """Set the device's report; the caller commits it with the request's work."""
    device.last_sync_at = now
    device.app_version = app_version_of(app_version)
    device.backlog_records = None if backlog is None else backlog["records"]
    device.backlog_photos = None if backlog is None else backlog["photos"]
