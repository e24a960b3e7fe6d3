"""A real tablet store in a temp dir holding a small estate's reference data, as a pull
would leave it: building 3 (2 units × 1101, 1102), two owners, two work orders."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from mobile.store.store import Store

ESTATE = "hxy"
ZHANG_SAN = {"id": "o-1", "name": "张三", "room_ids": ["hxy-3-2-1101"], "phones": ["13800000001"]}
LI_SI = {"id": "o-2", "name": "李四", "room_ids": ["hxy-3-1-1102"], "phones": ["13800000002"]}
ORDERS = [
    {
        "id": "wo-mine",
        "technician_id": "Tech.Liu",
        "status": "in_progress",
        "room_id": "hxy-3-2-1101",
    },
    {"id": "wo-done", "technician_id": "tech.liu", "status": "done", "room_id": "hxy-3-1-1102"},
]


def reference_items() -> list[dict]:
    items = [("building", {"id": "hxy-3", "estate_id": ESTATE, "name": "3栋"})]
    for unit in (1, 2):
        items.append(
            ("unit", {"id": f"hxy-3-{unit}", "building_id": "hxy-3", "name": f"{unit}单元"})
        )
        for number in ("1101", "1102"):
            room = {"id": f"hxy-3-{unit}-{number}", "unit_id": f"hxy-3-{unit}", "number": number}
            items.append(("room", room))
    items += [("owner", ZHANG_SAN), ("owner", LI_SI)]
    items += [("work_order", order) for order in ORDERS]
    items.append(("visit_task", {"id": "vt-1", "owner_id": "o-1", "room_id": "hxy-3-2-1101"}))
    return [
        {"kind": kind, "key": data["id"], "version": 1, "deleted": False, "data": data}
        for kind, data in items
    ]


class TickingClock:
    """Each reading a minute after the last, so records have an order."""

    def __init__(self):
        self.now = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


def open_tablet(directory) -> Store:
    store = Store.open(directory, now=TickingClock())
    store.reference.apply_page(reference_items(), next_cursor=len(reference_items()), scope="s")
    return store
