"""Patrol coverage: which checkpoints each round visited, missed and took out of order.

A round is compared with its route (``checkpoint_ids`` in order). *Visited*: the route's
checkpoints the round reached (not skipped). *Missed*: the route's checkpoints it did
not reach, skipped ones included (with their reason). *Out of order*: visited checkpoints
reached later than a checkpoint that comes after them on the route (in the order of
their arrival times). A round of no known route has nothing to miss.

Rounds belong to the *shift day* they started in (06:00 to 06:00 China time, as on the
tablets), so a night check after midnight counts for the evening it began. A month is
read through the server's time of receipt (SQL) widened by a day each side, then
kept by start time.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.records import PATROL_ROUND
from server.dashboard.places import Places
from server.dashboard.summaries import CHINA
from server.db.models import Account, Record
from server.services.reference import ROUTE
from server.services.work_items import live_items

SHIFT_DAY_STARTS = time(6, 0)


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


@dataclass
class StaffMonth:
    staff: str
    rounds: int = 0
    visited: int = 0
    missed: int = 0
    out_of_order: int = 0
    nights: set[date] = field(default_factory=set)

    @property
    def coverage(self) -> float:
        expected = self.visited + self.missed
        return self.visited / expected if expected else 1.0


def month_bounds(month: date) -> tuple[datetime, datetime]:
    start = datetime.combine(month.replace(day=1), SHIFT_DAY_STARTS, CHINA)
    following = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    return start, datetime.combine(following, SHIFT_DAY_STARTS, CHINA)


def shift_day(moment: datetime) -> date:
    local = moment.astimezone(CHINA)
    return local.date() if local.time() >= SHIFT_DAY_STARTS else local.date() - timedelta(days=1)


def _moment(raw: object) -> datetime | None:
    try:
        return datetime.fromisoformat(str(raw))
    except ValueError:
        return None


def compare(record: Record, route: list[str] | None, places: Places, staff: str) -> RoundCoverage:
    payload = record.payload
    started = _moment(payload.get("started_at")) or record.received_at
    reached: list[Stop] = []
    skipped: dict[str, str] = {}
    for visit in payload.get("checkpoints") or []:
        checkpoint = str(visit.get("checkpoint_id"))
        if visit.get("skipped"):
            skipped[checkpoint] = str(visit.get("skip_reason") or "")
        else:
            arrived = _moment(visit.get("arrived_at"))
            reached.append(Stop(checkpoint, places.checkpoint(checkpoint), arrived))
    reached.sort(key=lambda stop: stop.arrived_at or started)
    position = {checkpoint: n for n, checkpoint in enumerate(route or [])}
    visited, furthest = [], -1
    for stop in reached:
        n = position.get(stop.checkpoint_id, -1)
        late = 0 <= n < furthest
        furthest = max(furthest, n)
        visited.append(Stop(stop.checkpoint_id, stop.place, stop.arrived_at, out_of_order=late))
    seen = {stop.checkpoint_id for stop in visited}
    missed = [
        Stop(
            checkpoint, places.checkpoint(checkpoint), None, skip_reason=skipped.get(checkpoint, "")
        )
        for checkpoint in route or []
        if checkpoint not in seen
    ]
    return RoundCoverage(
        record=record,
        staff=staff,
        route=places.route(payload.get("route_id")),
        shift_day=shift_day(started),
        started_at=started,
        ended_at=_moment(payload.get("ended_at")),
        visited=visited,
        missed=missed,
    )


def month_coverage(
    session: Session, *, estate_ids: set[str], month: date, places: Places
) -> list[RoundCoverage]:
    """Every round of the month in the estates, newest shift day first."""
    start, end = month_bounds(month)
    routes = {
        item.key: [str(c) for c in item.data.get("checkpoint_ids", [])]
        for item in live_items(session, ROUTE, sorted(estate_ids))
    }
    rows = session.execute(
        select(Record, Account)
        .join(Account, Account.id == Record.account_id)
        .where(
            Record.kind == PATROL_ROUND,
            Record.estate_id.in_(sorted(estate_ids)),
            Record.received_at >= start - timedelta(days=1),
            Record.received_at < end + timedelta(days=2),
        )
    ).all()
    rounds = [
        compare(
            record,
            routes.get(str(record.payload.get("route_id"))),
            places,
            account.display_name or account.username,
        )
        for record, account in rows
    ]
    kept = [r for r in rounds if start <= r.started_at < end]
    return sorted(kept, key=lambda r: (r.shift_day, r.started_at), reverse=True)


def by_staff(rounds: list[RoundCoverage]) -> list[StaffMonth]:
    months: dict[str, StaffMonth] = defaultdict(lambda: StaffMonth(""))
    for one in rounds:
        month = months[one.staff]
        month.staff = one.staff
        month.rounds += 1
        month.visited += len(one.visited)
        month.missed += len(one.missed)
        month.out_of_order += len(one.out_of_order)
        month.nights.add(one.shift_day)
    return sorted(months.values(), key=lambda m: (m.coverage, m.staff))
