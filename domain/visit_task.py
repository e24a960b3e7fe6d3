"""Visit tasks (回访任务): an owner to visit or call, assigned to a service staff member."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.choices import Choice
from domain.times import optional_iso, to_iso
from domain.validation import Fields, build


class VisitReason(Choice):
    AFTER_REPAIR = "after_repair", "维修后回访", "After a repair"
    AFTER_COMPLAINT = "after_complaint", "投诉后回访", "After a complaint"
    ROUTINE = "routine", "定期走访", "Routine visit"


class VisitTaskStatus(Choice):
    PENDING = "pending", "待回访", "To do"
    DONE = "done", "已回访", "Done"
    CANCELLED = "cancelled", "已取消", "Cancelled"


@dataclass(frozen=True)
class VisitTask:
    """``source_id`` is the work order or complaint the visit follows up, if any; ``due_at``
    overrides the default in ``domain.deadlines``."""

    id: str
    staff_id: str
    owner_id: str
    room_id: str
    reason: VisitReason
    status: VisitTaskStatus
    created_at: datetime
    source_id: str | None = None
    due_at: datetime | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "staff_id": self.staff_id,
            "owner_id": self.owner_id,
            "room_id": self.room_id,
            "reason": self.reason.value,
            "status": self.status.value,
            "created_at": to_iso(self.created_at),
            "source_id": self.source_id,
            "due_at": optional_iso(self.due_at),
        }

    @classmethod
    def from_dict(cls, data: object) -> VisitTask:
        return build(data, _read_visit_task)


def _read_visit_task(f: Fields) -> VisitTask | None:
    task = VisitTask(
        id=f.ref("id"),
        staff_id=f.ref("staff_id"),
        owner_id=f.ref("owner_id"),
        room_id=f.ref("room_id"),
        reason=f.choice("reason", VisitReason),
        status=f.choice("status", VisitTaskStatus),
        created_at=f.moment("created_at"),
        source_id=f.ref("source_id", required=False),
        due_at=f.moment("due_at", required=False),
    )
    return task if f.clean else None
