"""Every way people write 3栋2单元1101 finds that one room, and only it."""

import pytest

from tests.domain.estate_fixture import small_estate_index


@pytest.mark.parametrize(
    "typed",
    [
        "3栋2单元1101",
        "3-2-1101",
        "3#2-1101",
        "3幢2单元1101室",
        "3号楼2单元1101",
        "３栋２单元１１０１",
        "３－２－１１０１",
        " 3 栋 2 单元 1101 室 ",
        "3 2 1101",
        "3/2/1101",
        "03栋02单元1101",
    ],
)
def test_each_spelling_finds_the_one_room(typed):
    found = small_estate_index().find_rooms(typed)

    assert [room.label for room in found] == ["3栋2单元1101"]


def test_a_building_named_by_letter_is_found_in_either_case():
    index = small_estate_index()

    assert [r.label for r in index.find_rooms("a座1单元201")] == ["A座1单元201"]
    assert [r.label for r in index.find_rooms("A-1-201")] == ["A座1单元201"]


@pytest.mark.parametrize("typed", ["张三", "3栋4栋1101", "3-2-1-1101", "3楼", ""])
def test_text_that_is_no_room_number_finds_no_room(typed):
    assert small_estate_index().find_rooms(typed) == ()


def test_a_room_that_does_not_exist_finds_nothing():
    assert small_estate_index().find_rooms("9栋2单元1101") == ()
