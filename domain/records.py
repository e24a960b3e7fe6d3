"""The five kinds of record captured in the field, and the one way to validate them.

A record travels as ``(kind, payload)``: ``kind`` one of ``RECORD_KINDS``, ``payload`` a
plain dict (the record's ``to_dict()``). The tablet's store and the server both call
``validate_record`` and get every field error at once; ``parse_record`` turns a valid
payload into its domain object.

Every record belongs to one estate (项目/小区) and names it as ``estate_id``, the id
the server scopes records by, and names the staff member who made it (its author, an
account's username) in the field ``AUTHOR_FIELD[kind]``: staff are accountable for what
they record.
"""

from __future__ import annotations

from collections.abc import Callable

from domain.complaint import Complaint, read_complaint
from domain.errors import InvalidRecord
from domain.handover import ShiftHandover, read_shift_handover
from domain.patrol import PatrolRound, read_patrol_round
from domain.repair_check import RepairCheck, read_repair_check
from domain.return_visit import ReturnVisit, read_return_visit
from domain.text import Text
from domain.validation import FieldError, Fields, parse

PATROL_ROUND = "patrol_round"
RETURN_VISIT = "return_visit"
REPAIR_CHECK = "repair_check"
COMPLAINT = "complaint"
SHIFT_HANDOVER = "shift_handover"

Record = PatrolRound | ReturnVisit | RepairCheck | Complaint | ShiftHandover

_READERS: dict[str, Callable[[Fields], Record | None]] = {
    PATROL_ROUND: read_patrol_round,
    RETURN_VISIT: read_return_visit,
    REPAIR_CHECK: read_repair_check,
    COMPLAINT: read_complaint,
    SHIFT_HANDOVER: read_shift_handover,
}
RECORD_KINDS = tuple(_READERS)

AUTHOR_FIELD: dict[str, str] = {
    PATROL_ROUND: "staff_id",
    RETURN_VISIT: "staff_id",
    REPAIR_CHECK: "technician_id",
    COMPLAINT: "received_by",
    SHIFT_HANDOVER: "staff_id",
}


def author_of(kind: str, record: Record) -> str:
    """The username a valid record names as the staff member who made it."""
    return getattr(record, AUTHOR_FIELD[kind])


def _unknown_kind(kind: object) -> FieldError:
    shown = repr(kind[:40]) if isinstance(kind, str) else type(kind).__name__
    return FieldError(
        "kind",
        "unknown_kind",
        Text(
            f"未知的记录类型 {shown}（应为 {'、'.join(RECORD_KINDS)}）。",
            f"Unknown record kind {shown} (expected one of {', '.join(RECORD_KINDS)}).",
        ),
    )


def _read(kind: object, payload: object) -> tuple[Record | None, list[FieldError]]:
    if not isinstance(kind, str) or kind not in _READERS:
        return None, [_unknown_kind(kind)]
    return parse(payload, _READERS[kind])


def validate_record(kind: str, payload: object) -> list[FieldError]:
    """Every error in ``payload`` as a record of ``kind``; empty when it is valid.

    Never raises, whatever JSON-able ``kind`` and ``payload`` it is given.
    """
    return _read(kind, payload)[1]


def parse_record(kind: str, payload: object) -> Record:
    """The domain object for a valid payload; ``InvalidRecord`` (all errors) otherwise."""
    record, errors = _read(kind, payload)
    if errors or record is None:
        raise InvalidRecord(errors)
    return record
