"""A round saved offline waits in the sync bar; sign-out is refused with the reason
while it waits; "sync now" sends it to the real server once it is back; then
signing out is allowed."""

from datetime import UTC, datetime, timedelta

import pytest

from server.services.demo import DEMO_PASSWORD


def _night_round() -> dict:
    """The fields a patrol screen fills (its author and estate come from the sign-in)."""
    end = datetime.now(UTC)
    start = end - timedelta(minutes=40)
    visited = {
        "checkpoint_id": "HXY-01",
        "arrived_at": (start + timedelta(minutes=5)).isoformat(),
        "presence": {"method": "typed", "code": "HXY-01"},
        "results": [
            {"item_id": "1", "label": "门岗值守到岗", "kind": "check", "outcome": "normal"}
        ],  # fmt: skip
        "abnormal": False,
        "note": "",
        "photos": [],
    }
    skipped = [
        {"checkpoint_id": cid, "skipped": True, "skip_reason": "演示：未巡查"}
        for cid in ("HXY-14", "HXY-03", "HXY-05", "HXY-06", "HXY-11", "HXY-15", "HXY-02")
    ]
    return {
        "route_id": "night",
        "started_at": start.isoformat(),
        "ended_at": end.isoformat(),
        "checkpoints": [visited, *skipped],
    }


@pytest.fixture
def signed_in(driver, demo_server):
    if driver.app.session.needs_sign_in:
        driver.app.session.sign_in(demo_server.url, "xunluo1", DEMO_PASSWORD)
        driver.until(lambda: driver.app.signed_in is not None, what="signed in")
        driver.app.show("today")
    return driver


def test_a_round_saved_offline_waits_and_sign_out_says_why_it_is_refused(signed_in, demo_server):
    driver = signed_in
    demo_server.stop()

    record = driver.app.forms.submit(None, "patrol_round", _night_round())

    driver.until(lambda: driver.app.sync_view.pending_records == 1, what="the count to move")
    assert record.payload["staff_id"] == "xunluo1" and record.payload["estate_id"] == "hxy"
    summary = driver.texts(driver.app.shell)
    assert any("1 条记录、0 张照片待上传" in text for text in summary)
    driver.go("settings")
    settings = driver.screen("settings")
    driver.tap(settings.ids.sign_out)
    assert driver.app.session.current is not None
    assert any("1 条记录未上传" in text for text in driver.texts(settings))
    driver.until(lambda: settings.storage_bytes > 0, what="the storage measured")
    driver.screenshot("settings-zh")
    driver.app.set_language("en")
    driver.frames()
    assert any("1 record(s) still wait" in text for text in driver.texts(settings))
    assert any("1 records, 0 photos waiting" in text for text in driver.texts(driver.app.shell))
    driver.screenshot("settings-en")
    driver.app.set_language("zh_CN")


def test_sync_now_sends_the_round_once_the_server_is_back_then_sign_out_works(
    signed_in, demo_server
):
    driver = signed_in
    waiting = driver.app.store.records.pending_ids()
    demo_server.start()
    driver.go("sync")
    sync = driver.screen("sync")

    driver.tap(sync.ids.sync_now)

    driver.until(lambda: driver.app.sync_view.pending_records == 0, what="the round sent")
    assert set(demo_server.records(waiting)) == set(waiting)
    assert driver.app.sync_view.last_success_at is not None
    assert any("全部已上传" in text for text in driver.texts(driver.app.shell))
    driver.screenshot("sync-zh")
    driver.app.set_language("en")
    driver.frames()
    assert "Sync now" in driver.texts(sync)
    driver.screenshot("sync-en")
    driver.app.set_language("zh_CN")
    driver.go("settings")
    driver.tap(driver.screen("settings").ids.sign_out)
    driver.until(lambda: driver.app.shell.ids.screens.current == "sign_in", what="signed out")
    assert driver.app.session.current is None
