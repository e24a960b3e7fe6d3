"""A phone complaint about decoration noise, by taps in the real window: the room found as
people say it, the owner filled in from the archive, read back to the owner, saved; the
handling started with a time told to the owner, a progress update, closed with the result
and the owner's feedback. The server then holds exactly that complaint, closed, and its
workflow has raised the after-complaint visit task."""

from domain.records import COMPLAINT
from server.services.reference import VISIT_TASK
from server.services.work_items import derived_id
from tests.mobile.ui.complaint_steps import (
    Typist,
    panel,
    service_officer,
    shoot_both,
    tap_button,
)


def test_a_general_complaint_taken_followed_and_closed_reaches_the_server(driver, demo_server):
    with service_officer(driver, demo_server.url):
        app, typist = driver.app, Typist(driver)
        before = {r.id for r in app.store.records.find(kind=COMPLAINT)}
        driver.go("today")
        driver.tap(driver.button(driver.screen("today"), "新投诉"))
        driver.until(
            lambda: app.shell.ids.screens.current == "complaint", what="the complaint form"
        )
        screen = driver.screen("complaint")
        assert screen.mode == "intake" and screen.fields["channel"] == "phone"
        shoot_both(driver, "complaint-intake-empty")

        typist.into("room_query", "3-2-1101")  # the room finder, as people say it
        driver.until(lambda: screen.found_rooms, what="rooms found")
        driver.tap(driver.button(panel(driver), "3栋2单元1101"))
        assert (screen.fields["building"], screen.fields["unit"], screen.fields["room"]) == (
            "3栋", "2单元", "1101",
        )  # fmt: skip
        assert screen.fields["complainant"] and screen.fields["phone"]  # from the owner archive
        typist.into("matter", "楼上装修中午施工，噪音很大")
        typist.into("demand", "中午12点到2点停止施工")
        tap_button(driver, "装修噪音施工扰民")
        shoot_both(driver, "complaint-intake-filled")

        tap_button(driver, "向业主复述确认")
        assert screen.mode == "read_back"
        shoot_both(driver, "complaint-read-back")
        tap_button(driver, "业主确认，保存")
        assert screen.mode == "detail" and screen.followed.complaint.status.value == "classified"
        record_id = screen.followed.record.id
        assert {r.id for r in app.store.records.find(kind=COMPLAINT)} - before == {record_id}
        shoot_both(driver, "complaint-saved")

        tap_button(driver, "开始处理")
        typist.into("department", "工程部")
        tap_button(driver, "明天 12:00")
        tap_button(driver, "保存")
        assert screen.followed.complaint.status.value == "in_progress"

        tap_button(driver, "记录跟进")
        typist.into("note", "已联系装修队，午休时段停工")
        shoot_both(driver, "complaint-progress")
        tap_button(driver, "保存")
        assert len(screen.followed.complaint.progress) == 1

        tap_button(driver, "办结")
        typist.into("result", "装修队已承诺午休时段停工")
        typist.into("owner_feedback", "满意")
        shoot_both(driver, "complaint-close")
        tap_button(driver, "保存")
        assert screen.followed.complaint.status.value == "closed"
        assert [a.value for a in screen.actions()] == ["summarise"]
        shoot_both(driver, "complaint-closed")

        driver.until(lambda: app.sync_view.pending_records == 0, what="the complaint sent")
        held = demo_server.records([record_id])
        assert set(held) == {record_id}
        assert held[record_id]["revision"] == 4
        assert held[record_id]["payload"]["status"] == "closed"
        assert held[record_id]["payload"]["received_by"] == "kefu1"
        task = demo_server.item(VISIT_TASK, derived_id(VISIT_TASK, "after_complaint", record_id))
        assert task is not None and task["staff_id"] == "kefu1"
