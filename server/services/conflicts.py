"""Whether a pushed record was made from a work order that has changed since.

A repair check moves its work order on (done, on hold). The technician made it
from the version of the order on their tablet; if the order has changed since
(reassigned, cancelled, edited by a dispatcher, deleted, moved on by another
check) by anything but this record's own earlier revisions, applying the check
would overwrite a change the technician has not seen. The push answers it as a
conflict carrying the server's current order instead, and the tablet keeps the
technician's record until a person chooses (mobile/services/conflicts.py).

The push asks only after ``server.permissions`` has let the record through, and that
lets a technician act only on an order assigned to them: the order sent back is always
one the account may pull (a supervisor may pull every order of their estates).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from domain.repair_check import RepairCheck
from server.services.reference import WORK_ORDER
from server.services.work_items import find_item


def changed_work_order(
    session: Session, record_id: str, estate_id: str, parsed: object
) -> dict[str, Any] | None:
    """The work order as the server has it now, if it changed since the record's version."""
    if not isinstance(parsed, RepairCheck):
        return None
    order = find_item(session, WORK_ORDER, parsed.work_order_id)
    if order is None or order.estate_id != estate_id:
        return None  # nothing of this estate's that the check could overwrite
    if order.change_seq <= parsed.work_order_version or order.changed_by_record == record_id:
        return None
    return {
        "version": order.change_seq,
        "deleted": order.deleted,
        "data": None if order.deleted else order.data,
    }
