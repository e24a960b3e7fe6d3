"""The monthly return-visit figures the seed asks supervisors for: visits done and the
satisfaction rate (满意率), per estate and per staff member, and their trend.

A visit counts in the month of its ``visited_at`` (China Standard Time), when it was
made, whenever it was synced. It is *satisfied* when the owner rated it 非常满意 or 满意
(``Satisfaction.counts_as_satisfied``); the rate is satisfied visits over visits done,
so 一般 (neutral) counts against it. Staff are the visit's author (``staff_id``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.records import RETURN_VISIT
from domain.return_visit import Satisfaction
from server.dashboard.in_month import made_in
from server.dashboard.months import Month
from server.db.models import Account, Estate

TREND_MONTHS = 12
LEVELS = tuple(level.value for level in Satisfaction)
_SATISFIED = frozenset(level.value for level in Satisfaction if level.counts_as_satisfied)


@dataclass
class Tally:
    visits: int = 0
    satisfied: int = 0
    levels: Counter = field(default_factory=Counter)

    def add(self, satisfaction: object) -> None:
        self.visits += 1
        self.satisfied += satisfaction in _SATISFIED
        self.levels[satisfaction] += 1

    @property
    def rate(self) -> float | None:
        """Satisfied visits over visits done, 0–1; None without visits."""
        return self.satisfied / self.visits if self.visits else None


@dataclass(frozen=True)
class Row:
    key: str
    name: str
    tally: Tally


@dataclass(frozen=True)
class VisitFigures:
    month: Month
    total: Tally
    by_estate: list[Row]
    by_staff: list[Row]
    trend: list[tuple[Month, Tally]]


def visit_figures(session: Session, *, estate_ids: list[str], month: Month) -> VisitFigures:
    months = month.last(TREND_MONTHS)
    trend = {m: Tally() for m in months}
    total = Tally()
    by_estate: dict[str, Tally] = defaultdict(Tally)
    by_staff: dict[str, Tally] = defaultdict(Tally)
    visits = made_in(
        session,
        kind=RETURN_VISIT,
        path=("visited_at",),
        estate_ids=estate_ids,
        first=months[0],
        last=month,
        fields=("satisfaction", "staff_id"),
    )
    for visit in visits:
        satisfaction = visit.values["satisfaction"]
        trend[visit.month].add(satisfaction)
        if visit.month == month:
            total.add(satisfaction)
            by_estate[visit.estate_id].add(satisfaction)
            by_staff[(visit.values["staff_id"] or "").lower()].add(satisfaction)
    estates = {
        e.id: e.name for e in session.scalars(select(Estate).where(Estate.id.in_(estate_ids)))
    }
    names = {
        a.username: a.display_name or a.username
        for a in session.scalars(select(Account).where(Account.username.in_(list(by_staff))))
    }
    return VisitFigures(
        month=month,
        total=total,
        by_estate=[Row(key, estates.get(key, key), by_estate[key]) for key in sorted(by_estate)],
        by_staff=sorted(
            (Row(key, names.get(key, key), tally) for key, tally in by_staff.items()),
            key=lambda row: (-row.tally.visits, row.key),
        ),
        trend=[(m, trend[m]) for m in months],
    )
