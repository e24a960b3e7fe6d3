"""A unit's file lists what this tablet recorded for the room, newest first: repair checks
(by room, or by their work order's room), complaints (by 栋/单元/房号 as typed), return
visits; nothing of other rooms, no patrol round."""

import pytest

from mobile.services.rooms import RoomFinder
from tests.mobile.services.estate_on_a_tablet import open_tablet

ROOM = "hxy-3-2-1101"


@pytest.fixture
def store(tmp_path):
    with open_tablet(tmp_path) as opened:
        yield opened


def test_the_file_holds_the_room_s_records_newest_first(store):
    made = [
        store.records.create("repair_check", {"work_order_id": "wo-mine"}),
        store.records.create("repair_check", {"work_order_id": "wo-x", "room_id": ROOM}),
        store.records.create(
            "complaint",
            {"estate_id": "hxy", "building": "３幢", "unit": "2", "room": "1101室"},
        ),
        store.records.create("return_visit", {"room_id": ROOM, "owner_id": "o-1"}),
    ]
    store.records.create("return_visit", {"room_id": "hxy-3-1-1102", "owner_id": "o-2"})
    store.records.create(
        "complaint", {"estate_id": "hxy", "building": "3", "unit": "1", "room": "1101"}
    )
    store.records.create("patrol_round", {"room_id": ROOM})

    unit_file = RoomFinder.from_store(store, role="service", username="wang").unit_file(ROOM)

    assert unit_file.room.label == "3栋2单元1101"
    assert [r.id for r in unit_file.history] == [r.id for r in reversed(made)]
    assert [o["id"] for o in unit_file.work_orders] == ["wo-mine"]
    assert [t["id"] for t in unit_file.visit_tasks] == ["vt-1"]


def test_a_room_the_tablet_does_not_hold_has_no_file(store):
    finder = RoomFinder.from_store(store, role="service", username="wang")

    assert finder.unit_file("hxy-9-9-999") is None
