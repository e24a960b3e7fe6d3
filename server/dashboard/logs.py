"""The logs: every synced record the account may see, filtered, searched and paged.

Estate, kind, staff and the date range are SQL conditions; the date range is on the
server's time of receipt (tablet clocks may be wrong; the project never trusts them for
ordering), and then the database pages. The flags a payload decides (abnormal, overdue,
review status) and the text search are applied to those rows in Python, which keeps the
queries the same on SQLite and PostgreSQL; the load bench of issue 13 will say which of
them need columns of their own. Every query is limited to the account's estates,
whatever is asked.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from domain.records import RECORD_KINDS
from server.dashboard.paging import PAGE_SIZE, Page
from server.dashboard.places import places
from server.dashboard.summaries import CHINA, Summary, summarise
from server.db.models import Account, Estate, Record, RecordReview

REVIEW_STATUSES = ("pending", "approved", "sent_back")


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

    @property
    def reads_payloads(self) -> bool:
        """Whether a filter is decided by the records' contents (in Python), not SQL."""
        return bool(self.status or self.abnormal or self.overdue or self.q)

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


def latest_reviews(session: Session, record_ids: list[str]) -> dict[str, RecordReview]:
    reviews: dict[str, RecordReview] = {}
    for start in range(0, len(record_ids), 500):
        chunk = record_ids[start : start + 500]
        for review in session.scalars(
            select(RecordReview)
            .where(RecordReview.record_id.in_(chunk))
            .order_by(RecordReview.at, RecordReview.id)
        ):
            reviews[review.record_id] = review
    return reviews


def review_status(record: Record, review: RecordReview | None) -> str:
    """pending until a review of the current revision; a new revision is pending again."""
    if review is None or review.revision != record.revision:
        return "pending"
    return review.verdict


def _matches_text(summary: Summary, needle: str) -> bool:
    record = summary.record
    haystack = " ".join(
        (
            record.id,
            summary.staff,
            summary.text,
            json.dumps(record.payload, ensure_ascii=False),
        )
    ).lower()
    return needle.lower() in haystack


def staff_choices(session: Session, *, estate_ids: set[str]) -> list[Account]:
    """Accounts that pushed records in the estates, for the staff filter."""
    return list(
        session.scalars(
            select(Account)
            .where(
                Account.id.in_(
                    select(Record.account_id).where(Record.estate_id.in_(sorted(estate_ids)))
                )
            )
            .order_by(Account.username)
        )
    )


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
    returns every match (for exports) on one page.

    Without a filter that reads payloads, the database counts and pages the rows itself
    and only one page is read; otherwise every row the SQL conditions leave is read.
    """
    estates = {
        estate.id: estate
        for estate in session.scalars(select(Estate).where(Estate.id.in_(sorted(estate_ids))))
    }
    names = places(session, estate_ids)

    def summaries(rows) -> list[Summary]:
        reviews = latest_reviews(session, [record.id for record, _ in rows])
        return [
            summarise(
                record,
                account=account,
                estates=estates,
                review=review_status(record, reviews.get(record.id)),
                now=now,
                language=language,
                places=names,
            )
            for record, account in rows
        ]

    statement = _sql_filtered(wanted, estate_ids)
    if page_number is not None and not wanted.reads_payloads:
        total = session.scalar(select(func.count()).select_from(statement.subquery()))
        page = Page(page_number, total or 0, PAGE_SIZE)  # (a count always has its row)
        rows = session.execute(statement.offset(page.offset).limit(page.size)).all()
        return summaries(rows), page
    matches = [
        summary
        for summary in summaries(session.execute(statement).all())
        if _matches_flags(summary, wanted)
    ]
    if page_number is None:
        return matches, Page(1, len(matches), size=max(1, len(matches)))
    page = Page(page_number, len(matches), PAGE_SIZE)
    return matches[page.offset : page.offset + page.size], page


def _sql_filtered(wanted: LogFilter, estate_ids: set[str]) -> Select:
    statement = (
        select(Record, Account)
        .join(Account, Account.id == Record.account_id)
        .where(Record.estate_id.in_(sorted(estate_ids)))
        .order_by(Record.received_at.desc(), Record.id)
    )
    if wanted.estate:
        statement = statement.where(Record.estate_id == wanted.estate)
    if wanted.kind:
        statement = statement.where(Record.kind == wanted.kind)
    if wanted.staff:
        statement = statement.where(func.lower(Account.username) == wanted.staff.lower())
    if wanted.date_from:
        statement = statement.where(Record.received_at >= _start_of(wanted.date_from))
    if wanted.date_to:
        statement = statement.where(
            Record.received_at < _start_of(wanted.date_to + timedelta(days=1))
        )
    return statement


def _matches_flags(summary: Summary, wanted: LogFilter) -> bool:
    return not (
        (wanted.status and summary.review != wanted.status)
        or (wanted.abnormal and not summary.abnormal)
        or (wanted.overdue and not summary.overdue)
        or (wanted.q and not _matches_text(summary, wanted.q))
    )
