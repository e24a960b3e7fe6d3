"""What patrol coverage needs of a round, decided once when the round is accepted.

A round is compared with its route (``checkpoint_ids`` in order) *as the route was when
the round was accepted*: a route changed later does not rewrite last month's figures.
The push stores the result beside the payload (``records.shift_day``,
``round_started_at``, ``visited_count``, ``missed_count``, ``out_of_order_count``,
``abnormal_count``, ``round_route``), so the coverage page and the monthly report read
one estate's month through an index and sum it in SQL; the coverage page compares in
detail only the rounds it shows.

*Visited*: the checkpoints the round reached (not skipped), each counted once.
*Missed*: the route's checkpoints it did not reach, skipped ones included; for a route
the server does not know, the checkpoints it skipped. *Out of order*: visited
checkpoints reached later than a checkpoint that comes after them on the route (in the
order of their arrival times). *Abnormal*: the checkpoints reported abnormal.

Rounds belong to the *shift day* they started in (06:00 to 06:00 China time, as on the
tablets), so a night check after midnight counts for the evening it began.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.records import PATROL_ROUND
from server.db.models import ReferenceItem
from server.services.reference import ROUTE

CHINA = timezone(timedelta(hours=8), "CST")
SHIFT_DAY_STARTS = time(6, 0)


@dataclass(frozen=True)
class Arrival:
    checkpoint_id: str
    arrived_at: datetime | None
    out_of_order: bool = False


@dataclass(frozen=True)
class RoundOrder:
    started_at: datetime
    visited: list[Arrival]
    missed: list[str]
    skip_reasons: dict[str, str]


def moment(raw: object) -> datetime | None:
    try:
        return datetime.fromisoformat(str(raw))
    except ValueError:
        return None


def shift_day(when: datetime) -> date:
    local = when.astimezone(CHINA)
    return local.date() if local.time() >= SHIFT_DAY_STARTS else local.date() - timedelta(days=1)


def compare(payload: dict[str, Any], route: list[str] | None, received_at: datetime) -> RoundOrder:
    started = moment(payload.get("started_at")) or received_at
    reached: list[Arrival] = []
    skipped: dict[str, str] = {}
    for visit in payload.get("checkpoints") or []:
        checkpoint = str(visit.get("checkpoint_id"))
        if visit.get("skipped"):
            skipped[checkpoint] = str(visit.get("skip_reason") or "")
        else:
            reached.append(Arrival(checkpoint, moment(visit.get("arrived_at"))))
    reached.sort(key=lambda arrival: arrival.arrived_at or started)
    position = {checkpoint: n for n, checkpoint in enumerate(route or [])}
    visited, furthest = [], -1
    for arrival in reached:
        n = position.get(arrival.checkpoint_id, -1)
        visited.append(Arrival(arrival.checkpoint_id, arrival.arrived_at, 0 <= n < furthest))
        furthest = max(furthest, n)
    seen = {arrival.checkpoint_id for arrival in visited}
    if route is None:
        missed = list(skipped)
    else:
        missed = [checkpoint for checkpoint in route if checkpoint not in seen]
    return RoundOrder(started, visited, missed, skipped)


def route_checkpoints(session: Session, estate_id: str, route_id: object) -> list[str] | None:
    """The route's checkpoints now (None for a route the estate does not have)."""
    data = session.scalar(
        select(ReferenceItem.data).where(
            ReferenceItem.kind == ROUTE,
            ReferenceItem.key == str(route_id),
            ReferenceItem.estate_id == estate_id,
            ReferenceItem.deleted.is_(False),
        )
    )
    return None if data is None else [str(c) for c in data.get("checkpoint_ids", [])]


NO_ROUND: dict[str, Any] = {
    "shift_day": None,
    "round_started_at": None,
    "visited_count": None,
    "missed_count": None,
    "out_of_order_count": None,
    "abnormal_count": None,
    "round_route": None,
}


def round_columns(
    kind: str, payload: dict[str, Any], route: list[str] | None, received_at: datetime
) -> dict[str, Any]:
    """The coverage columns of a record (all None for anything but a patrol round)."""
    if kind != PATROL_ROUND:
        return dict(NO_ROUND)
    order = compare(payload, route, received_at)
    return {
        "shift_day": shift_day(order.started_at),
        "round_started_at": order.started_at,
        "visited_count": len({arrival.checkpoint_id for arrival in order.visited}),
        "missed_count": len(order.missed),
        "out_of_order_count": sum(arrival.out_of_order for arrival in order.visited),
        "abnormal_count": sum(
            1 for visit in payload.get("checkpoints") or [] if visit.get("abnormal")
        ),
        "round_route": route,
    }


def accepted_round_columns(
    session: Session, kind: str, estate_id: str, payload: dict[str, Any], received_at: datetime
) -> dict[str, Any]:
    """The columns of a revision being accepted, against its route as it is now."""
    if kind != PATROL_ROUND:
        return dict(NO_ROUND)
    route = route_checkpoints(session, estate_id, payload.get("route_id"))
    return round_columns(kind, payload, route, received_at)
