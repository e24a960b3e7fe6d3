"""The service officer taps a visit task on Today, fills the return visit by taps (phone,
satisfied, the owner's words, a need), turns the need into a repair with one tap and
saves. Synced, the server holds exactly that visit, its repair workflow opened a work
order for the room, and the visit task is done, on the server and then on the tablet."""

import pytest

from mobile.services.return_visit import DRAFT_KEY
from mobile.widgets.field import Field
from server.services.work_items import derived_id
from tests.mobile.ui.accounts import sign_in_as, sign_in_kept

TASK = "hxy-demo-vt-01"  # kefu1's after-repair visit to 4栋1单元1201


@pytest.fixture(autouse=True)
def _the_account_signed_in_before_comes_back(driver, demo_server):
    with sign_in_kept(driver, demo_server):
        yield


def _fields(screen):
    return [w for w in screen.ids.form.walk(restrict=True) if isinstance(w, Field)]


def test_a_visit_task_s_need_becomes_a_repair_and_the_task_is_done(driver, demo_server):
    sign_in_as(driver, demo_server, "kefu1", lambda s: s.reference.get("visit_task", TASK))
    app = driver.app
    driver.go("today")
    today = driver.screen("today")
    driver.until(lambda: any(r["key"] == TASK for r in today.ids.rows.data), what="the task")

    driver.tap(driver.row(today.ids.rows, TASK))  # a tap opens the visit

    visit = driver.screen("return_visit")
    driver.until(lambda: app.shell.ids.screens.current == "return_visit", what="the form")
    assert visit.heading.startswith("4栋1单元1201") and "维修后回访" in visit.heading
    driver.tap(driver.button(visit.ids.form, "电话"))
    driver.tap(driver.button(visit.ids.form, "满意"))
    (feedback,) = _fields(visit)
    feedback.text = "维修及时，师傅很客气"
    driver.tap(driver.button(visit.ids.form, "添加需求"))
    need = _fields(visit)[1]
    need.text = "卫生间水管还有点渗水"
    draft = app.store.drafts.load(DRAFT_KEY).fields  # every change is the draft at once
    assert (draft["method"], draft["satisfaction"]) == ("phone", "satisfied")
    assert draft["needs"] == [{"description": "卫生间水管还有点渗水", "follow_up": None}]
    taps = driver.taps
    driver.tap(driver.button(visit.ids.form, "转报修"))
    assert driver.taps - taps == 1  # the need becomes a repair in one tap
    assert app.store.drafts.load(DRAFT_KEY).fields["needs"][0]["follow_up"] == "repair"
    assert any("同步后将生成维修工单" in t for t in driver.texts(visit.ids.form))
    assert "转投诉" in driver.texts(visit.ids.form)  # a need can become a complaint too
    driver.screenshot("return_visit-zh")
    app.set_language("en")
    driver.frames()
    assert any("A work order goes to a technician" in t for t in driver.texts(visit.ids.form))
    driver.screenshot("return_visit-en")
    app.set_language("zh_CN")
    driver.frames()

    driver.tap(driver.button(visit.ids.form, "保存回访"))

    driver.until(lambda: app.shell.ids.screens.current == "today", what="back on Today")
    assert app.store.drafts.load(DRAFT_KEY) is None
    (record,) = [r for r in app.store.records.find(kind="return_visit")
                 if r.payload["task_id"] == TASK]  # fmt: skip
    assert TASK not in [r["key"] for r in today.ids.rows.data]  # answered, waiting to sync
    driver.until(lambda: app.sync_view.pending_records == 0, what="the visit sent")
    held = demo_server.records([record.id])
    assert list(held) == [record.id] and held[record.id]["payload"] == record.payload
    assert demo_server.item("visit_task", TASK)["status"] == "done"
    order = demo_server.item("work_order", derived_id("work_order", "owner", record.id, "0"))
    assert order["room_id"] == "hxy-4-1-1201" and order["source_id"] == record.id
    assert order["description"] == "回访时业主报修：卫生间水管还有点渗水"
    assert order["category"] == "water" and order["status"] == "assigned"

    app.runner.sync_now()  # the task's new state comes back to the tablet
    driver.until(
        lambda: app.store.reference.get("visit_task", TASK)["status"] == "done", what="done"
    )
    today.refresh()
    assert TASK not in [r["key"] for r in today.ids.rows.data]

    # The unit's file shows the visit recorded here and the work order it raised.
    driver.until(lambda: app.store.reference.get("work_order", order["id"]), what="the order")
    driver.go("units")
    units = driver.screen("units")
    driver.until(lambda: units.finder and order["id"] in [
        o["id"] for o in units.finder.unit_file("hxy-4-1-1201").work_orders
    ], what="the finder with the new work order")  # fmt: skip
    units.ids.query.text = "4-1-1201"
    driver.frames()
    driver.tap(driver.row(units.ids.results, "hxy-4-1-1201"))
    shown = driver.texts(units.ids.file)
    assert "已派单 · 回访时业主报修：卫生间水管还有点渗水" in shown
    assert "已回访 · 维修后回访" in shown
    assert any(t.endswith("回访 · 满意") for t in shown)
    driver.screenshot("unit_file-zh")
    app.set_language("en")
    driver.frames()
    assert any(t.endswith("Return visit · Satisfied") for t in driver.texts(units.ids.file))
    driver.screenshot("unit_file-en")
    app.set_language("zh_CN")
    driver.frames()
