"""A record the server refuses stays on the tablet and the Sync screen says why."""

from tests.mobile.ui.demo_records import complaint


def test_a_refused_record_is_listed_with_the_server_s_reason_in_both_languages(signed_in):
    driver = signed_in
    # A patrol officer may not file complaints: the server refuses the record.
    record = driver.app.forms.submit(None, "complaint", complaint())
    driver.go("sync")
    sync = driver.screen("sync")

    driver.tap(sync.ids.sync_now)

    driver.until(lambda: sync.refused_count == 1, what="the refusal listed")
    assert driver.app.store.records.get(record.id).sync_state == "rejected"
    (row,) = sync.ids.refused.data
    assert row["title"] == "投诉"
    assert "您的岗位不能提交此类记录" in row["detail"]
    driver.screenshot("sync-refused-zh")
    driver.app.set_language("en")
    driver.frames()
    assert "Your role may not submit this kind" in sync.ids.refused.data[0]["detail"]
    driver.screenshot("sync-refused-en")
    driver.app.set_language("zh_CN")
    driver.app.store.records.discard(record.id)  # leaves the tablet as the next test expects
