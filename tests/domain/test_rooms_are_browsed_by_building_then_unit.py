"""Browsing: buildings in natural order, a building's units, a unit's rooms by number."""

from domain.room_index import RoomIndex
from tests.domain.estate_fixture import small_estate_index


def test_buildings_units_and_rooms_come_in_the_order_people_count_them():
    index = small_estate_index()

    assert [b.name for b in index.buildings()] == ["1栋", "3栋", "A座"]
    assert [u.name for u in index.units("e-3")] == ["1单元", "2单元"]
    assert [r.label for r in index.rooms_in("e-3-2")] == [
        "3栋2单元201",
        "3栋2单元202",
        "3栋2单元1101",
        "3栋2单元1102",
    ]


def test_building_ten_comes_after_building_two():
    index = RoomIndex(
        buildings=[{"id": f"b{n}", "name": f"{n}栋"} for n in (10, 2, 1)], units=[], rooms=[]
    )

    assert [b.name for b in index.buildings()] == ["1栋", "2栋", "10栋"]


def test_an_unknown_building_or_unit_has_nothing_to_browse():
    index = small_estate_index()

    assert (index.units("nope"), index.rooms_in("nope")) == ((), ())
