"""Staff receive only their estates' data; the owner archive goes only where DOMAIN.md
says it may (service and supervisors in full, a technician redacted and only for their
own work orders, patrol and admin never)."""

import pytest

from tests.server.reference_factories import (
    Tablet,
    checkpoint,
    owner,
    put,
    put_estate_tree,
    route,
    visit_task,
    work_order,
)
from tests.server.workflow_support import version

ESTATE_WIDE = {"building", "unit", "room", "checkpoint", "route", "staff"}


@pytest.fixture
def estate_data(db, estates):
    rooms = put_estate_tree(db, "hxy", rooms=("101", "102", "103"))
    put(db, "checkpoint", checkpoint())
    put(db, "route", route())
    put(db, "owner", owner("hxy-o-1", (rooms[0],)))
    put(db, "owner", owner("hxy-o-2", (rooms[1],), name="刘芳"))
    put(db, "owner", owner("hxy-o-3", (rooms[2],), name="陈伟"))
    put(db, "work_order", work_order("wo-1", "zhang", rooms[0]))
    put(db, "work_order", work_order("wo-2", "zhao", rooms[1]))
    put(db, "work_order", work_order("wo-3", "zhang", None))
    put(db, "visit_task", visit_task("vt-1", "li", "hxy-o-1"))
    put(db, "visit_task", visit_task("vt-2", "liu", "hxy-o-2", room_id=rooms[1]))
    # The other estate: nobody of hxy sees any of it.
    put_estate_tree(db, "lyy", rooms=("101",))
    put(db, "checkpoint", checkpoint("lyy", "LYY-01"), "lyy")
    put(db, "owner", owner("lyy-o-1", ("lyy-1-1-101",)), "lyy")
    put(db, "work_order", work_order("wo-9", "zhang", "lyy-1-1-101"), "lyy")
    put(db, "visit_task", visit_task("vt-9", "li", "lyy-o-1", room_id="lyy-1-1-101"), "lyy")


@pytest.fixture
def tablet(client, make_account, login, estate_data):
    def sign_in(username: str, role: str) -> Tablet:
        tablet = Tablet(client, login(make_account(username, role)))
        tablet.sync()
        return tablet

    return sign_in


def _kinds(tablet: Tablet) -> set[str]:
    return {kind for kind, _ in tablet.items}


def test_every_role_gets_the_estates_places_checkpoints_and_routes(tablet):
    for username, role in [
        ("wang", "patrol"),
        ("li", "service"),
        ("zhang", "technician"),
        ("chen", "supervisor"),
        ("zhou", "admin"),
    ]:
        got = tablet(username, role)
        assert got.keys("room") == {"hxy-1-1-101", "hxy-1-1-102", "hxy-1-1-103"}
        assert got.keys("checkpoint") == {"hxy-cp-hxy-01"}
        assert got.keys("route") == {"hxy-night"}
        assert got.keys("estate") == {"hxy"}


def test_patrol_staff_get_no_owner_archive_work_orders_or_visit_tasks(tablet):
    patrol = tablet("wang", "patrol")

    assert _kinds(patrol) == ESTATE_WIDE | {"estate"}


def test_admins_get_no_owner_archive_work_orders_or_visit_tasks(tablet):
    admin = tablet("zhou", "admin")

    assert _kinds(admin) == ESTATE_WIDE | {"estate"}


def test_service_staff_get_the_full_owner_archive_every_work_order_and_their_own_visits(tablet):
    service = tablet("li", "service")

    assert service.keys("owner") == {"hxy-o-1", "hxy-o-2", "hxy-o-3"}
    assert service.get("owner", "hxy-o-1") == owner("hxy-o-1", ("hxy-1-1-101",))
    assert service.keys("work_order") == {"wo-1", "wo-2", "wo-3"}
    assert service.keys("visit_task") == {"vt-1"}


def test_supervisors_get_everything_of_their_estates(tablet):
    supervisor = tablet("chen", "supervisor")

    assert supervisor.keys("owner") == {"hxy-o-1", "hxy-o-2", "hxy-o-3"}
    assert supervisor.get("owner", "hxy-o-2")["phones"] == ["13800001234"]
    assert supervisor.keys("work_order") == {"wo-1", "wo-2", "wo-3"}
    assert supervisor.keys("visit_task") == {"vt-1", "vt-2"}


def test_a_technician_gets_their_own_work_orders_only(tablet):
    technician = tablet("zhang", "technician")

    assert technician.keys("work_order") == {"wo-1", "wo-3"}
    assert technician.keys("visit_task") == set()


def test_a_technician_gets_only_the_owners_of_their_work_orders_rooms_redacted(tablet):
    technician = tablet("zhang", "technician")

    assert technician.keys("owner") == {"hxy-o-1"}
    seen = technician.get("owner", "hxy-o-1")
    assert seen["phones"] == [] and seen["family_members"] == []
    assert (seen["name"], seen["room_ids"]) == ("王建国", ["hxy-1-1-101"])
    assert "13800001234" not in str(technician.received)
    assert "13900005678" not in str(technician.received)


def test_nobody_gets_another_estates_items(tablet):
    for username, role in [("li", "service"), ("zhang", "technician"), ("chen", "supervisor")]:
        got = tablet(username, role)
        assert {item["estate_id"] for item in got.received} == {"hxy"}, role


def test_an_account_of_both_estates_gets_both(client, make_account, login, estate_data):
    supervisor = Tablet(client, login(make_account("chen", "supervisor", ("hxy", "lyy"))))
    supervisor.sync()

    assert supervisor.keys("owner") == {"hxy-o-1", "hxy-o-2", "hxy-o-3", "lyy-o-1"}
    assert supervisor.keys("visit_task") == {"vt-1", "vt-2", "vt-9"}


def test_an_owner_shown_through_a_grant_keeps_its_own_version(tablet, db):
    technician = tablet("zhang", "technician")

    [received] = [item for item in technician.received if item["key"] == "hxy-o-1"]
    # Placed in the technician's feed when the work order came, after the owner was written.
    assert received["seq"] > received["version"]
    assert received["version"] == version(db, "owner", "hxy-o-1")
