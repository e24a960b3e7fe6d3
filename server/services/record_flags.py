"""What a record's contents say that the dashboard filters on, decided once per revision.

The push stores these beside the payload (``records.abnormal``, ``records.reply_due_at``)
so that a filter is an indexed SQL condition, not a read of every payload; the
dashboard's summaries read them from the same functions.

*Abnormal*: a patrol checkpoint marked abnormal, a return visit rated 不满意 or 非常不满意,
or a repair check not resolved. *Reply due*: an open complaint's reply deadline
(``domain.deadlines``); None for a closed complaint and for every other kind.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from domain.complaint import ComplaintStatus
from domain.deadlines import deadline
from domain.errors import InvalidRecord
from domain.records import COMPLAINT, PATROL_ROUND, REPAIR_CHECK, RETURN_VISIT, parse_record
from domain.repair_check import RepairResult
from domain.return_visit import Satisfaction

PENDING_REVIEW = "pending"
CLOSED_STATUSES = frozenset({ComplaintStatus.CLOSED.value, ComplaintStatus.SUMMARISED.value})


def is_abnormal(kind: str, payload: dict[str, Any]) -> bool:
    if kind == PATROL_ROUND:
        return any(visit.get("abnormal") for visit in payload.get("checkpoints") or [])
    if kind == RETURN_VISIT:
        return payload.get("satisfaction") in (
            Satisfaction.DISSATISFIED.value,
            Satisfaction.VERY_DISSATISFIED.value,
        )
    if kind == REPAIR_CHECK:
        return payload.get("result") not in (None, RepairResult.RESOLVED.value)
    return False


def reply_due(kind: str, payload: dict[str, Any]) -> datetime | None:
    """When the owner must next hear back; None for a closed or unreadable complaint."""
    if kind != COMPLAINT or payload.get("status") in CLOSED_STATUSES:
        return None
    try:
        return deadline(parse_record(COMPLAINT, payload))
    except InvalidRecord:  # accepted under older rules
        return None
