"""Send-backs (退回修改): a supervisor returns a record to its author with a comment.

The server keeps each as a reference item assigned to the record's author, so it reaches
their tablet on the next pull as a visit task does. ``payload`` is the revision that was
sent back, so the tablet can correct it even where the record is no longer kept (another
tablet, or pruned). The author's next revision of the record answers it: ``status``
becomes answered and ``answered_revision`` names that revision.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from domain.choices import Choice
from domain.limits import MAX_REVISION
from domain.records import RECORD_KINDS
from domain.text import Text
from domain.times import to_iso
from domain.validation import LONG_TEXT, Fields, Problem, build


class SendBackStatus(Choice):
    OPEN = "open", "待修改", "To correct"
    ANSWERED = "answered", "已修改", "Corrected"


_UNKNOWN_KIND = Problem(
    "unknown_kind", Text(f"应为 {'、'.join(RECORD_KINDS)}。", f"One of {', '.join(RECORD_KINDS)}.")
)
_NOT_AN_OBJECT = Problem(
    "wrong_type", Text("格式不对：应为对象。", "Wrong format: expected an object.")
)


@dataclass(frozen=True)
class SendBack:
    id: str
    record_id: str
    record_kind: str
    revision: int
    staff_id: str
    reviewer: str
    comment: str
    sent_at: datetime
    payload: dict[str, Any]
    status: SendBackStatus = SendBackStatus.OPEN
    answered_revision: int | None = None

    def answered_by(self, revision: int) -> SendBack:
        return replace(self, status=SendBackStatus.ANSWERED, answered_revision=revision)

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "record_id": self.record_id,
            "record_kind": self.record_kind,
            "revision": self.revision,
            "staff_id": self.staff_id,
            "reviewer": self.reviewer,
            "comment": self.comment,
            "sent_at": to_iso(self.sent_at),
            "payload": self.payload,
            "status": self.status.value,
            "answered_revision": self.answered_revision,
        }

    @classmethod
    def from_dict(cls, data: object) -> SendBack:
        return build(data, _read_send_back)


def _record_kind(value: object) -> str | Problem:
    return value if isinstance(value, str) and value in RECORD_KINDS else _UNKNOWN_KIND


def _object(value: object) -> dict[str, Any] | Problem:
    return value if isinstance(value, dict) else _NOT_AN_OBJECT


def _read_send_back(f: Fields) -> SendBack | None:
    send_back = SendBack(
        id=f.ref("id"),
        record_id=f.ref("record_id"),
        record_kind=f.value("record_kind", _record_kind),
        revision=f.integer("revision", minimum=1, maximum=MAX_REVISION),
        staff_id=f.ref("staff_id"),
        reviewer=f.ref("reviewer"),
        comment=f.text("comment", max_length=LONG_TEXT),
        sent_at=f.moment("sent_at"),
        payload=f.value("payload", _object),
        status=f.choice("status", SendBackStatus),
        answered_revision=f.integer(
            "answered_revision", minimum=1, maximum=MAX_REVISION, required=False
        ),
    )
    return send_back if f.clean else None
