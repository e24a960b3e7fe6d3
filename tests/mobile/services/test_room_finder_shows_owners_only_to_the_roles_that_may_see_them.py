"""Service staff and supervisors find every owner; a technician only the owners of its own
open work orders' rooms; a patrol account no owner, though it still finds every room."""

import pytest

from mobile.services.rooms import RoomFinder
from tests.mobile.services.estate_on_a_tablet import open_tablet


@pytest.fixture
def store(tmp_path):
    with open_tablet(tmp_path) as opened:
        yield opened


def _names(found):
    return [owner.name for owner in found.owners]


@pytest.mark.parametrize("role", ["service", "supervisor"])
def test_archive_roles_find_every_owner_by_name_and_in_the_unit_file(store, role):
    finder = RoomFinder.from_store(store, role=role, username="wang")

    assert _names(finder.search("zs")) == ["张三"]
    assert _names(finder.search("李")) == ["李四"]
    assert [o["phones"] for o in finder.unit_file("hxy-3-2-1101").owners] == [["13800000001"]]


def test_a_technician_sees_only_the_owners_of_its_own_open_work_orders(store):
    finder = RoomFinder.from_store(store, role="technician", username="tech.liu")

    assert _names(finder.search("zs")) == ["张三"]  # 3-2-1101: its order in progress
    assert _names(finder.search("ls")) == []  # 3-1-1102: its order done
    assert [o["id"] for o in finder.unit_file("hxy-3-2-1101").owners] == ["o-1"]
    assert finder.unit_file("hxy-3-1-1102").owners == ()


def test_another_technician_sees_no_owner(store):
    finder = RoomFinder.from_store(store, role="technician", username="tech.zhou")

    assert _names(finder.search("zs")) == []


def test_a_patrol_account_finds_rooms_but_no_owner(store):
    finder = RoomFinder.from_store(store, role="patrol", username="bao.an")

    assert [room.label for room in finder.search("1101").rooms] == ["3栋1单元1101", "3栋2单元1101"]
    assert _names(finder.search("zs")) == [] and _names(finder.search("张三")) == []
    assert finder.unit_file("hxy-3-2-1101").owners == ()
