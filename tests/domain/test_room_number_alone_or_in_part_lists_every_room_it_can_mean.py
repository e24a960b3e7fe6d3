"""A room number alone, a building alone, or building and room without the unit: every
room it can mean, in building, unit, number order."""

from domain.rooms import RoomQuery, parse_room_query
from tests.domain.estate_fixture import small_estate_index


def test_a_room_number_alone_lists_every_building_s_room_of_that_number():
    found = small_estate_index().find_rooms("1101")

    assert [room.label for room in found] == [
        "1栋1单元1101",
        "1栋2单元1101",
        "3栋1单元1101",
        "3栋2单元1101",
        "A座1单元1101",
        "A座2单元1101",
    ]


def test_a_building_alone_lists_its_rooms_in_order():
    found = small_estate_index().find_rooms("3栋")

    assert [room.label for room in found] == [
        f"3栋{unit}单元{number}" for unit in (1, 2) for number in ("201", "202", "1101", "1102")
    ]


def test_building_and_unit_list_the_unit_s_rooms():
    found = small_estate_index().find_rooms("1栋2单元")

    assert [room.label for room in found] == [
        "1栋2单元201",
        "1栋2单元202",
        "1栋2单元1101",
        "1栋2单元1102",
    ]


def test_two_unmarked_parts_are_read_as_building_and_room_first_then_unit_and_room():
    assert parse_room_query("3-1101") == [
        RoomQuery(building="3", number="1101"),
        RoomQuery(unit="3", number="1101"),
    ]
    found = small_estate_index().find_rooms("1-1101")

    # building 1's rooms 1101 first, then unit 1's 1101 in the other buildings
    assert [room.label for room in found] == [
        "1栋1单元1101",
        "1栋2单元1101",
        "3栋1单元1101",
        "A座1单元1101",
    ]


def test_a_marked_building_with_an_unmarked_room_leaves_the_unit_open():
    found = small_estate_index().find_rooms("3栋1101")

    assert [room.label for room in found] == ["3栋1单元1101", "3栋2单元1101"]
