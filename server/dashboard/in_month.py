"""The records whose work was done in a range of months: by a time the tablet recorded
in the payload (a visit's ``visited_at``, a complaint's ``closure.closed_at``...).

The database narrows by the time's text, a day wider each side (ISO-8601 times sort as
text, give or take the zone offset); the exact month, in China Standard Time, is
decided in Python (server.dashboard.months). The same query runs on SQLite and
PostgreSQL (``json_extract`` / ``#>>``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.dashboard.months import Month, month_of
from server.db.models import Record


def value_at(payload: dict[str, Any], path: Sequence[str]) -> object:
    value: object = payload
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def made_in(
    session: Session,
    *,
    kind: str,
    path: Sequence[str],
    estate_ids: list[str],
    first: Month,
    last: Month,
) -> Iterator[tuple[str, dict[str, Any], Month]]:
    """(estate id, payload, month) of each record of ``kind`` whose time at ``path``
    falls in ``first`` to ``last``."""
    moment = Record.payload[tuple(path) if len(path) > 1 else path[0]].as_string()
    low = (first.start - timedelta(days=1)).date().isoformat()
    high = (last.end + timedelta(days=1)).date().isoformat()
    rows = session.execute(
        select(Record.estate_id, Record.payload).where(
            Record.kind == kind,
            Record.estate_id.in_(estate_ids),
            moment >= low,
            moment < high,
        )
    )
    for estate_id, payload in rows:
        month = month_of(value_at(payload, path))
        if month is not None and first <= month <= last:
            yield estate_id, payload, month
