"""Finding a room or an owner on the tablet, offline, and the unit's file (the owners and
what was recorded there), from the reference data and records the tablet holds.

    finder = RoomFinder.from_store(store, role="service", username="wang.fang")
    finder.search("3-2-1101").rooms       # or "zs", "张三", "1101"
    finder.unit_file("hxy-3-2-1101")

Who may see owners follows the server's pull (server/services/reference.py,
docs/sync-protocol.md): service staff and supervisors see the owner archive of their
estates; a technician only the owners of the rooms of their own open work orders
(redacted by the server); a patrol account none. The tablet should hold no more than
that already; the finder applies the same rule to what it holds, so an owner left from
another view is never shown. Build a new finder after a pull: it is a snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from domain.records import COMPLAINT, REPAIR_CHECK, RETURN_VISIT
from domain.room_index import Found, IndexedRoom, RoomIndex
from domain.work_order import WorkOrderStatus
from mobile.store.records import StoredRecord
from mobile.store.store import Store

# As the server: roles that see every owner of their estates (OWNER_ARCHIVE_ROLES) ...
OWNER_ARCHIVE_ROLES = frozenset({"service", "supervisor"})
# ... and the work-order states in which a technician sees the room's owners.
OPEN_WORK_ORDER = frozenset(
    {WorkOrderStatus.ASSIGNED, WorkOrderStatus.IN_PROGRESS, WorkOrderStatus.ON_HOLD}
)
HISTORY_KINDS = (REPAIR_CHECK, COMPLAINT, RETURN_VISIT)


@dataclass(frozen=True)
class UnitFile:
    """One room's file: its owners (as the account may see them), the work orders and
    visit tasks the tablet holds for it, and the repairs, complaints and return visits
    recorded there on this tablet, newest first."""

    room: IndexedRoom
    owners: tuple[dict[str, Any], ...]
    work_orders: tuple[dict[str, Any], ...]
    visit_tasks: tuple[dict[str, Any], ...]
    history: tuple[StoredRecord, ...]


class RoomFinder:
    def __init__(self, store: Store, index: RoomIndex):
        self._store = store
        self.index = index

    @classmethod
    def from_store(cls, store: Store, *, role: str, username: str) -> RoomFinder:
        reference = store.reference
        index = RoomIndex(
            buildings=reference.all("building"),
            units=reference.all("unit"),
            rooms=reference.all("room"),
            owners=visible_owners(store, role=role, username=username),
        )
        return cls(store, index)

    def search(self, text: str) -> Found:
        return self.index.search(text)

    def unit_file(self, room_id: str) -> UnitFile | None:
        """The room's file; None for a room the tablet does not hold."""
        room = self.index.rooms.get(room_id)
        if room is None:
            return None
        reference = self._store.reference
        work_orders = [o for o in reference.all("work_order") if o.get("room_id") == room_id]
        # An owner a pull has taken off the tablet since the index was built is left out.
        owners = (reference.get("owner", owner.id) for owner in self.index.owners_of(room_id))
        return UnitFile(
            room=room,
            owners=tuple(owner for owner in owners if owner is not None),
            work_orders=tuple(work_orders),
            visit_tasks=tuple(t for t in reference.all("visit_task") if t["room_id"] == room_id),
            history=tuple(
                sorted(
                    (r for r in self._history() if self._room_of(r) == room_id),
                    key=lambda record: record.created_at,
                    reverse=True,
                )
            ),
        )

    def _history(self) -> list[StoredRecord]:
        return [record for kind in HISTORY_KINDS for record in self._store.records.find(kind)]

    def _room_of(self, record: StoredRecord) -> str | None:
        """The room a record was made for: named by id (a return visit, a repair check,
        or the check's work order), or in words on a complaint (栋, 单元, 房号)."""
        payload = record.payload
        if record.kind == COMPLAINT:
            room = self.index.room_named(
                payload.get("building", ""),
                payload.get("unit", ""),
                payload.get("room", ""),
                payload.get("estate_id"),
            )
            return room.id if room else None
        if payload.get("room_id"):
            return payload["room_id"]
        order = self._store.reference.get("work_order", payload.get("work_order_id", ""))
        return order.get("room_id") if order else None


def visible_owners(store: Store, *, role: str, username: str) -> list[dict[str, Any]]:
    """The owners the tablet holds that the account may see (see the module docstring)."""
    owners = store.reference.all("owner")
    if role in OWNER_ARCHIVE_ROLES:
        return owners
    if role != "technician":
        return []
    me = username.strip().lower()
    rooms = {
        order.get("room_id")
        for order in store.reference.all("work_order")
        if order["technician_id"].strip().lower() == me and order["status"] in OPEN_WORK_ORDER
    }
    return [owner for owner in owners if rooms.intersection(owner["room_ids"])]
