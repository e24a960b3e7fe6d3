"""A technician's repair check meets a work order a dispatcher changed meanwhile: the
real server refuses it as a conflict, the Sync screen shows the check beside the
server's order, and each button does what it says on the server."""

from datetime import UTC, datetime, timedelta

import pytest

from server.services.demo import DEMO_PASSWORD


@pytest.fixture
def technician(driver, demo_server):
    """The tablet handed to the demo technician weixiu1 (a shift change), holding the
    work orders; handed back to the patrol officer afterwards."""
    app = driver.app
    app.session.sign_in(demo_server.url, "weixiu1", DEMO_PASSWORD)
    driver.until(lambda: app.signed_in is not None and app.signed_in.username == "weixiu1")
    app.show("today")
    driver.until(lambda: app.store.reference.version("work_order", "hxy-demo-wo-03"),
                 what="weixiu1's work orders pulled")  # fmt: skip
    yield driver
    driver.until(lambda: app.sync_view.pending_records == 0, what="nothing of weixiu1 waits")
    app.session.sign_in(demo_server.url, "xunluo1", DEMO_PASSWORD)
    driver.until(lambda: app.signed_in.username == "xunluo1", what="xunluo1 again")
    app.show("today")
    driver.frames(10)


def _check_meets_a_changed_order(driver, demo_server, order_id: str, change: dict) -> str:
    """weixiu1 records a check on ``order_id`` as the tablet holds it; meanwhile the
    dispatcher changes the order on the server. Returns the check's id."""
    app = driver.app
    held = app.store.reference.get("work_order", order_id)
    version = app.store.reference.version("work_order", order_id)
    demo_server.put_item("work_order", order_id, "hxy", held | change)
    now = datetime.now(UTC)
    record = app.forms.submit(None, "repair_check", {
        "work_order_id": order_id,
        "work_order_version": version,
        "category": held["category"],
        "description": held["description"],
        "room_id": held["room_id"],
        "arrived_at": (now - timedelta(minutes=30)).isoformat(),
        "finished_at": now.isoformat(),
        "diagnosis": "角阀老化，需更换",
        "result": "needs_parts",
    })  # fmt: skip
    return record.id


def _card(driver, sync, record_id: str):
    driver.until(lambda: any(c.key == record_id for c in sync.ids.conflicts.children),
                 what="the conflict on the Sync screen")  # fmt: skip
    return next(c for c in sync.ids.conflicts.children if c.key == record_id)


def test_keep_mine_sends_the_check_again_over_the_dispatcher_s_change(technician, demo_server):
    driver = technician
    urgent = {"description": "卫生间地漏反水，已渗到楼下，加急"}
    check_id = _check_meets_a_changed_order(driver, demo_server, "hxy-demo-wo-01", urgent)
    driver.go("sync")
    sync = driver.screen("sync")
    driver.tap(sync.ids.sync_now)

    card = _card(driver, sync, check_id)
    assert "角阀老化，需更换（待配件）" in card.mine
    assert "已渗到楼下，加急" in card.theirs
    assert sync.refused_count == 0
    assert demo_server.records([check_id]) == {}
    driver.screenshot("sync-conflict-zh")
    driver.app.set_language("en")
    driver.frames()
    assert "(Needs parts)" in _card(driver, sync, check_id).mine
    driver.screenshot("sync-conflict-en")
    driver.app.set_language("zh_CN")
    driver.frames()

    driver.tap(_card(driver, sync, check_id).ids.keep_mine)

    driver.until(lambda: check_id in demo_server.records([check_id]), what="the check sent")
    held = demo_server.records([check_id])[check_id]
    assert held["revision"] == 2 and held["payload"]["diagnosis"] == "角阀老化，需更换"
    order = demo_server.item("work_order", "hxy-demo-wo-01")
    assert order["description"] == urgent["description"] and order["status"] == "on_hold"
    assert not sync.ids.conflicts.children


def test_take_theirs_gives_up_the_check_and_the_server_s_order_stands(technician, demo_server):
    driver = technician
    cancelled = {"status": "cancelled"}
    check_id = _check_meets_a_changed_order(driver, demo_server, "hxy-demo-wo-03", cancelled)
    driver.go("sync")
    sync = driver.screen("sync")
    driver.tap(sync.ids.sync_now)
    card = _card(driver, sync, check_id)
    assert "已取消" in card.theirs

    driver.tap(card.ids.take_theirs)

    assert not sync.ids.conflicts.children
    assert not [r for r in driver.app.store.records.find(kind="repair_check") if r.id == check_id]
    driver.tap(sync.ids.sync_now)
    driver.until(lambda: not driver.app.sync_view.syncing, what="the pass done")
    assert demo_server.records([check_id]) == {}
    assert demo_server.item("work_order", "hxy-demo-wo-03")["status"] == "cancelled"
