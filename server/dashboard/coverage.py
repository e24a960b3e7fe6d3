"""Patrol coverage: which checkpoints each round visited, missed and took out of order.

Each round's comparison with its route was made when it was accepted
(server.services.round_coverage, which says what visited, missed and out of order
mean): the month's per-staff figures are sums over ``records`` through the index on
(estate, shift day), and only the rounds of the page shown are compared again in
detail, against the route stored with them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.records import PATROL_ROUND
from server.dashboard.places import Places
from server.db.models import Account, Record
from server.services.round_coverage import compare, moment


@dataclass(frozen=True)
class Stop:
    checkpoint_id: str
    place: str
    arrived_at: datetime | None
    out_of_order: bool = False
    skip_reason: str = ""


@dataclass(frozen=True)
class RoundCoverage:
    record: Record
    staff: str
    route: str
    shift_day: date
    started_at: datetime
    ended_at: datetime | None
    visited: list[Stop]
    missed: list[Stop]

    @property
    def out_of_order(self) -> list[Stop]:
        return [stop for stop in self.visited if stop.out_of_order]


@dataclass(frozen=True)
class StaffMonth:
    staff: str
    rounds: int
    visited: int
    missed: int
    out_of_order: int
    nights: int

    @property
    def coverage(self) -> float:
        expected = self.visited + self.missed
        return self.visited / expected if expected else 1.0


def month_days(month: date) -> tuple[date, date]:
    """The month's first shift day and the first of the following month."""
    first = month.replace(day=1)
    return first, (first.replace(day=28) + timedelta(days=4)).replace(day=1)


def _in_month(estate_id: str, month: date):
    first, following = month_days(month)
    return (
        Record.estate_id == estate_id,
        Record.kind == PATROL_ROUND,
        Record.shift_day >= first,
        Record.shift_day < following,
    )


def _staff(account: Account) -> str:
    return account.display_name or account.username


def by_staff(session: Session, *, estate_id: str, month: date) -> list[StaffMonth]:
    """Each staff member's rounds of the month, lowest coverage first."""
    name = func.coalesce(func.nullif(Account.display_name, ""), Account.username)
    rows = session.execute(
        select(
            name,
            func.count(),
            func.sum(Record.visited_count),
            func.sum(Record.missed_count),
            func.sum(Record.out_of_order_count),
            func.count(func.distinct(Record.shift_day)),
        )
        .join(Account, Account.id == Record.account_id)
        .where(*_in_month(estate_id, month))
        .group_by(name)
    ).all()
    months = [
        StaffMonth(staff, rounds, int(visited or 0), int(missed or 0), int(late or 0), nights)
        for staff, rounds, visited, missed, late, nights in rows
    ]
    return sorted(months, key=lambda m: (m.coverage, m.staff))


def month_rounds(
    session: Session, *, estate_id: str, month: date, places: Places, offset: int, limit: int
) -> list[RoundCoverage]:
    """The month's rounds ``offset`` to ``offset + limit``, newest shift day first."""
    rows = session.execute(
        select(Record, Account)
        .join(Account, Account.id == Record.account_id)
        .where(*_in_month(estate_id, month))
        .order_by(Record.shift_day.desc(), Record.round_started_at.desc(), Record.id.desc())
        .offset(offset)
        .limit(limit)
    ).all()
    return [detail(record, _staff(account), places) for record, account in rows]


def detail(record: Record, staff: str, places: Places) -> RoundCoverage:
    order = compare(record.payload, record.round_route, record.received_at)
    assert record.shift_day is not None  # the page lists rounds by their shift day
    return RoundCoverage(
        record=record,
        staff=staff,
        route=places.route(record.payload.get("route_id")),
        shift_day=record.shift_day,
        started_at=order.started_at,
        ended_at=moment(record.payload.get("ended_at")),
        visited=[
            Stop(a.checkpoint_id, places.checkpoint(a.checkpoint_id), a.arrived_at, a.out_of_order)
            for a in order.visited
        ],
        missed=[
            Stop(c, places.checkpoint(c), None, skip_reason=order.skip_reasons.get(c, ""))
            for c in order.missed
        ],
    )
