"""A round saved offline waits in the sync bar; sign-out is refused with the reason
while it waits; "sync now" sends it to the real server once it is back; then
signing out is allowed."""

from tests.mobile.ui.demo_records import night_round


def test_a_round_saved_offline_waits_and_sign_out_says_why_it_is_refused(signed_in, demo_server):
    driver = signed_in
    demo_server.stop()

    record = driver.app.forms.submit(None, "patrol_round", night_round())

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
