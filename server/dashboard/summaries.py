"""One line per record, as the lists, the board and the exports show it.

Read from the stored payload with ``.get``: a record accepted under older rules still
gets a line. Times the tablet recorded are shown in China Standard Time (UTC+8, no
daylight saving), where the estates are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from domain.complaint import Severity
from domain.records import (
    COMPLAINT,
    PATROL_ROUND,
    REPAIR_CHECK,
    RETURN_VISIT,
    SHIFT_HANDOVER,
)
from domain.repair_check import RepairResult
from domain.return_visit import Satisfaction
from server.dashboard.places import NO_PLACES, Places
from server.dashboard.texts import choice_label
from server.db.models import Account, Estate, Record
from server.services.record_flags import is_abnormal

CHINA = timezone(timedelta(hours=8), "CST")
# The payload field holding each kind's time of work, as the tablet recorded it.
OCCURRED_FIELD = {
    PATROL_ROUND: "started_at",
    RETURN_VISIT: "visited_at",
    REPAIR_CHECK: "arrived_at",
    COMPLAINT: "received_at",
    SHIFT_HANDOVER: "handed_over_at",
}


@dataclass(frozen=True)
class Summary:
    record: Record
    estate_name: str
    staff: str
    occurred_at: str
    text: str
    abnormal: bool
    major: bool
    deadline: datetime | None
    overdue: bool
    review: str

    @property
    def photo_count(self) -> int:
        return len(self.record.photos)


def local_time(moment: datetime | str | None) -> str:
    """``2025-03-01 20:10`` in China Standard Time; a string that is no time as it is."""
    if moment is None or moment == "":
        return ""
    if isinstance(moment, str):
        text = moment
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            return text
    if moment.tzinfo is None:
        return moment.strftime("%Y-%m-%d %H:%M")
    return moment.astimezone(CHINA).strftime("%Y-%m-%d %H:%M")


def _text(kind: str, payload: dict[str, Any], language: str, places: Places) -> str:
    if kind == PATROL_ROUND:
        visits = payload.get("checkpoints") or []
        skipped = sum(1 for visit in visits if visit.get("skipped"))
        route = places.route(payload.get("route_id"))
        if language == "en":
            return f"Route {route}: {len(visits)} checkpoints, {skipped} skipped"
        return f"路线 {route}：{len(visits)} 个巡查点，跳过 {skipped} 个"
    if kind == RETURN_VISIT:
        satisfaction = choice_label(Satisfaction, payload.get("satisfaction"), language)
        feedback = payload.get("feedback") or ""
        return f"{payload.get('room_id', '')} · {satisfaction}" + (
            f" · {feedback}" if feedback else ""
        )
    if kind == REPAIR_CHECK:
        result = choice_label(RepairResult, payload.get("result"), language)
        return f"{payload.get('description', '')} · {result}"
    if kind == COMPLAINT:
        return str(payload.get("matter", ""))
    if kind == SHIFT_HANDOVER:
        receiver = "To" if language == "en" else "接班"
        return f"{receiver} {payload.get('to_staff_id', '')} · {payload.get('events', '')}"
    return ""


def summarise(
    record: Record,
    *,
    account: Account,
    estates: dict[str, Estate],
    review: str,
    now: datetime,
    language: str,
    places: Places = NO_PLACES,
) -> Summary:
    payload = record.payload
    due = record.reply_due_at  # kept by the push (server.services.record_flags)
    estate = estates.get(record.estate_id)
    return Summary(
        record=record,
        estate_name=estate.name if estate else record.estate_id,
        staff=account.display_name or account.username,
        occurred_at=local_time(payload.get(OCCURRED_FIELD.get(record.kind, ""))),
        text=_text(record.kind, payload, language, places),
        abnormal=is_abnormal(record.kind, payload),
        major=payload.get("severity") == Severity.MAJOR.value,
        deadline=due,
        overdue=due is not None and due < now,
        review=review,
    )
