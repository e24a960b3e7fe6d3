"""Which kinds of record each role writes: the server refuses any other (``kind_forbidden``),
and the tablet offers a role only the forms it may save."""

from __future__ import annotations

from domain.records import (
    COMPLAINT,
    PATROL_ROUND,
    RECORD_KINDS,
    REPAIR_CHECK,
    RETURN_VISIT,
    SHIFT_HANDOVER,
)
from domain.roles import Role

KINDS_BY_ROLE: dict[Role, frozenset[str]] = {
    Role.PATROL: frozenset({PATROL_ROUND, SHIFT_HANDOVER}),
    Role.SERVICE: frozenset({RETURN_VISIT, COMPLAINT}),
    Role.TECHNICIAN: frozenset({REPAIR_CHECK}),
    Role.SUPERVISOR: frozenset(RECORD_KINDS),
    Role.ADMIN: frozenset(),
}


def roles_recording(kind: str) -> frozenset[str]:
    """The codes of the roles that write records of ``kind``."""
    return frozenset(role.value for role, kinds in KINDS_BY_ROLE.items() if kind in kinds)
