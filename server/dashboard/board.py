"""The complaints board: open complaints in the account's estates, overdue ones first,
then major ones, then by reply deadline (the soonest first).

An open complaint is one with a reply deadline (``records.reply_due_at``, kept by the
push), so the board reads only those, through an index, however many closed ones the
table holds."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.records import COMPLAINT
from server.dashboard.summaries import Summary, summarise
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
        .where(
            Record.estate_id.in_(wanted),
            Record.kind == COMPLAINT,
            Record.reply_due_at.is_not(None),
        )
    ).all()
    complaints = [
        summarise(
            record,
            account=account,
            estates=estates,
            review=record.review_status,
            now=now,
            language=language,
        )
        for record, account in rows
    ]
    return sorted(complaints, key=_board_order)


def _board_order(summary: Summary) -> tuple:
    due = summary.deadline.replace(tzinfo=None) if summary.deadline else _FAR_FUTURE
    return (not summary.overdue, not summary.major, due, summary.record.id)
