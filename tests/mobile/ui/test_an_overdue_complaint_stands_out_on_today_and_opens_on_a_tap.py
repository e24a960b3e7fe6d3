"""A complaint whose reply is overdue comes first on Today, in the error colour with how
overdue it is; a tap opens it on the Complaint screen, its deadline shown as overdue."""

from datetime import timedelta

from tests.mobile.ui.complaint_steps import service_officer, shoot_both


def test_an_overdue_complaint_comes_first_on_today_and_a_tap_opens_it(driver, demo_server):
    with service_officer(driver, demo_server.url):
        app = driver.app
        fields = app.complaints.start()
        received = (app.now() - timedelta(hours=30)).isoformat()
        fields.update(
            received_at=received, building="2栋", unit="1单元", room="502", complainant="陈女士",
            phone="13900001111", matter="垃圾桶两天没有清运", demand="今天清运并消毒",
            category="cleaning_greenery",
        )  # fmt: skip
        record = app.complaints.take(fields)
        driver.go("today")
        today = driver.screen("today")
        driver.until(lambda: any(r["key"] == record.id for r in today.ids.rows.data), what="it")

        first = today.ids.rows.data[0]
        assert first["key"] == record.id and first["overdue"]
        assert first["due"].startswith("已超时 6小时")
        shoot_both(driver, "complaint-overdue-on-today")

        driver.tap(driver.row(today.ids.rows, record.id))
        driver.until(lambda: app.shell.ids.screens.current == "complaint", what="the complaint")
        screen = driver.screen("complaint")
        assert screen.mode == "detail" and screen.followed.record.id == record.id
        assert screen.record_due()[1]  # shown as overdue
        assert any(text.startswith("已超时") for text in driver.texts(screen.ids.panel))
        shoot_both(driver, "complaint-overdue")
