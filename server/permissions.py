"""Which record kinds each role may push (roles as in the domain summary)."""

from __future__ import annotations

from domain.records import COMPLAINT, PATROL_ROUND, RECORD_KINDS, REPAIR_CHECK, RETURN_VISIT

KINDS_BY_ROLE: dict[str, frozenset[str]] = {
    "patrol": frozenset({PATROL_ROUND}),
    "service": frozenset({RETURN_VISIT, COMPLAINT}),
    "technician": frozenset({REPAIR_CHECK}),
    # Supervisors review everything and handle major complaints themselves.
    "supervisor": frozenset(RECORD_KINDS),
    # Admins manage accounts and reference data; they record nothing in the field.
    "admin": frozenset(),
}


def may_push(role: str, kind: str) -> bool:
    return kind in KINDS_BY_ROLE.get(role, frozenset())
