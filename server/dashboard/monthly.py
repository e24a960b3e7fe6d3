"""The monthly report of one estate (月度报告): the month's figures of every kind of
field work, each counted in the month the work was done (server.dashboard.in_month).

- patrol: rounds walked (``started_at``), checkpoints visited, missed (of the round's
  route as it was when the round was accepted, not visited or skipped; for a route the
  server does not know, the skipped ones) and found abnormal: the sums of what each
  round's acceptance stored (server.services.round_coverage);
- complaints: received (``received_at``), of them major; closed (``closure.closed_at``);
  and, at the time of the report, still open and of those overdue;
- return visits: server.dashboard.visits (satisfied = 非常满意 or 满意);
- repairs: checks made (``arrived_at``) by result.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.complaint import Severity
from domain.records import COMPLAINT, PATROL_ROUND, REPAIR_CHECK
from domain.repair_check import RepairResult
from server.dashboard.board import open_complaints
from server.dashboard.in_month import made_in
from server.dashboard.months import Month
from server.dashboard.visits import VisitFigures, visit_figures
from server.db.models import Record

REPAIR_RESULTS = tuple(result.value for result in RepairResult)


@dataclass(frozen=True)
class PatrolFigures:
    rounds: int
    visited: int
    missed: int
    abnormal: int


@dataclass(frozen=True)
class ComplaintFigures:
    received: int
    major: int
    closed: int
    open_now: int
    overdue_now: int


@dataclass(frozen=True)
class RepairFigures:
    checks: int
    results: Counter


@dataclass(frozen=True)
class MonthlyReport:
    estate_id: str
    month: Month
    made_at: datetime
    patrol: PatrolFigures
    complaints: ComplaintFigures
    visits: VisitFigures
    repairs: RepairFigures


def _in(session: Session, kind: str, path: tuple[str, ...], estate_id: str, month: Month, **how):
    return list(
        made_in(
            session, kind=kind, path=path, estate_ids=[estate_id], first=month, last=month, **how
        )
    )


def _patrol(session: Session, estate_id: str, month: Month) -> PatrolFigures:
    """Through the index on (estate, shift day): a round starts on its shift day or the
    next calendar day, so the month's rounds lie in its shift days and the day before."""
    rounds, visited, missed, abnormal = session.execute(
        select(
            func.count(),
            func.sum(Record.visited_count),
            func.sum(Record.missed_count),
            func.sum(Record.abnormal_count),
        ).where(
            Record.estate_id == estate_id,
            Record.kind == PATROL_ROUND,
            Record.shift_day >= (month.start - timedelta(days=1)).date(),
            Record.shift_day < month.end.date(),
            Record.round_started_at >= month.start,
            Record.round_started_at < month.end,
        )
    ).one()
    return PatrolFigures(rounds, int(visited or 0), int(missed or 0), int(abnormal or 0))


def _complaints(session: Session, estate_id: str, month: Month, now: datetime) -> ComplaintFigures:
    received = _in(session, COMPLAINT, ("received_at",), estate_id, month, fields=("severity",))
    closed = _in(session, COMPLAINT, ("closure", "closed_at"), estate_id, month)
    still_open = open_complaints(session, estate_ids={estate_id}, now=now, language="zh")
    return ComplaintFigures(
        received=len(received),
        major=sum(1 for made in received if made.values["severity"] == Severity.MAJOR.value),
        closed=len(closed),
        open_now=len(still_open),
        overdue_now=sum(1 for c in still_open if c.overdue),
    )


def _repairs(session: Session, estate_id: str, month: Month) -> RepairFigures:
    checks = _in(session, REPAIR_CHECK, ("arrived_at",), estate_id, month, fields=("result",))
    return RepairFigures(len(checks), Counter(made.values["result"] for made in checks))


def monthly_report(
    session: Session, *, estate_id: str, month: Month, now: datetime
) -> MonthlyReport:
    return MonthlyReport(
        estate_id=estate_id,
        month=month,
        made_at=now,
        patrol=_patrol(session, estate_id, month),
        complaints=_complaints(session, estate_id, month, now),
        visits=visit_figures(session, estate_ids=[estate_id], month=month),
        repairs=_repairs(session, estate_id, month),
    )
