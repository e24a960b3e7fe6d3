"""A person settles a work-order conflict: keep the technician's check, or the server's order.

The server refuses a repair check as a conflict when its work order changed
(reassigned, cancelled, edited, deleted, moved on by another check) since the
version the technician worked from (sync reason ``work_order_changed``). The
check then stays on the tablet, rejected, unchanged, with the order as the
server has it now; the screen shows both, and nothing happens until a person
chooses:

    keep_mine    the check, made again from the server's current version: a new
                 revision, pending, which the server then applies over the
                 change it has now been shown
    take_theirs  the check is discarded; the server's order stands
"""

from __future__ import annotations

from typing import Any

from domain.text import ExplainedError, Text
from mobile.store.records import StoredRecord, SyncState
from mobile.store.store import Store
from sync import protocol


class NotAWorkOrderConflict(ExplainedError):
    text = Text(
        "这条记录没有工单冲突，无需选择。",
        "This record has no work order conflict to settle.",
    )


def server_work_order(record: StoredRecord) -> dict[str, Any] | None:
    """The work order as the server had it when it refused ``record``; None if that
    is not why the record waits (``{"version", "deleted", "data"}`` otherwise)."""
    rejection = record.rejection
    if record.sync_state is not SyncState.REJECTED or rejection is None:
        return None
    if rejection.code != protocol.CONFLICT_WORK_ORDER_CHANGED or rejection.conflict is None:
        return None
    return rejection.conflict.work_order


def keep_mine(store: Store, record_id: str) -> StoredRecord:
    """Send the technician's check again, as made from the server's current order."""
    order = _conflict_of(store, record_id)
    record = store.records.get(record_id)
    payload = {**record.payload, "work_order_version": order["version"]}
    return store.records.edit(record_id, payload)


def take_theirs(store: Store, record_id: str) -> StoredRecord:
    """Give up the technician's check; returns it as it was."""
    _conflict_of(store, record_id)
    return store.records.discard(record_id)


def _conflict_of(store: Store, record_id: str) -> dict[str, Any]:
    order = server_work_order(store.records.get(record_id))
    if order is None:
        raise NotAWorkOrderConflict(detail=record_id)
    return order
