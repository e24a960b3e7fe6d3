"""Pulled from the real server over HTTP, the tablet's room finder shows service staff the
owner archive, a technician only the owner of its open work order's room (redacted), a
patrol officer no owner; every role finds the rooms."""

import pytest
from real_server import PASSWORD

from mobile.services.rooms import RoomFinder
from tests.server.reference_factories import building, owner, room, unit, work_order

pytestmark = pytest.mark.tablet_side

ZHANG = owner("hxy-o-1", ("hxy-3-2-1101",), name="张三", phones=["13800000001"])
LI = owner("hxy-o-2", ("hxy-3-1-1101",), name="李四", phones=["13800000002"])


@pytest.fixture(scope="module")
def estate(shared_server):
    for username, role in (("liu", "technician"), ("zhou", "patrol")):
        shared_server.admin(
            "create-account", username, "--role", role, "--estate", "hxy", "--password-stdin",
            stdin=PASSWORD + "\n",
        )  # fmt: skip
    items = [("building", building("hxy", "3"))]
    for n in ("1", "2"):
        items += [("unit", unit("hxy-3", n)), ("room", room(f"hxy-3-{n}", "1101"))]
    items += [("owner", ZHANG), ("owner", LI)]
    items += [
        ("work_order", work_order("wo-open", "liu", "hxy-3-2-1101", status="in_progress")),
        ("work_order", work_order("wo-done", "liu", "hxy-3-1-1101", status="done")),
    ]
    for kind, data in items:
        shared_server.put_item(kind, data["id"], "hxy", data)


def _signed_in(tablet, username, role):
    if username != "wang":
        tablet.transport.login(username, PASSWORD, "平板-01")
    tablet.engine.run_once()
    return RoomFinder.from_store(tablet.store, role=role, username=username)


def _names(found):
    return sorted(owner.name for owner in found.owners)


def test_service_staff_find_every_owner_with_the_archive(tablet, estate):
    finder = _signed_in(tablet, "wang", "service")

    assert _names(finder.search("zs")) == ["张三"] and _names(finder.search("李四")) == ["李四"]
    assert finder.unit_file("hxy-3-2-1101").owners[0]["phones"] == ["13800000001"]


def test_a_technician_finds_only_its_open_order_s_owner_redacted(tablet, estate):
    finder = _signed_in(tablet, "liu", "technician")

    assert _names(finder.search("zs")) == ["张三"] and _names(finder.search("ls")) == []
    assert finder.unit_file("hxy-3-2-1101").owners[0]["phones"] == []
    assert [o["id"] for o in finder.unit_file("hxy-3-2-1101").work_orders] == ["wo-open"]


def test_a_patrol_officer_finds_the_rooms_but_no_owner(tablet, estate):
    finder = _signed_in(tablet, "zhou", "patrol")

    assert [r.label for r in finder.search("3-1101").rooms] == ["3栋1单元1101", "3栋2单元1101"]
    assert _names(finder.search("zs")) == [] and finder.unit_file("hxy-3-2-1101").owners == ()
