"""The logs: every synced record the account may see, filtered, searched and paged.

Every filter is an SQL condition, so the database counts and pages and only one page of
rows is read, whatever the table holds (bench/dashboard_load.py times it at a million
records). Estate, kind, staff and the date range are on the record's columns; the date
range is on the server's time of receipt (tablet clocks may be wrong; the project never
trusts them for ordering). Abnormal, overdue and the review status are columns the push
and the reviews keep (``server.services.record_flags``, migration 0006). The text search
looks in the payload as the database stores it, the record's id, the staff member's
name, and the names of the routes of the account's estates. Every query is limited to
the account's estates, whatever is asked.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, Select, Text, cast, func, or_, select
from sqlalchemy.orm import Session

from domain.records import RECORD_KINDS
from server.dashboard.paging import PAGE_SIZE, Page
from server.dashboard.places import Places, places
from server.dashboard.summaries import CHINA, Summary, summarise
from server.db.models import Account, Estate, Record

REVIEW_STATUSES = ("pending", "approved", "sent_back")
# A list is counted up to this many rows ("10000+"): counting a million costs more than
# the page itself, and nobody pages that far; a filter narrows it.
COUNT_LIMIT = 10_000


class BadFilter(ValueError):
    """A filter value that cannot be read; ``field`` names it."""

    def __init__(self, field: str):
        super().__init__(field)
        self.field = field


@dataclass(frozen=True)
class LogFilter:
    estate: str = ""
    kind: str = ""
    staff: str = ""
    date_from: date | None = None
    date_to: date | None = None
    status: str = ""
    abnormal: bool = False
    overdue: bool = False
    q: str = ""

    @classmethod
    def from_query(cls, query: Mapping[str, str], *, estate_ids: set[str]) -> LogFilter:
        """Read the filters from a query string; ``BadFilter`` for a value that is not
        one of the allowed (an estate not the account's is one of them)."""
        estate = query.get("estate", "").strip()
        if estate and estate not in estate_ids:
            raise BadFilter("estate")
        kind = query.get("kind", "").strip()
        if kind and kind not in RECORD_KINDS:
            raise BadFilter("kind")
        status = query.get("status", "").strip()
        if status and status not in REVIEW_STATUSES:
            raise BadFilter("status")
        return cls(
            estate=estate,
            kind=kind,
            staff=query.get("staff", "").strip()[:64],
            date_from=_date(query, "date_from"),
            date_to=_date(query, "date_to"),
            status=status,
            abnormal=query.get("abnormal") in ("1", "on", "true"),
            overdue=query.get("overdue") in ("1", "on", "true"),
            q=query.get("q", "").strip()[:100],
        )

    def query_items(self) -> list[tuple[str, str]]:
        """The filter as query parameters (for page links and exports); empty ones left out."""
        items = []
        for field in fields(self):
            value = getattr(self, field.name)
            if value is True:
                items.append((field.name, "1"))
            elif value:
                items.append((field.name, str(value)))
        return items


def _date(query: Mapping[str, str], name: str) -> date | None:
    raw = query.get(name, "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise BadFilter(name) from None


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=CHINA)


def staff_choices(session: Session, *, estate_ids: set[str]) -> list[Account]:
    """Accounts that pushed records in the estates, for the staff filter (one index probe
    an account, not a scan of the records)."""
    pushed = (
        select(Record.id)
        .where(Record.account_id == Account.id, Record.estate_id.in_(sorted(estate_ids)))
        .exists()
    )
    return list(session.scalars(select(Account).where(pushed).order_by(Account.username)))


def find_records(
    session: Session,
    *,
    estate_ids: set[str],
    wanted: LogFilter,
    now: datetime,
    language: str,
    page_number: int | None = 1,
) -> tuple[list[Summary], Page]:
    """The page of records matching ``wanted``, newest first; ``page_number`` None
    returns every match (for exports) on one page."""
    estates = {
        estate.id: estate
        for estate in session.scalars(select(Estate).where(Estate.id.in_(sorted(estate_ids))))
    }
    names = places(session, estate_ids)
    statement = _sql_filtered(session, wanted, estate_ids, names, now)
    if page_number is None:
        rows = session.execute(statement).all()
        page = Page(1, len(rows), size=max(1, len(rows)))
    else:
        counted = (
            statement.with_only_columns(Record.id).order_by(None).limit(COUNT_LIMIT + 1).subquery()
        )
        total = session.scalar(select(func.count()).select_from(counted)) or 0
        page = Page(page_number, min(total, COUNT_LIMIT), PAGE_SIZE, more=total > COUNT_LIMIT)
        rows = session.execute(statement.offset(page.offset).limit(page.size)).all()
    summaries = [
        summarise(record, account=account, estates=estates, review=record.review_status,
                  now=now, language=language, places=names)
        for record, account in rows
    ]  # fmt: skip
    return summaries, page


def _sql_filtered(
    session: Session, wanted: LogFilter, estate_ids: set[str], names: Places, now: datetime
) -> Select:
    statement = (
        select(Record, Account)
        .join(Account, Account.id == Record.account_id)
        .where(Record.estate_id.in_(sorted(estate_ids)))
        .order_by(Record.received_at.desc(), Record.id.desc())
    )
    if wanted.estate:
        statement = statement.where(Record.estate_id == wanted.estate)
    if wanted.kind:
        statement = statement.where(Record.kind == wanted.kind)
    if wanted.staff:
        # The account's id first, so the database pages by (account_id, received_at)
        # instead of reading every record to find one person's.
        staff = session.scalars(
            select(Account.id).where(func.lower(Account.username) == wanted.staff.lower())
        ).all()
        statement = statement.where(Record.account_id.in_(staff))
    if wanted.date_from:
        statement = statement.where(Record.received_at >= _start_of(wanted.date_from))
    if wanted.date_to:
        statement = statement.where(
            Record.received_at < _start_of(wanted.date_to + timedelta(days=1))
        )
    if wanted.status:
        statement = statement.where(Record.review_status == wanted.status)
    if wanted.abnormal:
        statement = statement.where(Record.abnormal.is_(True))
    if wanted.overdue:
        statement = statement.where(Record.reply_due_at < now)
    if wanted.q:
        statement = statement.where(_search(session, wanted.q, names))
    return statement


def _search(session: Session, needle: str, names: Places) -> ColumnElement[bool]:
    """Where ``needle`` appears (any case) in the payload, id, staff name or route name."""
    pattern = "%" + _escape_like(needle) + "%"
    stored = needle
    if session.get_bind().dialect.name == "sqlite":
        # SQLite keeps JSON as json.dumps writes it: non-ASCII text as \\uXXXX escapes.
        stored = json.dumps(needle)[1:-1]
    routes = [key for key, name in names.routes.items() if needle.lower() in name.lower()]
    conditions = [
        cast(Record.payload, Text).ilike("%" + _escape_like(stored) + "%", escape="!"),
        Record.id.ilike(pattern, escape="!"),
        Account.username.ilike(pattern, escape="!"),
        Account.display_name.ilike(pattern, escape="!"),
    ]
    if routes:
        conditions.append(Record.payload["route_id"].as_string().in_(routes))
    return or_(*conditions)


def _escape_like(text: str) -> str:
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_")
