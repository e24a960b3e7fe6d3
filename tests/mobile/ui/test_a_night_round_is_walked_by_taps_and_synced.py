"""A whole round of the demo night route by taps: a normal checkpoint takes one tap
after the code is confirmed; the pump room's water level is typed out of range, which
says a work order will be opened; a photo of it opens in the viewer (zoom only) and
its cross removes it; the rest are ended with reasons; the round syncs."""

from mobile.widgets.field import Field
from tests.mobile.ui.photo_steps import add_photo, cross_of, thumb_of
from tests.mobile.ui.repair_steps import picture

NIGHT = "hxy-route-night"


def _arrive(driver, patrol, checkpoint_id, code):
    driver.tap(driver.row(patrol.ids.stops, checkpoint_id))
    (code_field,) = [w for w in patrol.ids.panel.walk(restrict=True) if isinstance(w, Field)]
    code_field.text = code
    driver.tap(driver.button(patrol.ids.panel, "确认到达"))


def _strip(patrol):
    (strip,) = [w for w in patrol.ids.panel.walk(restrict=True) if type(w).__name__ == "PhotoStrip"]
    return strip


def _photos(patrol, checkpoint_id):
    (stop,) = [s for s in patrol.patrol.stops() if s.checkpoint.id == checkpoint_id]
    return stop.visit["photos"]


def _photo_opened_then_removed(driver, patrol, checkpoint_id, path):
    add_photo(driver, _strip(patrol), path)
    (sha,) = _photos(patrol, checkpoint_id)
    driver.tap(thumb_of(_strip(patrol), sha))
    driver.until(lambda: patrol.viewer is not None and patrol.viewer.parent, what="the viewer")
    viewer = patrol.viewer
    assert viewer.image.source == str(driver.app.store.photos.path_for(sha))
    assert viewer.mark_button.parent is None and not viewer.marking  # no marks on a round
    assert viewer.done_button.label.text == "完成"
    driver.screenshot("patrol-photo-viewer-zh")
    driver.app.set_language("en")
    driver.frames()
    driver.screenshot("patrol-photo-viewer-en")
    driver.app.set_language("zh_CN")
    driver.tap(viewer.done_button)
    driver.until(lambda: patrol.viewer is None, what="the viewer closed")
    driver.tap(cross_of(_strip(patrol), sha))
    assert _photos(patrol, checkpoint_id) == []
    assert _strip(patrol).photos == []


def test_a_night_round_by_taps_with_one_abnormal_reading_reaches_the_server(
    signed_in, demo_server, tmp_path
):
    driver = signed_in
    driver.go("today")
    today = driver.screen("today")
    driver.until(lambda: any(r["key"] == NIGHT for r in today.ids.rows.data), what="routes")

    driver.tap(driver.row(today.ids.rows, NIGHT))  # a tap opens the work

    patrol = driver.screen("patrol")
    driver.until(lambda: driver.app.shell.ids.screens.current == "patrol", what="patrol")
    assert patrol.in_round and len(patrol.ids.stops.data) == 8
    first = patrol.ids.stops.data[0]["key"]
    _arrive(driver, patrol, first, "HXY-01")
    taps = driver.taps
    driver.tap(driver.button(patrol.ids.panel, "全部正常，下一个"))
    assert driver.taps - taps <= 3  # a normal checkpoint, after the presence proof
    assert patrol.ids.stops.data[0]["detail"] == "已巡查"
    assert patrol.selected == patrol.ids.stops.data[1]["key"]

    pump = patrol.ids.stops.data[2]["key"]  # out of order: the pump room next
    _arrive(driver, patrol, pump, "hxy-03")
    level, pressure = [w for w in patrol.ids.panel.walk(restrict=True) if isinstance(w, Field)][:2]
    level.text = "0.4"
    pressure.text = "0.3"
    driver.frames()
    assert level.error and not pressure.error
    _photo_opened_then_removed(driver, patrol, pump, picture(tmp_path, "pump", (40, 80, 120)))
    driver.tap(driver.button(patrol.ids.panel, "全部正常，下一个"))
    driver.tap(driver.row(patrol.ids.stops, pump))
    assert any("将生成维修工单" in text for text in driver.texts(patrol.ids.panel))
    driver.screenshot("patrol-zh")
    driver.app.set_language("en")
    driver.frames()
    assert any("a work order will be opened" in t for t in driver.texts(patrol.ids.panel))
    driver.screenshot("patrol-en")
    driver.app.set_language("zh_CN")

    driver.tap(driver.button(patrol.ids.panel, "结束巡查"))
    reasons = [w for w in patrol.ids.panel.walk(restrict=True) if isinstance(w, Field)]
    assert len(reasons) == 6
    for field in reasons:
        field.text = "演示：时间不够"
    driver.screenshot("patrol-end-zh")
    driver.tap(driver.button(patrol.ids.panel, "结束巡查"))

    assert not patrol.in_round
    (record,) = [r for r in driver.app.store.records.find(kind="patrol_round")
                 if r.payload["route_id"] == NIGHT]  # fmt: skip
    visits = record.payload["checkpoints"]
    assert [v["checkpoint_id"] for v in visits[:2]] == [first, pump]
    assert visits[1]["abnormal"] and sum(v.get("skipped", False) for v in visits) == 6
    driver.until(lambda: driver.app.sync_view.pending_records == 0, what="the round sent")
    assert record.id in demo_server.records([record.id])
