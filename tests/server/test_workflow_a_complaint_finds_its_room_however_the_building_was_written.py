"""A closed complaint's visit task goes to the room its building, unit and number name,
however they were written (3, 3幢, ３栋; 2; 1203室), compared as the tablet compares them."""

import pytest

from server.services.reference import VISIT_TASK, put_reference_item
from tests.server.workflow_support import complaint, items, rooms_of_building_3


@pytest.fixture
def service(make_account, login):
    return login(make_account("li", "service"))


@pytest.mark.parametrize(
    ("building", "unit", "room"),
    [
        ("3栋", "2单元", "1203"),
        ("3", "2", "1203室"),
        ("3幢", "2单元", "1203号"),
        ("３栋", "２", "１２０３"),
    ],
)
def test_the_visit_task_is_at_the_room_named(db, push, new_record, service, building, unit, room):
    for kind, data in rooms_of_building_3():
        put_reference_item(db, kind=kind, key=data["id"], estate_id="hxy", data=data)
    payload = complaint("closed", building=building, unit=unit, room=room)

    [result] = push(service, new_record(kind="complaint", payload=payload))

    assert result["outcome"] == "accepted", result
    [task] = items(db, VISIT_TASK)
    assert task.data["room_id"] == "room-3-2-1203"


def test_another_building_s_room_of_that_number_is_not_taken(db, push, new_record, service):
    for kind, data in rooms_of_building_3():
        put_reference_item(db, kind=kind, key=data["id"], estate_id="hxy", data=data)
    payload = complaint("closed", building="4", unit="2", room="1203")

    push(service, new_record(kind="complaint", payload=payload))

    [task] = items(db, VISIT_TASK)
    assert task.data["room_id"] == "4-2-1203"
