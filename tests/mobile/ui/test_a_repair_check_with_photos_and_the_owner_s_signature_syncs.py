"""A technician's repair check by taps, in the real window against the real server:
the work order opened from Today, arrival, diagnosis, a photo before and one after
(through the desktop's file chooser), materials, "resolved", the owner signs with a
finger and gives five stars. The server then holds that record and its three photos
byte for byte (the signature included), and the closed repair raised a visit task."""

import json

import pytest

from tests.mobile.ui.photo_steps import add_photo, cross_of
from tests.mobile.ui.repair_steps import (
    ORDER,
    draw,
    picture,
    reveal,
    technician,  # noqa: F401 - a fixture
)


@pytest.mark.usefixtures("technician")
def test_a_repair_check_with_photos_signature_and_rating_reaches_the_server(
    driver, demo_server, tmp_path
):
    driver.go("today")
    today = driver.screen("today")
    driver.until(lambda: any(r["key"] == ORDER for r in today.ids.rows.data), what="the order")
    driver.tap(driver.row(today.ids.rows, ORDER))
    driver.until(lambda: driver.app.shell.ids.screens.current == "repair", what="repair")
    repair = driver.screen("repair")
    assert repair.has_order and repair.title == "卫生间地漏反水，业主来电报修"
    assert "3栋1单元502" in repair.detail

    driver.tap(repair.ids.arrive)
    repair.ids.diagnosis.text = "地漏存水弯被毛发堵塞，反水"
    add_photo(driver, repair.ids.before, picture(tmp_path, "before", (90, 70, 50)))
    add_photo(driver, repair.ids.after, picture(tmp_path, "blurred", (60, 60, 60)))
    add_photo(driver, repair.ids.after, picture(tmp_path, "after", (50, 90, 70)))
    blurred = repair.photos_after[0]
    driver.tap(cross_of(repair.ids.after, blurred))  # removed before saving
    assert len(repair.photos_after) == 1 and blurred not in repair.photos_after
    repair.ids.materials.text = "地漏芯 1 个\n生料带 0.5 卷"
    driver.tap(reveal(driver, driver.button(repair.ids.form, "已修复")))
    driver.tap(repair.ids.save)
    assert "业主签字" in driver.app.say(repair.message)  # a home needs the owner's sign-off

    pad = repair.ids.pad
    draw(driver, pad, [(0.1, 0.6), (0.2, 0.3), (0.3, 0.7), (0.45, 0.35), (0.6, 0.65)])
    draw(driver, pad, [(0.65, 0.4), (0.9, 0.45)], touch_id=8)
    assert len(pad.strokes) == 2
    stars = list(reversed(repair.ids.stars.children))
    driver.tap(stars[4])
    assert repair.rating == 5
    fields = driver.app.repair.fields
    assert fields["signature"] and fields["rating"] == 5
    repair.ids.form.parent.scroll_y = 1  # the top of the form, for the screenshots
    driver.screenshot("repair-zh")
    driver.app.set_language("en")
    driver.frames()
    driver.screenshot("repair-en")
    driver.app.set_language("zh_CN")
    driver.frames()

    driver.tap(repair.ids.save)
    assert not repair.has_order, driver.app.say(repair.message)
    assert ORDER not in [row["key"] for row in repair.ids.orders.data]
    (record,) = [r for r in driver.app.store.records.find(kind="repair_check")
                 if r.payload["work_order_id"] == ORDER]  # fmt: skip
    payload = record.payload
    assert payload["technician_id"] == "weixiu1" and payload["rating"] == 5
    assert payload["materials"][1] == {"name": "生料带", "quantity": 0.5, "unit": "卷"}
    driver.until(lambda: driver.app.sync_view.pending_records == 0, what="the check sent")
    driver.until(lambda: demo_server.records([record.id]).get(record.id, {}).get("complete"),
                 what="its photos on the server")  # fmt: skip

    held = demo_server.records([record.id])[record.id]
    assert held["payload"] == payload
    signature = payload["owner_confirmation"]["signature_sha256"]
    photos = [*payload["photos_before"], *payload["photos_after"], signature]
    assert len(set(photos)) == 3 and sorted(held["photos"]) == sorted(photos)
    for sha in photos:
        assert demo_server.photo(sha) == driver.app.store.photos.open_bytes(sha)
    assert demo_server.item("work_order", ORDER)["status"] == "done"
    rows = demo_server._query("SELECT data FROM reference_items WHERE kind = 'visit_task'")
    tasks = [json.loads(r["data"]) if isinstance(r["data"], str) else r["data"] for r in rows]
    assert [t["room_id"] for t in tasks if t.get("source_id") == ORDER] == ["hxy-3-1-502"]
