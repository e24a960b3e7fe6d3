"""Patrol routes (巡查路线): checkpoints in walking order, by day or for the night check."""

from __future__ import annotations

from dataclasses import dataclass

from domain.choices import Choice
from domain.validation import Fields, build


class Shift(Choice):
    DAY = "day", "日间巡查", "Day patrol"
    NIGHT = "night", "夜查", "Night check"


@dataclass(frozen=True)
class Route:
    id: str
    estate_id: str
    name: str
    shift: Shift
    checkpoint_ids: tuple[str, ...]
    expected_minutes: int

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "estate_id": self.estate_id,
            "name": self.name,
            "shift": self.shift.value,
            "checkpoint_ids": list(self.checkpoint_ids),
            "expected_minutes": self.expected_minutes,
        }

    @classmethod
    def from_dict(cls, data: object) -> Route:
        return build(data, _read_route)


def _read_route(f: Fields) -> Route | None:
    route = Route(
        f.ref("id"),
        f.ref("estate_id"),
        f.text("name"),
        f.choice("shift", Shift),
        f.refs("checkpoint_ids", required=True),
        f.integer("expected_minutes", minimum=1, maximum=24 * 60),
    )
    return route if f.clean else None
