"""A dispatcher changes a work order on the server while the technician is at work on
it; the check saved afterwards comes back as a conflict, and the Sync screen lists it
with what happened and what to do, until a person chooses (here: the server's order)."""

import pytest

from mobile.services import conflicts
from mobile.store.records import SyncState
from tests.mobile.ui.repair_steps import (
    reveal,
    technician,  # noqa: F401 - a fixture
)

LIFT = "hxy-demo-wo-05"  # weixiu1's, on hold: the lift's floor buttons in building 2


@pytest.mark.usefixtures("technician")
def test_a_check_on_a_work_order_changed_on_the_server_waits_on_the_sync_screen(
    driver, demo_server
):
    driver.app.open_work("work_order", LIFT)
    repair = driver.screen("repair")
    driver.until(lambda: repair.has_order and driver.app.repair.order_id == LIFT, what="form")
    driver.tap(repair.ids.arrive)
    repair.ids.diagnosis.text = "楼层按钮主板故障，需电梯公司更换"
    driver.tap(reveal(driver, driver.button(repair.ids.form, "需外协单位")))

    order = demo_server.item("work_order", LIFT)
    changed = order | {"description": order["description"] + "（业主补充：3楼按钮也失灵）"}
    demo_server.put_item("work_order", LIFT, "hxy", changed)
    driver.tap(repair.ids.save)
    assert not repair.has_order, driver.app.say(repair.message)
    (record,) = [r for r in driver.app.store.records.find(kind="repair_check")
                 if r.payload["work_order_id"] == LIFT]  # fmt: skip
    store = driver.app.store
    driver.until(lambda: store.records.get(record.id).sync_state is SyncState.REJECTED,
                 what="the conflict")  # fmt: skip
    theirs = conflicts.server_work_order(store.records.get(record.id))
    assert theirs["data"]["description"] == changed["description"]

    driver.go("sync")
    sync = driver.screen("sync")
    driver.until(lambda: any(c.key == record.id for c in sync.ids.conflicts.children),
                 what="the conflict on the Sync screen")  # fmt: skip
    card = next(c for c in sync.ids.conflicts.children if c.key == record.id)
    assert changed["description"] in card.theirs
    driver.screenshot("sync-repair-conflict-zh")
    driver.app.set_language("en")
    driver.frames()
    driver.screenshot("sync-repair-conflict-en")
    driver.app.set_language("zh_CN")

    card = next(c for c in sync.ids.conflicts.children if c.key == record.id)  # redrawn
    driver.tap(card.ids.take_theirs)  # settled, so later tests start clean
    driver.until(lambda: not any(c.key == record.id for c in sync.ids.conflicts.children),
                 what="the conflict settled")  # fmt: skip
    assert not [r for r in store.records.find(kind="repair_check") if r.id == record.id]
