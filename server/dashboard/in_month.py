"""The records whose work was done in a range of months: by a time the tablet recorded
in the payload (a visit's ``visited_at``, a complaint's ``closure.closed_at``...).

The database narrows by the time's text, a day wider each side (ISO-8601 times sort as
text, give or take the zone offset); the exact month, in China Standard Time, is
decided in Python (server.dashboard.months). The same query runs on SQLite and
PostgreSQL (``json_extract`` / ``#>>``).

A time in the payload was recorded before the revision carrying it reached the server,
so a record whose current revision arrived (``updated_at``) before the range began
cannot have work in it: the index on (estate, kind, updated_at) skips the older records
without reading their payloads. ``CLOCK_SLACK`` allows for a tablet whose clock runs
ahead of the server's.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.dashboard.months import Month, month_of
from server.db.models import Record

CLOCK_SLACK = timedelta(days=7)


def _text_at(path: Sequence[str]):
    return Record.payload[tuple(path) if len(path) > 1 else path[0]].as_string()


@dataclass(frozen=True)
class Made:
    estate_id: str
    month: Month
    values: dict[str, str | None]  # the text fields asked for, read by the database
    payload: dict[str, Any] | None  # the whole payload, when asked for


def made_in(
    session: Session,
    *,
    kind: str,
    path: Sequence[str],
    estate_ids: list[str],
    first: Month,
    last: Month,
    fields: Sequence[str] = (),
    whole: bool = False,
) -> Iterator[Made]:
    """Each record of ``kind`` whose time at ``path`` falls in ``first`` to ``last``,
    with the top-level text ``fields`` of its payload, and the payload if ``whole``
    (reading and decoding whole payloads is most of the time a figure takes)."""
    moment = _text_at(path)
    low = (first.start - timedelta(days=1)).date().isoformat()
    high = (last.end + timedelta(days=1)).date().isoformat()
    columns = [Record.estate_id, moment, *(_text_at([f]) for f in fields)]
    rows = session.execute(
        select(*columns, *([Record.payload] if whole else [])).where(
            Record.kind == kind,
            Record.estate_id.in_(estate_ids),
            Record.updated_at >= first.start - CLOCK_SLACK,
            moment >= low,
            moment < high,
        )
    )
    for estate_id, at, *values in rows:
        month = month_of(at)
        if month is not None and first <= month <= last:
            payload = values.pop() if whole else None
            yield Made(estate_id, month, dict(zip(fields, values, strict=True)), payload)
