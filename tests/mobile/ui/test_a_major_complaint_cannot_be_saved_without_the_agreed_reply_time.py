"""A major complaint goes to company leadership with a reply time agreed with the owner:
without that time the form is not read back nor saved, the problem is shown where the time
is chosen, and nothing typed is lost; with it, the complaint is saved escalated and synced."""

from domain.records import COMPLAINT
from tests.mobile.ui.complaint_steps import (
    Typist,
    field,
    service_officer,
    shoot_both,
    tap_button,
)


def test_a_major_complaint_without_the_agreed_reply_time_is_refused_in_place(driver, demo_server):
    with service_officer(driver, demo_server.url):
        app, typist = driver.app, Typist(driver)
        before = {r.id for r in app.store.records.find(kind=COMPLAINT)}
        driver.go("complaint")
        screen = driver.screen("complaint")
        driver.tap(driver.button(screen, "新投诉"))
        if screen.mode != "intake":  # an intake left from before starts over
            tap_button(driver, "放弃")
            driver.tap(driver.button(screen, "新投诉"))
        assert screen.mode == "intake"

        tap_button(driver, "来访")
        typist.into("room_query", "5栋1单元302")
        driver.until(lambda: screen.found_rooms, what="rooms found")
        tap_button(driver, "5栋1单元302")
        typist.into("matter", "地下车库漏水泡坏车辆")
        typist.into("demand", "物业赔偿维修费用")
        tap_button(driver, "物业服务问题")
        tap_button(driver, "重大投诉")
        typist.into("reason_told_to_owner", "涉及赔偿，须公司领导决定")
        typed = dict(screen.fields)

        tap_button(driver, "向业主复述确认")

        assert screen.mode == "intake"  # not read back, not saved
        assert "agreed_reply_at" in screen.problems
        shown = driver.texts(screen.ids.panel)
        assert any("约定回复时间" in text and "重大投诉" in text for text in shown)
        assert {k: screen.fields[k] for k in typed} == typed
        assert app.store.drafts.load("complaint:new").fields["matter"] == "地下车库漏水泡坏车辆"
        assert field(driver, "reason_told_to_owner").text == "涉及赔偿，须公司领导决定"
        assert {r.id for r in app.store.records.find(kind=COMPLAINT)} == before
        shoot_both(driver, "complaint-major-refused")

        tap_button(driver, "明天 18:00")
        assert "agreed_reply_at" not in screen.problems
        tap_button(driver, "向业主复述确认")
        assert screen.mode == "read_back"
        assert any("移交公司领导" in text for text in driver.texts(screen.ids.panel))
        shoot_both(driver, "complaint-major-read-back")
        tap_button(driver, "业主确认，保存")

        complaint = screen.followed.complaint
        assert complaint.status.value == "escalated" and complaint.severity.value == "major"
        assert screen.followed.due_at == complaint.escalation.agreed_reply_at
        shoot_both(driver, "complaint-major-saved")
        record_id = screen.followed.record.id
        driver.until(lambda: app.sync_view.pending_records == 0, what="the complaint sent")
        held = demo_server.records([record_id])[record_id]["payload"]
        assert held["status"] == "escalated" and held["escalation"]["agreed_reply_at"]
