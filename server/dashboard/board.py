"""The complaints board: open complaints in the account's estates, overdue ones first,
then major ones, then by reply deadline (the soonest first)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.records import COMPLAINT
from server.dashboard.logs import latest_reviews, review_status
from server.dashboard.summaries import CLOSED_STATUSES, Summary, summarise
from server.db.models import Account, Estate, Record

_FAR_FUTURE = datetime.max.replace(tzinfo=None)


def open_complaints(
    session: Session, *, estate_ids: set[str], estate: str = "", now: datetime, language: str
) -> list[Summary]:
    wanted = sorted({estate} & estate_ids) if estate else sorted(estate_ids)
    estates = {e.id: e for e in session.scalars(select(Estate).where(Estate.id.in_(wanted)))}
    rows = session.execute(
        select(Record, Account)
        .join(Account, Account.id == Record.account_id)
        .where(Record.kind == COMPLAINT, Record.estate_id.in_(wanted))
    ).all()
    reviews = latest_reviews(session, [record.id for record, _ in rows])
    complaints = [
        summarise(
            record,
            account=account,
            estates=estates,
            review=review_status(record, reviews.get(record.id)),
            now=now,
            language=language,
        )
        for record, account in rows
        if record.payload.get("status") not in CLOSED_STATUSES
    ]
    return sorted(complaints, key=_board_order)


def _board_order(summary: Summary) -> tuple:
    due = summary.deadline.replace(tzinfo=None) if summary.deadline else _FAR_FUTURE
    return (not summary.overdue, not summary.major, due, summary.record.id)
