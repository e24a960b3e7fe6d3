"""A small estate for the room index tests: 3 buildings × 2 units × 2 floors × 2 rooms,
one building with a name that is not a number, and a few owners."""

from __future__ import annotations

from domain.room_index import RoomIndex

BUILDINGS = [
    {"id": "e-1", "estate_id": "e", "name": "1栋"},
    {"id": "e-3", "estate_id": "e", "name": "3栋"},
    {"id": "e-a", "estate_id": "e", "name": "A座"},
]
UNITS = [
    {"id": f"{b['id']}-{u}", "building_id": b["id"], "name": f"{u}单元"}
    for b in BUILDINGS
    for u in (1, 2)
]
ROOMS = [
    {"id": f"{unit['id']}-{number}", "unit_id": unit["id"], "number": number, "floor": None}
    for unit in UNITS
    for number in ("1101", "1102", "201", "202")
]
OWNERS = [
    {"id": "o-zhang-san", "name": "张三", "room_ids": ["e-3-2-1101"]},
    {"id": "o-zhao-si", "name": "赵四", "room_ids": ["e-3-2-1102", "e-1-1-201"]},
    {"id": "o-zhang-sanfeng", "name": "张三丰", "room_ids": ["e-a-1-201"]},
    {"id": "o-zeng", "name": "曾小明", "room_ids": ["e-1-2-202"]},
    {"id": "o-li", "name": "李四", "room_ids": ["e-1-1-1101"]},
]


def small_estate_index() -> RoomIndex:
    return RoomIndex(buildings=BUILDINGS, units=UNITS, rooms=ROOMS, owners=OWNERS)
