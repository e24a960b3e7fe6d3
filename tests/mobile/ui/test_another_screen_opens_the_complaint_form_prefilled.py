"""What another screen calls to turn an owner's need into a complaint in one tap:
``open_complaint`` opens the intake on the Complaint screen with the unit and owner filled
in, kept as the draft at once."""

from mobile.screens.complaint import open_complaint
from tests.mobile.ui.complaint_steps import field, service_officer, shoot_both


def test_open_complaint_shows_the_intake_prefilled_and_keeps_it_as_a_draft(driver, demo_server):
    with service_officer(driver, demo_server.url):
        app = driver.app
        app.complaints.discard("complaint:new")

        open_complaint(app, building="3栋", unit="2单元", room="1101", owner="刘志子",
                       phone="13700004329", matter="回访时反映：楼道灯不亮")  # fmt: skip
        driver.frames(10)

        assert app.shell.ids.screens.current == "complaint"
        assert driver.screen("complaint").mode == "intake"
        assert (
            field(driver, "room").text == "1101" and field(driver, "complainant").text == "刘志子"
        )
        assert field(driver, "matter").text == "回访时反映：楼道灯不亮"
        assert app.store.drafts.load("complaint:new").fields["unit"] == "2单元"
        shoot_both(driver, "complaint-prefilled")
        app.complaints.discard("complaint:new")
