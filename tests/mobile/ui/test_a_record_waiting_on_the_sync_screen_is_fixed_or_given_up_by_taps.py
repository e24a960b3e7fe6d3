"""A record that waits for a person is opened from the Sync screen's list by a tap: one
set aside for a missing photo goes up with a new photo chosen in its place; one the
server refused is given up, but only when asked twice. Against the real server."""

import hashlib

from tests.mobile.ui.demo_records import complaint, night_round
from tests.mobile.ui.photo_steps import add_photo
from tests.mobile.ui.repair_steps import picture


def _open_from_the_sync_screen(driver, record_id):
    driver.go("sync")
    sync = driver.screen("sync")
    driver.tap(sync.ids.sync_now)
    driver.until(lambda: record_id in [row["key"] for row in sync.ids.refused.data],
                 what="the record listed as waiting")  # fmt: skip
    driver.tap(driver.row(sync.ids.refused, record_id))
    driver.until(lambda: driver.app.shell.ids.screens.current == "refused", what="its screen")
    return driver.screen("refused")


def _screenshots(driver, name):
    driver.screenshot(f"{name}-zh")
    driver.app.set_language("en")
    driver.frames()
    driver.screenshot(f"{name}-en")
    driver.app.set_language("zh_CN")
    driver.frames()


def test_a_round_set_aside_for_a_missing_photo_goes_up_with_a_new_one(
    signed_in, demo_server, tmp_path
):
    driver = signed_in
    app = driver.app
    lost = app.store.photos.add(picture(tmp_path, "gate", (90, 120, 90)).read_bytes()).sha256
    fields = night_round()
    fields["checkpoints"][0]["photos"] = [lost]
    record = app.forms.submit(None, "patrol_round", fields, [lost])
    app.store.photos.path_for(lost).unlink()  # gone from the tablet before it was sent

    screen = _open_from_the_sync_screen(driver, record.id)

    assert screen.bad_photos == 1
    assert "这条记录的照片在本机找不到了" in screen.reason
    _screenshots(driver, "refused-photo")
    new_picture = picture(tmp_path, "gate-again", (200, 90, 60))
    add_photo(driver, screen.ids.replacement, new_picture)
    driver.until(lambda: app.shell.ids.screens.current == "sync", what="back on Sync")
    driver.until(lambda: app.sync_view.pending_records == 0, what="the round sent")

    (new,) = app.store.records.get(record.id).photos
    assert new != lost
    held = demo_server.records([record.id])[record.id]
    assert held["photos"] == [new]
    assert hashlib.sha256(app.store.photos.path_for(new).read_bytes()).hexdigest() == new


def test_a_refused_record_is_given_up_only_when_asked_twice(signed_in):
    driver = signed_in
    app = driver.app
    # A patrol officer may not file complaints: the server refuses the record.
    record = app.forms.submit(None, "complaint", complaint())
    screen = _open_from_the_sync_screen(driver, record.id)
    assert screen.bad_photos == 0
    assert "您的岗位不能提交此类记录" in screen.reason

    driver.tap(screen.ids.discard)
    assert screen.confirming
    _screenshots(driver, "refused-discard")
    driver.tap(screen.ids.keep)
    assert not screen.confirming
    assert app.store.records.get(record.id).sync_state == "rejected"  # kept

    driver.tap(screen.ids.discard)
    driver.tap(screen.ids.discard)
    driver.until(lambda: app.shell.ids.screens.current == "sync", what="back on Sync")
    assert app.store.records.find(state="rejected") == []
    driver.until(lambda: driver.screen("sync").refused_count == 0, what="the list empty")
