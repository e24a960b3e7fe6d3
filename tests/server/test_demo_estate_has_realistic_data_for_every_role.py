"""The demo estate 华夏苑: a few hundred rooms and owners with clearly fake phone
numbers, day and night routes with the checks of the trade, staff of every role, open
work, and each demo account sees what its role may."""

import re
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from server.db.engine import make_engine, make_session_factory
from server.db.migrate import upgrade_to_head
from server.db.models import Account, ReferenceItem
from server.services.demo import DEMO_PASSWORD, load_demo
from tests.server.reference_factories import Tablet

ANCHOR = date(2025, 3, 3)


@pytest.fixture(scope="module")
def today():
    return ANCHOR + timedelta(days=100)


@pytest.fixture(scope="module")
def loaded(tmp_path_factory, today):
    """The demo loaded once into a database of its own, for the tests that only read it."""
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    upgrade_to_head(url)
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        load_demo(session, today=today)
        yield session
    engine.dispose()


def _items(db, kind):
    return [
        item.data for item in db.scalars(select(ReferenceItem).where(ReferenceItem.kind == kind))
    ]


def test_the_estate_has_buildings_units_rooms_and_owners(loaded):
    db = loaded
    assert len(_items(db, "building")) == 6
    assert len(_items(db, "unit")) == 12
    assert len(_items(db, "room")) == 288
    owners = _items(db, "owner")
    assert 250 <= len(owners) <= 288
    assert any(len(owner["room_ids"]) == 2 for owner in owners)
    assert sum(bool(owner["family_members"]) for owner in owners) > len(owners) / 2
    assert sum(bool(owner["decorations"]) for owner in owners) > 30
    assert {owner["occupancy"] for owner in owners} == {
        "owner_occupied", "rented", "vacant", "decorating"
    }  # fmt: skip


def test_every_phone_number_is_an_obviously_fake_mobile(loaded):
    db = loaded
    phones = []
    for owner in _items(db, "owner"):
        phones += owner["phones"]
        phones += [member["phone"] for member in owner["family_members"] if member["phone"]]

    assert len(phones) > 300
    assert all(re.fullmatch(r"1[3-9][0-9]0000[0-9]{4}", phone) for phone in phones)


def test_day_and_night_routes_walk_checkpoints_with_the_checks_of_the_trade(loaded):
    db = loaded
    routes = _items(db, "route")
    assert {route["shift"] for route in routes} == {"day", "night"}
    checkpoints = {cp["id"]: cp for cp in _items(db, "checkpoint")}
    assert all(set(route["checkpoint_ids"]) <= set(checkpoints) for route in routes)
    readings = {
        (item["label"], item["unit"], item["allowed_min"], item["allowed_max"])
        for cp in checkpoints.values()
        for item in cp["items"]
        if item["kind"] == "reading"
    }
    assert ("消防栓压力", "MPa", 0.1, 0.6) in readings
    assert any(label == "水泵房水位" for label, *_ in readings)
    places = " ".join(cp["place"] for cp in checkpoints.values())
    for place in ("门岗", "水泵房", "地下车库", "电梯", "消防"):
        assert place in places


def test_staff_of_every_role_and_open_work_for_them(loaded):
    db = loaded
    roles = {account.role for account in db.scalars(select(Account))}
    assert roles == {"patrol", "service", "technician", "supervisor", "admin"}
    orders = _items(db, "work_order")
    assert sum(order["status"] in ("assigned", "in_progress", "on_hold") for order in orders) >= 5
    assert {order["technician_id"] for order in orders} == {"weixiu1", "weixiu2"}
    assert {task["staff_id"] for task in _items(db, "visit_task")} == {"kefu1", "kefu2"}


def test_the_demo_work_is_moved_to_the_day_it_is_loaded(loaded, today):
    db = loaded
    created = [
        datetime.fromisoformat(item["created_at"]).date()
        for item in _items(db, "work_order") + _items(db, "visit_task")
    ]

    assert max(created) == today
    assert min(created) >= today - timedelta(days=5)


def test_each_demo_account_signs_in_and_sees_what_its_role_may(db, client, login_with, today):
    load_demo(db, today=today)
    technician = Tablet(client, login_with("weixiu1", DEMO_PASSWORD))
    technician.sync()
    patrol = Tablet(client, login_with("xunluo1", DEMO_PASSWORD))
    patrol.sync()
    supervisor = Tablet(client, login_with("zhuguan", DEMO_PASSWORD))
    supervisor.sync()

    assert technician.keys("work_order") == {
        "hxy-demo-wo-01", "hxy-demo-wo-03", "hxy-demo-wo-05", "hxy-demo-wo-07"
    }  # fmt: skip
    owners = [technician.get("owner", key) for key in technician.keys("owner")]
    assert len(owners) == 2  # the rooms of the open orders 01 and 03
    assert all(owner["phones"] == [] and owner["family_members"] == [] for owner in owners)
    assert patrol.keys("owner") == set() and patrol.keys("work_order") == set()
    assert len(patrol.keys("checkpoint")) == 15
    archive = [supervisor.get("owner", key) for key in supervisor.keys("owner")]
    assert len(archive) > 250 and all(owner["phones"] for owner in archive)


@pytest.fixture
def login_with(client):
    def sign_in(username, password):
        response = client.post(
            "/api/v1/auth/device-login",
            json={"username": username, "password": password, "device_name": "演示平板"},
        )
        assert response.status_code == 200, response.text
        return {"Authorization": f"Bearer {response.json()['token']}"}

    return sign_in
