"""Who may write what: every rule a pushed record is checked against, in one place.

The push (``server.services.push``) asks twice per record: ``refuse_revision`` before
it compares the record with what the server holds (so nobody learns anything of a
record they may not touch), and ``refuse_content`` once the domain has read the
payload. A refusal rejects that record alone, with a stable code
(``server.errors.MESSAGES``); the rest of the batch goes on. docs/sync-protocol.md
lists the same rules for client authors.

1. the role records this kind (``domain.duties.KINDS_BY_ROLE``)
   → ``kind`` ``kind_forbidden``;
2. the record is in one of the account's estates, as stored and as its payload names it
   → ``payload.estate_id`` ``estate_forbidden``;
3. a later revision comes from the account that made the record (pushed its first
   revision) → ``id`` ``record_not_yours``;
4. the record names the signed-in account as its author (``domain.records.AUTHOR_FIELD``:
   staff_id, technician_id, received_by) → ``payload.<that field>`` ``author_not_you``;
5. a repair check's work order, if the server holds it in the record's estate, is
   assigned to the account → ``payload.work_order_id`` ``work_order_not_yours``;
6. a return visit's visit task, if the server holds it in the record's estate, is
   assigned to the account → ``payload.task_id`` ``visit_task_not_yours``;
7. a shift handover is addressed to an active patrol officer or supervisor of the
   record's estate (whoever takes the next shift there) → ``payload.to_staff_id``
   ``receiver_not_in_estate``.

A work order or visit task the server does not hold (or holds in another estate) is not
touched by the record (``server.services.workflows``), so naming one refuses nothing.
Because of rule 5, a work-order conflict (``server.services.conflicts``) only ever shows
a technician an order they may pull.

**Supervisors** (主管) review everything and handle major complaints themselves, so in
their estates they may record every kind (1), change anyone's record (3: e.g. take over
a complaint) and act on any work order or visit task (5, 6). They stay accountable for
what they record: a new record names the supervisor as its author, and a later revision
names either the supervisor or keeps the author the record already has (4).
**Admins** manage accounts and reference data and record nothing in the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from domain.duties import KINDS_BY_ROLE
from domain.handover import ShiftHandover
from domain.records import (
    AUTHOR_FIELD,
    author_of,
)
from domain.repair_check import RepairCheck
from domain.return_visit import ReturnVisit
from domain.roles import Role
from server.db.models import Account
from server.errors import FieldProblem
from server.services.accounts import normalise_username
from server.services.reference import VISIT_TASK, WORK_ORDER
from server.services.work_items import find_item, staff_of

# Who may take over a patrol post at the change of shift (rule 7).
HANDOVER_RECEIVER_ROLES = (Role.PATROL, Role.SUPERVISOR)


@dataclass(frozen=True)
class Earlier:
    """What the server holds of a record before the revision being pushed."""

    estate_id: str
    made_by: int  # the account that pushed its first revision
    payload: dict[str, Any]  # of its latest revision


def may_push(role: str, kind: str) -> bool:
    """Rule 1."""
    # Role(role) looks the member up by value (EnumMeta.__call__), not Choice's __new__.
    return role in KINDS_BY_ROLE and kind in KINDS_BY_ROLE[Role(role)]  # type: ignore[call-arg]


def refuse_revision(account: Account, kind: str, earlier: Earlier | None) -> FieldProblem | None:
    """Rules 1 to 3: may the account write a record of ``kind`` with this id at all."""
    if not may_push(account.role, kind):
        return FieldProblem.of("kind", "kind_forbidden")
    if earlier is None:
        return None
    if earlier.estate_id not in account.estate_ids:
        return FieldProblem.of("payload.estate_id", "estate_forbidden")
    if account.role != Role.SUPERVISOR and earlier.made_by != account.id:
        return FieldProblem.of("id", "record_not_yours")
    return None


def refuse_content(
    session: Session,
    account: Account,
    kind: str,
    payload: dict[str, Any],
    record: Any,
    earlier: Earlier | None,
) -> list[FieldProblem]:
    """Rules 2, 4, 5, 6 and 7 for a payload the domain has read as ``record``."""
    estate_id = payload.get("estate_id")
    if not isinstance(estate_id, str) or estate_id not in account.estate_ids:
        return [FieldProblem.of("payload.estate_id", "estate_forbidden")]
    problems = []
    if not _authored_by(account, kind, record, earlier):
        problems.append(FieldProblem.of(f"payload.{AUTHOR_FIELD[kind]}", "author_not_you"))
    if account.role != Role.SUPERVISOR:
        if isinstance(record, RepairCheck) and not _assigned(
            session, account, WORK_ORDER, record.work_order_id, estate_id
        ):
            problems.append(FieldProblem.of("payload.work_order_id", "work_order_not_yours"))
        if isinstance(record, ReturnVisit) and not _assigned(
            session, account, VISIT_TASK, record.task_id, estate_id
        ):
            problems.append(FieldProblem.of("payload.task_id", "visit_task_not_yours"))
    if isinstance(record, ShiftHandover) and not _may_take_over(session, record, estate_id):
        problems.append(FieldProblem.of("payload.to_staff_id", "receiver_not_in_estate"))
    return problems


def _may_take_over(session: Session, handover: ShiftHandover, estate_id: str) -> bool:
    """Rule 7."""
    receiver = normalise_username(handover.to_staff_id)
    return any(receiver in staff_of(session, estate_id, role) for role in HANDOVER_RECEIVER_ROLES)


def _authored_by(account: Account, kind: str, record: Any, earlier: Earlier | None) -> bool:
    """Rule 4."""
    author = normalise_username(author_of(kind, record))
    if author == account.username:
        return True
    if account.role != Role.SUPERVISOR or earlier is None:
        return False
    kept = earlier.payload.get(AUTHOR_FIELD[kind])
    return isinstance(kept, str) and normalise_username(kept) == author


def _assigned(
    session: Session, account: Account, kind: str, key: str | None, estate_id: str
) -> bool:
    """Rules 5 and 6: the item, when the estate has it, is the account's."""
    if key is None:
        return True
    item = find_item(session, kind, key)
    return item is None or item.estate_id != estate_id or item.assignee == account.username


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
