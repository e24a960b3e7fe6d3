"""An owner return visit (业主回访): how the owner rates the service, and what they need.

A visit answers a visit task when there is one; routine calls on owners (定期走访) have
none. An unhappy owner's reasons must be written down: that is what the visit is for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.choices import Choice
from domain.text import Text
from domain.times import to_iso
from domain.validation import LONG_TEXT, Fields, Problem, build


class VisitMethod(Choice):
    ON_SITE = "on_site", "上门", "On site"
    PHONE = "phone", "电话", "By phone"


class Satisfaction(Choice):
    VERY_SATISFIED = "very_satisfied", "非常满意", "Very satisfied"
    SATISFIED = "satisfied", "满意", "Satisfied"
    NEUTRAL = "neutral", "一般", "Neutral"
    DISSATISFIED = "dissatisfied", "不满意", "Dissatisfied"
    VERY_DISSATISFIED = "very_dissatisfied", "非常不满意", "Very dissatisfied"

    @property
    def counts_as_satisfied(self) -> bool:
        """Whether the visit counts towards the monthly satisfaction rate (满意率)."""
        return self in (Satisfaction.VERY_SATISFIED, Satisfaction.SATISFIED)


class FollowUp(Choice):
    COMPLAINT = "complaint", "转投诉", "Becomes a complaint"
    REPAIR = "repair", "转报修", "Becomes a repair"


@dataclass(frozen=True)
class Need:
    """Something the owner asked for; ``follow_up`` when it becomes a complaint or repair."""

    description: str
    follow_up: FollowUp | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "description": self.description,
            "follow_up": None if self.follow_up is None else self.follow_up.value,
        }


@dataclass(frozen=True)
class ReturnVisit:
    estate_id: str
    staff_id: str
    owner_id: str
    room_id: str
    method: VisitMethod
    visited_at: datetime
    satisfaction: Satisfaction
    task_id: str | None = None
    feedback: str = ""
    needs: tuple[Need, ...] = ()
    photos: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "estate_id": self.estate_id,
            "staff_id": self.staff_id,
            "owner_id": self.owner_id,
            "room_id": self.room_id,
            "method": self.method.value,
            "visited_at": to_iso(self.visited_at),
            "satisfaction": self.satisfaction.value,
            "task_id": self.task_id,
            "feedback": self.feedback,
            "needs": [need.to_dict() for need in self.needs],
            "photos": list(self.photos),
        }

    @classmethod
    def from_dict(cls, data: object) -> ReturnVisit:
        return build(data, read_return_visit)


_FEEDBACK_REQUIRED = Problem(
    "feedback_required",
    Text(
        "业主不满意时须记录其意见。",
        "When the owner is dissatisfied, record what they said.",
    ),
)


def _read_need(f: Fields) -> Need | None:
    need = Need(
        f.text("description", max_length=LONG_TEXT),
        f.choice("follow_up", FollowUp, required=False),
    )
    return need if f.clean else None


def read_return_visit(f: Fields) -> ReturnVisit | None:
    satisfaction = f.choice("satisfaction", Satisfaction)
    feedback = f.text("feedback", required=False, max_length=LONG_TEXT)
    unhappy = satisfaction in (Satisfaction.DISSATISFIED, Satisfaction.VERY_DISSATISFIED)
    if unhappy and not feedback:
        f.add("feedback", _FEEDBACK_REQUIRED)
    visit = ReturnVisit(
        estate_id=f.ref("estate_id"),
        staff_id=f.ref("staff_id"),
        owner_id=f.ref("owner_id"),
        room_id=f.ref("room_id"),
        method=f.choice("method", VisitMethod),
        visited_at=f.moment("visited_at"),
        satisfaction=satisfaction,
        task_id=f.ref("task_id", required=False),
        feedback=feedback,
        needs=f.objects("needs", _read_need),
        photos=f.photos("photos"),
    )
    return visit if f.clean else None
