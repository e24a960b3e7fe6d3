"""The owner archive is confidential: a supervisor of the owner's estate may open it
from the dashboard, and each view is in the audit log; nobody else sees it."""

from __future__ import annotations


def test_each_view_by_a_supervisor_is_in_the_audit_log(world):
    web = world.sign_in("boss")
    before = len(world.audit("owner_viewed"))

    first = web.get(world.url + "/owners/owner-1203", timeout=30)
    second = web.get(world.url + "/owners/owner-1203", timeout=30)
    views = world.audit("owner_viewed")[before:]

    assert first.status_code == second.status_code == 200
    assert "王建国" in first.text
    assert len(views) == 2
    assert all(v["username"] == "boss" for v in views)
    assert all(v["detail"]["owner_id"] == "owner-1203" for v in views)
    assert all(v["detail"]["via"] == "dashboard" for v in views)


def test_a_supervisor_of_another_estate_gets_not_found_and_nothing_is_logged(world):
    web = world.sign_in("lv")
    before = len(world.audit("owner_viewed"))

    page = web.get(world.url + "/owners/owner-1203", timeout=30)

    assert page.status_code == 404
    assert "王建国" not in page.text
    assert len(world.audit("owner_viewed")) == before


def test_an_admin_has_no_need_to_know(world):
    web = world.sign_in("root")

    page = web.get(world.url + "/owners/owner-1203", timeout=30)

    assert page.status_code == 404
    assert "王建国" not in page.text
