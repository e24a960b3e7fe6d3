"""When a work order or visit task is reassigned (or a technician's work order is
finished), the account that had it receives a tombstone for it in its next pull, and
the new assignee receives it however far its cursor has gone."""

import pytest

from server.services.reference import delete_reference_item
from tests.server.reference_factories import (
    Tablet,
    owner,
    put,
    put_estate_tree,
    visit_task,
    work_order,
)


@pytest.fixture
def rooms(db, estates):
    rooms = put_estate_tree(db, "hxy", rooms=("101", "102"))
    put(db, "owner", owner("hxy-o-1", (rooms[0],)))
    put(db, "owner", owner("hxy-o-2", (rooms[1],), name="刘芳"))
    return rooms


@pytest.fixture
def tablet(client, make_account, login):
    def sign_in(username: str, role: str) -> Tablet:
        return Tablet(client, login(make_account(username, role)))

    return sign_in


def _tombstones(items):
    return {(item["kind"], item["key"]) for item in items if item["deleted"]}


def test_a_reassigned_work_order_is_tombstoned_for_the_previous_technician(db, rooms, tablet):
    zhang, zhao = tablet("zhang", "technician"), tablet("zhao", "technician")
    put(db, "work_order", work_order("wo-1", "zhang", rooms[0]))
    zhang.sync(), zhao.sync()
    assert zhang.keys("work_order") == {"wo-1"}

    put(db, "work_order", work_order("wo-1", "zhao", rooms[0]))

    assert ("work_order", "wo-1") in _tombstones(zhang.sync())
    assert zhang.keys("work_order") == set()
    assert zhao.sync() and zhao.keys("work_order") == {"wo-1"}


def test_the_previous_technician_also_loses_the_owner_and_the_new_one_gains_it(db, rooms, tablet):
    zhang, zhao = tablet("zhang", "technician"), tablet("zhao", "technician")
    put(db, "work_order", work_order("wo-1", "zhang", rooms[0]))
    zhang.sync(), zhao.sync()
    assert (zhang.keys("owner"), zhao.keys("owner")) == ({"hxy-o-1"}, set())

    # The owner item is older than zhao's cursor, and still reaches zhao.
    put(db, "work_order", work_order("wo-1", "zhao", rooms[0]))

    assert ("owner", "hxy-o-1") in _tombstones(zhang.sync())
    assert zhang.keys("owner") == set()
    zhao.sync()
    assert zhao.keys("owner") == {"hxy-o-1"}
    assert zhao.get("owner", "hxy-o-1")["phones"] == []


def test_reassigning_back_brings_the_work_order_and_owner_back(db, rooms, tablet):
    zhang = tablet("zhang", "technician")
    put(db, "work_order", work_order("wo-1", "zhang", rooms[0]))
    zhang.sync()
    put(db, "work_order", work_order("wo-1", "zhao", rooms[0]))
    zhang.sync()

    put(db, "work_order", work_order("wo-1", "zhang", rooms[0], status="in_progress"))
    zhang.sync()

    assert zhang.get("work_order", "wo-1")["status"] == "in_progress"
    assert zhang.keys("owner") == {"hxy-o-1"}


def test_a_finished_work_order_stays_but_its_owner_goes(db, rooms, tablet):
    zhang = tablet("zhang", "technician")
    put(db, "work_order", work_order("wo-1", "zhang", rooms[0]))
    zhang.sync()

    put(db, "work_order", work_order("wo-1", "zhang", rooms[0], status="done"))

    assert ("owner", "hxy-o-1") in _tombstones(zhang.sync())
    assert zhang.get("work_order", "wo-1")["status"] == "done"
    assert zhang.keys("owner") == set()


def test_another_open_order_in_the_same_room_keeps_the_owner(db, rooms, tablet):
    zhang = tablet("zhang", "technician")
    put(db, "work_order", work_order("wo-1", "zhang", rooms[0]))
    put(db, "work_order", work_order("wo-2", "zhang", rooms[0], category="electric"))
    zhang.sync()

    put(db, "work_order", work_order("wo-1", "zhao", rooms[0]))
    received = zhang.sync()

    assert _tombstones(received) == {("work_order", "wo-1")}
    assert zhang.keys("owner") == {"hxy-o-1"}


def test_a_deleted_work_order_takes_its_owner_with_it(db, rooms, tablet):
    zhang = tablet("zhang", "technician")
    put(db, "work_order", work_order("wo-1", "zhang", rooms[0]))
    zhang.sync()

    delete_reference_item(db, kind="work_order", key="wo-1")

    assert _tombstones(zhang.sync()) == {("work_order", "wo-1"), ("owner", "hxy-o-1")}


def test_an_owner_recorded_after_the_work_order_reaches_its_technician(db, estates, tablet):
    put_estate_tree(db, "hxy", rooms=("101",))
    zhang = tablet("zhang", "technician")
    put(db, "work_order", work_order("wo-1", "zhang", "hxy-1-1-101"))
    zhang.sync()

    put(db, "owner", owner("hxy-o-1", ("hxy-1-1-101",)))
    zhang.sync()
    assert zhang.keys("owner") == {"hxy-o-1"}

    put(db, "owner", owner("hxy-o-1", ("hxy-1-1-101",), occupation="医生"))
    zhang.sync()
    assert zhang.get("owner", "hxy-o-1")["occupation"] == "医生"

    put(db, "owner", owner("hxy-o-1", ("hxy-1-1-102",)))  # moved out of the room
    zhang.sync()
    assert zhang.keys("owner") == set()


def test_a_reassigned_visit_task_is_tombstoned_for_the_previous_service_staff(db, rooms, tablet):
    li, liu = tablet("li", "service"), tablet("liu", "service")
    put(db, "visit_task", visit_task("vt-1", "li", "hxy-o-1"))
    li.sync(), liu.sync()

    put(db, "visit_task", visit_task("vt-1", "liu", "hxy-o-1"))

    assert _tombstones(li.sync()) == {("visit_task", "vt-1")}
    assert li.keys("visit_task") == set()
    liu.sync()
    assert liu.keys("visit_task") == {"vt-1"}
    # Service staff keep every owner: the archive is theirs to answer owners from.
    assert li.keys("owner") == {"hxy-o-1", "hxy-o-2"}


def test_supervisors_keep_a_reassigned_item_and_get_no_tombstone(db, rooms, tablet):
    chen = tablet("chen", "supervisor")
    put(db, "work_order", work_order("wo-1", "chen", rooms[0]))
    chen.sync()

    put(db, "work_order", work_order("wo-1", "zhao", rooms[0]))
    received = chen.sync()

    assert [(item["key"], item["deleted"]) for item in received] == [("wo-1", False)]


def test_a_fresh_tablet_of_the_previous_assignee_never_shows_the_item(db, rooms, tablet):
    put(db, "work_order", work_order("wo-1", "zhang", rooms[0]))
    put(db, "work_order", work_order("wo-1", "zhao", rooms[0]))

    zhang = tablet("zhang", "technician")
    zhang.sync(limit=1)

    assert zhang.keys("work_order") == set() and zhang.keys("owner") == set()
