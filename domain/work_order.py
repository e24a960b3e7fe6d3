"""Work orders (工单): a repair assigned to a technician, whatever raised it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.choices import Choice
from domain.text import Text
from domain.times import optional_iso, to_iso
from domain.validation import LONG_TEXT, Fields, Problem, build


class RepairCategory(Choice):
    WATER = "water", "水", "Water"
    ELECTRIC = "electric", "电", "Electrical"
    DOORS_WINDOWS = "doors_windows", "门窗", "Doors and windows"
    PUBLIC_FACILITY = "public_facility", "公共设施", "Public facility"
    OTHER = "other", "其他", "Other"


class WorkOrderSource(Choice):
    OWNER = "owner", "业主报修", "Owner's request"
    COMPLAINT = "complaint", "投诉", "Complaint"
    PATROL = "patrol", "巡查发现", "Found on patrol"


class WorkOrderStatus(Choice):
    ASSIGNED = "assigned", "已派单", "Assigned"
    IN_PROGRESS = "in_progress", "维修中", "In progress"
    ON_HOLD = "on_hold", "待料/待外协", "Waiting for parts or a contractor"
    DONE = "done", "已完成", "Done"
    CANCELLED = "cancelled", "已取消", "Cancelled"


LOCATION_REQUIRED = Problem(
    "location_required",
    Text(
        "请填写房号；公共设施请填写具体位置。",
        "Enter the room, or for a public facility the place.",
    ),
)


@dataclass(frozen=True)
class WorkOrder:
    """``room_id`` for work in a home, ``place`` for the public areas (or both).

    ``source_id`` is the complaint or patrol round that raised it, if any; ``due_at`` is a
    due time set by the dispatcher, overriding the default in ``domain.deadlines``;
    ``photos`` are those taken where the problem was found (e.g. on a patrol round).
    """

    id: str
    technician_id: str
    category: RepairCategory
    description: str
    source: WorkOrderSource
    status: WorkOrderStatus
    created_at: datetime
    room_id: str | None = None
    place: str = ""
    source_id: str | None = None
    due_at: datetime | None = None
    photos: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "technician_id": self.technician_id,
            "category": self.category.value,
            "description": self.description,
            "source": self.source.value,
            "status": self.status.value,
            "created_at": to_iso(self.created_at),
            "room_id": self.room_id,
            "place": self.place,
            "source_id": self.source_id,
            "due_at": optional_iso(self.due_at),
            "photos": list(self.photos),
        }

    @classmethod
    def from_dict(cls, data: object) -> WorkOrder:
        return build(data, _read_work_order)


def _read_work_order(f: Fields) -> WorkOrder | None:
    room_id, place = f.ref("room_id", required=False), f.text("place", required=False)
    if not room_id and not place:
        f.add("room_id", LOCATION_REQUIRED)
    order = WorkOrder(
        id=f.ref("id"),
        technician_id=f.ref("technician_id"),
        category=f.choice("category", RepairCategory),
        description=f.text("description", max_length=LONG_TEXT),
        source=f.choice("source", WorkOrderSource),
        status=f.choice("status", WorkOrderStatus),
        created_at=f.moment("created_at"),
        room_id=room_id,
        place=place,
        source_id=f.ref("source_id", required=False),
        due_at=f.moment("due_at", required=False),
        photos=f.photos("photos"),
    )
    return order if f.clean else None
