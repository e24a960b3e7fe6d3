"""The Units screen, in the real window on the real server's demo estate, for each role:
a room found as people say its number, by building / unit / room, or an owner by pinyin
initials; the unit's file shows the owners to service staff, to a technician only in the
rooms of its own open work orders, and to patrol staff never."""

from itertools import pairwise

import pytest

from tests.mobile.ui.accounts import sign_in_as, sign_in_kept

ROOM = "hxy-3-2-1101"  # 3栋2单元1101, owner 刘志子 (demo data)
WORK_ROOM = "hxy-3-1-502"  # weixiu1's open work order, owner 李玲
OWNER, WORK_OWNER = "刘志子", "李玲"


@pytest.fixture(autouse=True)
def _the_account_signed_in_before_comes_back(driver, demo_server):
    with sign_in_kept(driver, demo_server):
        yield


def _units(driver):
    driver.go("units")
    units = driver.screen("units")
    driver.until(lambda: units.finder is not None, what="the room finder")
    username = driver.app.session.current.username
    driver.until(lambda: units._built_for[0] == username and units.finder, what="rebuilt")
    return units


def _search(driver, units, text):
    units.ids.query.text = text
    driver.frames()
    return units.ids.results.data


def _file_texts(driver, units):
    return " ".join(driver.texts(units.ids.file))


def _open(driver, units, key, room_id=None):
    driver.tap(driver.row(units.ids.results, key))
    driver.until(lambda: units.room_id == (room_id or key), what=f"the file of {key}")


def test_service_staff_find_an_owner_by_pinyin_and_see_the_archive(driver, demo_server):
    sign_in_as(driver, demo_server, "kefu1", lambda s: s.reference.get("owner", "hxy-o-YZ0141"))
    units = _units(driver)

    for typed in ("3栋2单元1101", "3-2-1101", "3#2-1101"):
        assert [r["key"] for r in _search(driver, units, typed)] == [ROOM], typed
    owners = [r for r in _search(driver, units, "lzz") if r["kind"] == "owner"]
    assert OWNER in [r["title"] for r in owners]
    (found,) = [r for r in owners if r["title"] == OWNER]
    assert found["detail"] == "3栋2单元1101"

    _open(driver, units, found["key"], ROOM)  # an owner opens the file of their room

    shown = _file_texts(driver, units)
    assert "3栋2单元1101" in shown and OWNER in shown and "13700004329" in shown
    assert "发起回访" in shown
    _search(driver, units, "3-2-1101")
    driver.screenshot("units-zh")
    driver.app.set_language("en")
    driver.frames()
    assert "Start a visit" in _file_texts(driver, units)
    driver.screenshot("units-en")
    driver.app.set_language("zh_CN")
    driver.frames()

    driver.tap(driver.button(units.ids.file, "发起回访"))  # a visit started by hand

    visit = driver.screen("return_visit")
    driver.until(lambda: driver.app.shell.ids.screens.current == "return_visit", what="form")
    assert visit.heading == "3栋2单元1101  ·  刘志子  ·  手动发起"
    assert driver.app.visits.current()["task_id"] is None
    driver.tap(driver.button(visit.ids.form, "放弃"))
    assert driver.app.visits.current() is None


def test_a_room_is_found_by_building_then_unit_then_room(driver, demo_server):
    sign_in_as(driver, demo_server, "kefu1", lambda s: s.reference.get("room", ROOM))
    units = _units(driver)
    _search(driver, units, "")
    while units.can_go_up:
        units.go_up()
    driver.frames()
    assert units.ids.results.data[0]["title"] == "1栋"
    assert units.ids.results.data[0]["detail"] == "2 个单元"

    driver.tap(driver.row(units.ids.results, units.ids.results.data[2]["key"]))  # 3栋
    assert units.where == "3栋"
    assert [r["title"] for r in units.ids.results.data] == ["1单元", "2单元"]
    driver.tap(driver.row(units.ids.results, units.ids.results.data[1]["key"]))  # 2单元
    assert units.where == "3栋2单元" and ROOM in [r["key"] for r in units.ids.results.data]
    (row,) = [r for r in units.ids.results.data if r["key"] == ROOM]
    assert row["detail"] == OWNER
    _open(driver, units, ROOM)
    driver.screenshot("units-browse-zh")

    assert OWNER in _file_texts(driver, units)


def test_a_technician_sees_owners_only_in_the_rooms_of_its_open_work_orders(driver, demo_server):
    sign_in_as(driver, demo_server, "weixiu1", lambda s: s.reference.get("room", ROOM))
    units = _units(driver)

    _search(driver, units, "3-1-502")
    _open(driver, units, WORK_ROOM)
    shown = _file_texts(driver, units)
    assert WORK_OWNER in shown and "发起回访" not in shown
    assert "13" not in shown.replace("3栋", "")  # the server sent no phone numbers
    _search(driver, units, "3-2-1101")
    _open(driver, units, ROOM)
    shown = _file_texts(driver, units)
    assert OWNER not in shown and "只显示您未完成工单所在房间的业主" in shown
    assert _search(driver, units, "lzz") == []  # nor found by name


def test_patrol_staff_find_every_room_and_no_owner(driver, demo_server):
    sign_in_as(driver, demo_server, "xunluo1", lambda s: s.reference.get("room", ROOM))
    units = _units(driver)

    assert [(r["key"], r["detail"]) for r in _search(driver, units, "3-2-1101")] == [(ROOM, "")]
    _open(driver, units, ROOM)
    shown = _file_texts(driver, units)
    assert OWNER not in shown and "秩序维护岗位不显示业主信息" in shown
    assert _search(driver, units, "lzz") == [] and _search(driver, units, OWNER) == []
    assert driver.rail_item("return_visit").hidden and not driver.rail_item("units").hidden
    rail = driver.app.rail
    top_down = list(reversed(rail.get_items()))
    assert {round(above.y - below.top) for above, below in pairwise(top_down)} == {0}
    assert all(rail.x <= item.to_window(*item.pos)[0] for item in top_down)  # on the rail
    assert {round(item.to_window(*item.center)[0] - rail.center_x) for item in top_down} == {0}
    driver.screenshot("units-patrol-zh")
