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


def admin_manages(admin, account) -> bool:
    """Whether ``admin`` may see and revoke the devices of ``account`` (docs/admin.md).

    A company-wide admin manages every account. An admin of estates manages the
    accounts that work in at least one of its estates, never a company-wide admin.
    Both arguments are accounts (``role``, ``company_wide``, ``estate_ids``).
    """
    if admin.role != "admin":
        return False
    if admin.company_wide:
        return True
    return not account.company_wide and bool(admin.estate_ids & account.estate_ids)
