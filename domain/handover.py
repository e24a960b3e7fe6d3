"""A shift handover note (交接班记录) from one patrol officer to the next shift's.

Security posts (秩序维护/巡逻岗) hand over at every change of shift: the officer going
off duty writes what happened on the shift, what is still open and must be followed
by the next shift, and which keys and equipment they hand over; the note is addressed
to the account of the officer taking over (``to_staff_id``, a colleague of the estate,
not the author), so the next shift can read it on their own tablet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.choices import Choice
from domain.text import Text
from domain.times import to_iso
from domain.validation import LONG_TEXT, Fields, Problem, build

# Keys and equipment are short names ("对讲机 2台", "消防控制室钥匙"); a post has a few.
MAX_EQUIPMENT = 30


class HandoverShift(Choice):
    """The shift being handed over (the one that ends)."""

    DAY = "day", "白班", "Day shift"
    NIGHT = "night", "夜班", "Night shift"


_TO_SELF = Problem(
    "handover_to_self",
    Text(
        "交班不能交给自己，请选择接班人。",
        "A shift is handed over to someone else: pick who takes over.",
    ),
)
_TOO_MANY = Problem(
    "too_many_items",
    Text(f"交接物品最多 {MAX_EQUIPMENT} 项。", f"At most {MAX_EQUIPMENT} items handed over."),
)


@dataclass(frozen=True)
class ShiftHandover:
    estate_id: str
    staff_id: str  # the officer handing over: the author
    to_staff_id: str  # the next shift's officer, who receives the note
    shift: HandoverShift
    handed_over_at: datetime
    events: str  # what happened on the shift (本班情况)
    open_matters: str = ""  # what the next shift must follow up (遗留问题)
    equipment: tuple[str, ...] = ()  # keys and equipment handed over (交接物品)
    photos: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "estate_id": self.estate_id,
            "staff_id": self.staff_id,
            "to_staff_id": self.to_staff_id,
            "shift": self.shift.value,
            "handed_over_at": to_iso(self.handed_over_at),
            "events": self.events,
            "open_matters": self.open_matters,
            "equipment": list(self.equipment),
            "photos": list(self.photos),
        }

    @classmethod
    def from_dict(cls, data: object) -> ShiftHandover:
        return build(data, read_shift_handover)


def _read_equipment(f: Fields) -> tuple[str, ...]:
    equipment = f.texts("equipment")
    if len(equipment) > MAX_EQUIPMENT:
        f.add("equipment", _TOO_MANY)
    return equipment


def read_shift_handover(f: Fields) -> ShiftHandover | None:
    staff_id = f.ref("staff_id")
    to_staff_id = f.ref("to_staff_id")
    if staff_id and to_staff_id and staff_id.strip().lower() == to_staff_id.strip().lower():
        f.add("to_staff_id", _TO_SELF)
    handover = ShiftHandover(
        estate_id=f.ref("estate_id"),
        staff_id=staff_id,
        to_staff_id=to_staff_id,
        shift=f.choice("shift", HandoverShift),
        handed_over_at=f.moment("handed_over_at"),
        events=f.text("events", max_length=LONG_TEXT),
        open_matters=f.text("open_matters", required=False, max_length=LONG_TEXT),
        equipment=_read_equipment(f),
        photos=f.photos("photos"),
    )
    return handover if f.clean else None
