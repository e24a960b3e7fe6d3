"""A technician's repair check against a work order a dispatcher changed meanwhile: the
real server refuses it as a conflict, the tablet keeps the check and shows the server's
order, and only a person's choice (keep mine / take theirs) settles it."""

import pytest
from real_server import PASSWORD, RealServer

from mobile.services.conflicts import keep_mine, server_work_order, take_theirs
from mobile.services.outbox import StoreOutbox
from mobile.store.errors import RecordNotFound
from mobile.store.records import SyncState
from mobile.store.store import Store
from sync.engine import SyncEngine, SyncReport
from sync.transport import HttpTransport, TransportSettings

pytestmark = pytest.mark.database  # its own RealServer, under another fixture name

ORDER = {
    "id": "wo-1",
    "technician_id": "zhao",
    "category": "water",
    "description": "地下二层水泵房管道漏水",
    "source": "patrol",
    "status": "assigned",
    "created_at": "2026-11-27T08:00:00+08:00",
    "room_id": None,
    "place": "地下二层水泵房",
    "source_id": None,
    "due_at": None,
    "photos": [],
}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = RealServer(tmp_path_factory.mktemp("conflicts"))
    running.add_estate_and_staff(username="zhao", role="technician")
    running.start()
    yield running
    running.close()


@pytest.fixture
def technician(server, tmp_path):
    """zhao's tablet, after a sync that brought down wo-1."""
    server.put_item("work_order", "wo-1", "hxy", ORDER)
    transport = HttpTransport(TransportSettings(base_url=server.url))
    transport.login("zhao", PASSWORD, "维修平板")
    with Store.open(tmp_path / "tablet") as store:
        engine = SyncEngine(StoreOutbox(store), transport)
        engine.run_once()
        yield store, engine


def _repair_check(store: Store) -> str:
    payload = {
        "estate_id": "hxy",
        "work_order_id": "wo-1",
        "work_order_version": store.reference.version("work_order", "wo-1"),
        "technician_id": "zhao",
        "category": "water",
        "description": ORDER["description"],
        "arrived_at": "2026-11-27T09:00:00+08:00",
        "finished_at": "2026-11-27T09:40:00+08:00",
        "diagnosis": "法兰垫片老化，已更换",
        "result": "resolved",
        "place": "地下二层水泵房",
    }
    return store.records.create("repair_check", payload).id


def _check_meets_a_changed_order(server, technician, changed: dict) -> tuple[str, SyncReport]:
    """zhao records a check; meanwhile a dispatcher changes wo-1 to ``changed``; zhao's
    tablet syncs. Returns the check's id and that sync's report."""
    store, engine = technician
    check_id = _repair_check(store)
    server.put_item("work_order", "wo-1", "hxy", changed)
    return check_id, engine.run_once()


def test_the_check_waits_on_the_tablet_with_the_dispatcher_s_change_beside_it(server, technician):
    store, engine = technician
    urgent = ORDER | {"description": "水泵房漏水，已淹到配电柜，加急"}

    check_id, report = _check_meets_a_changed_order(server, technician, urgent)

    assert report.conflicts == 1
    kept = store.records.get(check_id)
    assert kept.sync_state is SyncState.REJECTED
    assert kept.payload["diagnosis"] == "法兰垫片老化，已更换"
    assert server_work_order(kept)["data"] == urgent
    assert engine.status.rejections[0][0] == check_id
    assert server.records([check_id]) == {}
    assert server.item("work_order", "wo-1")["status"] == "assigned"


def test_keep_mine_applies_the_check_over_the_change_it_now_has_seen(server, technician):
    store, engine = technician
    urgent = ORDER | {"description": "水泵房漏水，加急"}
    check_id, _ = _check_meets_a_changed_order(server, technician, urgent)

    keep_mine(store, check_id)
    engine.run_once()

    assert store.records.get(check_id).sync_state is SyncState.SYNCED
    assert server.records([check_id])[check_id]["revision"] == 2
    assert server.item("work_order", "wo-1") == urgent | {"status": "done"}


def test_take_theirs_drops_the_check_and_leaves_the_server_s_order(server, technician):
    store, engine = technician
    cancelled = ORDER | {"status": "cancelled"}
    check_id, _ = _check_meets_a_changed_order(server, technician, cancelled)

    take_theirs(store, check_id)
    engine.run_once()

    with pytest.raises(RecordNotFound):
        store.records.get(check_id)
    assert store.records.pending() == []
    assert server.records([check_id]) == {}
    assert server.item("work_order", "wo-1") == cancelled
