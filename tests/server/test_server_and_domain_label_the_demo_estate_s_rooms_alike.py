"""The server (the owner archive's room labels) and the tablet's index (built from the same
reference items) label every room of the demo estate alike, and each label typed back
finds exactly its room."""

from pathlib import Path

from sqlalchemy import select

from domain.room_index import RoomIndex
from server.db.models import ReferenceItem
from server.services.imports.rooms import import_rooms
from server.services.owners import room_label

DEMO_ROOMS = Path(__file__).resolve().parents[2] / "assets" / "demo" / "rooms.csv"


def _data(db, kind):
    return [
        item.data for item in db.scalars(select(ReferenceItem).where(ReferenceItem.kind == kind))
    ]


def test_every_demo_room_has_one_label_on_both_sides(db, estates):
    report = import_rooms(db, path=DEMO_ROOMS, estate_id="hxy")
    assert report.problems == []
    index = RoomIndex(
        buildings=_data(db, "building"), units=_data(db, "unit"), rooms=_data(db, "room")
    )

    assert len(index.rooms) == report.imported["room"] == 288
    for room in index.rooms.values():
        assert room.label == room_label(db, room.id)
        assert [found.id for found in index.find_rooms(room.label)] == [room.id]
