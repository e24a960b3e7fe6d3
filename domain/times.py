"""Points in time as they travel in dicts: ISO-8601 strings that always carry a timezone.

A time without a zone is ambiguous once records from tablets and the server meet, so
``to_iso`` refuses one, and reading a dict reports one as an error (see ``validation``).
"""

from __future__ import annotations

from datetime import datetime


def is_aware(moment: datetime) -> bool:
    return moment.tzinfo is not None and moment.utcoffset() is not None


def to_iso(moment: datetime) -> str:
    if not is_aware(moment):
        raise ValueError(f"datetime without timezone: {moment!r}")
    return moment.isoformat()


def optional_iso(moment: datetime | None) -> str | None:
    return None if moment is None else to_iso(moment)
