"""An owner is found by the characters of the name, by pinyin initials (zs → 张三), by
full pinyin (zhangsan), or any mix (zhangs, zsan); a surname read the rare way (曾 zēng)
is found too."""

import pytest

from tests.domain.estate_fixture import small_estate_index


def _names(found):
    return [owner.name for owner in found]


@pytest.mark.parametrize("typed", ["zs", "zhangsan", "zhangs", "zsan", "ZS", "zhang san", "ｚｓ"])
def test_pinyin_typed_any_way_finds_zhang_san_first(typed):
    found = small_estate_index().find_owners(typed)

    assert _names(found)[0] == "张三"


def test_initials_find_every_name_that_begins_so_shortest_first():
    assert _names(small_estate_index().find_owners("zs")) == ["张三", "赵四", "张三丰"]


def test_full_pinyin_excludes_names_it_does_not_spell():
    assert _names(small_estate_index().find_owners("zhangsanf")) == ["张三丰"]
    assert _names(small_estate_index().find_owners("zhaos")) == ["赵四"]


def test_a_surname_with_two_readings_is_found_by_either():
    index = small_estate_index()

    assert _names(index.find_owners("zxm")) == ["曾小明"]
    assert _names(index.find_owners("cengxiaoming")) == ["曾小明"]


def test_characters_find_names_holding_them_those_beginning_so_first():
    index = small_estate_index()

    assert _names(index.find_owners("张三")) == ["张三", "张三丰"]
    assert _names(index.find_owners("四")) == ["李四", "赵四"]
    assert _names(index.find_owners("王")) == []


def test_an_owner_leads_to_their_rooms_and_a_room_to_its_owners():
    index = small_estate_index()
    zhao = index.find_owners("zhaosi")[0]

    assert [room.label for room in index.rooms_of(zhao)] == ["3栋2单元1102", "1栋1单元201"]
    assert [owner.name for owner in index.owners_of("e-3-2-1101")] == ["张三"]


def test_a_search_answers_with_rooms_for_a_number_and_owners_for_a_name():
    index = small_estate_index()

    by_number, by_name = index.search("3-2-1101"), index.search("zs")

    assert ([r.label for r in by_number.rooms], by_number.owners) == (["3栋2单元1101"], ())
    assert (by_name.rooms, _names(by_name.owners)) == ((), ["张三", "赵四", "张三丰"])
