"""A patrol round (巡查记录): one walk of a route, checkpoint by checkpoint.

At each checkpoint the patroller proves presence (the label's code, scanned or typed, with
GPS where the tablet has a fix), fills in the checklist, and may add a note and photos. A
checkpoint that could not be reached is recorded as skipped, with the reason.

A visit's ``abnormal`` flag follows from its results: any abnormal check or any reading
outside its allowed range makes it abnormal, and a dict without the flag gets it that
way. The patroller may also flag an anomaly the checklist does not cover (then a note must
say what it is), but cannot clear the flag while a result is abnormal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from domain.checklist import ChecklistResult, read_result
from domain.choices import Choice
from domain.route import Route
from domain.text import Text
from domain.times import optional_iso, to_iso
from domain.validation import ENDS_BEFORE_START, LONG_TEXT, Fields, Problem, build


class PresenceMethod(Choice):
    SCANNED = "scanned", "扫码", "Scanned"
    TYPED = "typed", "手动输入", "Typed in"


@dataclass(frozen=True)
class GpsFix:
    lat: float
    lon: float
    accuracy_m: float | None = None

    def to_dict(self) -> dict[str, object]:
        return {"lat": self.lat, "lon": self.lon, "accuracy_m": self.accuracy_m}


@dataclass(frozen=True)
class Presence:
    """Proof the patroller stood at the checkpoint: the code on its label."""

    method: PresenceMethod
    code: str
    gps: GpsFix | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "method": self.method.value,
            "code": self.code,
            "gps": None if self.gps is None else self.gps.to_dict(),
        }


def results_abnormal(results: Iterable[ChecklistResult]) -> bool:
    """Whether the checklist results alone make a visit abnormal."""
    return any(result.abnormal for result in results)


@dataclass(frozen=True)
class CheckpointVisit:
    """One checkpoint on the round: visited (arrival and presence) or skipped (reason)."""

    checkpoint_id: str
    arrived_at: datetime | None = None
    presence: Presence | None = None
    results: tuple[ChecklistResult, ...] = ()
    abnormal: bool = False
    note: str = ""
    photos: tuple[str, ...] = ()
    skipped: bool = False
    skip_reason: str = ""

    def to_dict(self) -> dict[str, object]:
        return {
            "checkpoint_id": self.checkpoint_id,
            "arrived_at": optional_iso(self.arrived_at),
            "presence": None if self.presence is None else self.presence.to_dict(),
            "results": [result.to_dict() for result in self.results],
            "abnormal": self.abnormal,
            "note": self.note,
            "photos": list(self.photos),
            "skipped": self.skipped,
            "skip_reason": self.skip_reason,
        }


@dataclass(frozen=True)
class PatrolRound:
    estate_id: str
    route_id: str
    staff_id: str
    started_at: datetime
    ended_at: datetime
    visits: tuple[CheckpointVisit, ...]

    @property
    def abnormal_visits(self) -> tuple[CheckpointVisit, ...]:
        """The visits that should each raise a work order (or an issue for another team)."""
        return tuple(visit for visit in self.visits if visit.abnormal)

    def to_dict(self) -> dict[str, object]:
        return {
            "estate_id": self.estate_id,
            "route_id": self.route_id,
            "staff_id": self.staff_id,
            "started_at": to_iso(self.started_at),
            "ended_at": to_iso(self.ended_at),
            "checkpoints": [visit.to_dict() for visit in self.visits],
        }

    @classmethod
    def from_dict(cls, data: object) -> PatrolRound:
        return build(data, read_patrol_round)


def missed_checkpoints(route: Route, patrol_round: PatrolRound) -> tuple[str, ...]:
    """Checkpoints of ``route`` not visited on the round: skipped or absent, in route order."""
    visited = {visit.checkpoint_id for visit in patrol_round.visits if not visit.skipped}
    return tuple(cid for cid in route.checkpoint_ids if cid not in visited)


_OUTSIDE_ROUND = Problem(
    "outside_round",
    Text(
        "到达时间不在本次巡查的开始与结束之间。",
        "The arrival time is outside the round's start and end.",
    ),
)
_DUPLICATE = Problem(
    "duplicate",
    Text("同一巡查点在本次巡查中出现了两次。", "This checkpoint appears twice in the round."),
)
_NOTE_REQUIRED = Problem(
    "note_required",
    Text(
        "标记为异常但检查项均正常：请在备注中写明异常情况。",
        "Flagged abnormal while every result is normal: describe the anomaly in the note.",
    ),
)
_ABNORMAL_MISMATCH = Problem(
    "abnormal_mismatch",
    Text(
        "检查结果中有异常，不能标记为正常。",
        "A result is abnormal, so the checkpoint cannot be marked normal.",
    ),
)


def _read_gps(f: Fields) -> GpsFix | None:
    fix = GpsFix(
        f.number("lat", minimum=-90, maximum=90),
        f.number("lon", minimum=-180, maximum=180),
        f.number("accuracy_m", minimum=0, maximum=100_000, required=False),
    )
    return fix if f.clean else None


def _read_presence(f: Fields) -> Presence | None:
    presence = Presence(
        f.choice("method", PresenceMethod),
        f.text("code", max_length=64),
        f.obj("gps", _read_gps, required=False),
    )
    return presence if f.clean else None


def _visit_reader(
    started_at: datetime | None, ended_at: datetime | None
) -> Callable[[Fields], CheckpointVisit | None]:
    """Reads each visit of one round, checking it against the round and the visits before."""
    seen: set[str] = set()

    def read(f: Fields) -> CheckpointVisit | None:
        checkpoint_id = f.ref("checkpoint_id")
        if checkpoint_id in seen:
            f.add("checkpoint_id", _DUPLICATE)
        elif checkpoint_id:
            seen.add(checkpoint_id)
        skipped = f.flag("skipped")
        arrived_at = f.moment("arrived_at", required=not skipped)
        if arrived_at and started_at and ended_at and not started_at <= arrived_at <= ended_at:
            f.add("arrived_at", _OUTSIDE_ROUND)
        results: tuple[ChecklistResult, ...] = f.objects("results", read_result)
        derived = results_abnormal(results)
        abnormal = f.flag("abnormal", default=None)
        note = f.text("note", required=False, max_length=LONG_TEXT)
        if abnormal is None:
            abnormal = derived
        elif derived and not abnormal:
            f.add("abnormal", _ABNORMAL_MISMATCH)
        elif abnormal and not derived and not note:
            f.add("note", _NOTE_REQUIRED)
        visit = CheckpointVisit(
            checkpoint_id=checkpoint_id,
            arrived_at=arrived_at,
            presence=f.obj("presence", _read_presence, required=not skipped),
            results=results,
            abnormal=abnormal,
            note=note,
            photos=f.photos("photos"),
            skipped=skipped,
            skip_reason=f.text("skip_reason", required=skipped, max_length=LONG_TEXT),
        )
        return visit if f.clean else None

    return read


def read_patrol_round(f: Fields) -> PatrolRound | None:
    started_at, ended_at = f.moment("started_at"), f.moment("ended_at")
    if started_at and ended_at and ended_at < started_at:
        f.add("ended_at", ENDS_BEFORE_START)
    patrol_round = PatrolRound(
        estate_id=f.ref("estate_id"),
        route_id=f.ref("route_id"),
        staff_id=f.ref("staff_id"),
        started_at=started_at,
        ended_at=ended_at,
        visits=f.objects("checkpoints", _visit_reader(started_at, ended_at), required=True),
    )
    return patrol_round if f.clean else None
