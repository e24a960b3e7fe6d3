"""The real app in a process of its own, driven through one part of a night round, so a
test can SIGKILL it mid-round and start it again on the same data folder.

    python tests/mobile/ui/app_in_a_child.py start  DATA SERVER_URL PICTURES
    python tests/mobile/ui/app_in_a_child.py resume DATA SERVER_URL PICTURES

Each milestone is one line on stdout, ``EVENT {json}``, which the test waits for.
``start`` signs in, opens the night route from Today, proves presence at the gate by
scanning its label (a photo of it, chosen in the file chooser), answers it with "all
normal", then at the pump room types a reading out of range, attaches a photo and a
note; it reports ``mid-round`` and keeps running until it is killed. ``resume`` opens
the app again, reports what the Patrol screen shows, walks the rest (the west wall
skipped with a reason), saves the round, waits for the sync and reports ``synced``.
Screenshots go to var/screenshots like every UI test's.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from mobile.tour.driver import Driver  # noqa: E402
from mobile.tour.driver import start as start_driven  # noqa: E402
from tests.mobile.ui.conftest import SCREENSHOTS  # noqa: E402 - sets up Kivy's environment first
from tests.mobile.ui.photo_steps import choose_picture  # noqa: E402

NIGHT = "hxy-route-night"
SKIPPED = "HXY-15"
SKIP_REASON = "西侧围墙外施工封闭，无法进入"
NOTE = "水位过低，水泵空转"


def report(event: str, **data) -> None:
    print("EVENT " + json.dumps({"event": event, **data}, ensure_ascii=False), flush=True)


def open_app(data: str, server_url: str) -> Driver:
    from mobile.app import EstateApp

    return start_driven(EstateApp(data_dir=data, server_url=server_url), SCREENSHOTS)


def fields(driver, root):
    from mobile.widgets.field import Field

    return [w for w in root.walk(restrict=True) if isinstance(w, Field)]


def stop_of(driver, code: str):
    patrol = driver.screen("patrol")
    return next(s for s in patrol.patrol.stops() if s.checkpoint.code == code)


def start(driver: Driver, server_url: str, pictures: Path) -> None:
    from server.services.demo import DEMO_PASSWORD

    app = driver.app
    app.session.sign_in(server_url, "xunluo1", DEMO_PASSWORD)
    driver.until(lambda: app.signed_in is not None, what="signed in")
    app.show("today")
    driver.frames(10)
    today = driver.screen("today")
    driver.until(lambda: any(r["key"] == NIGHT for r in today.ids.rows.data), what="routes")
    driver.tap(driver.row(today.ids.rows, NIGHT))
    patrol = driver.screen("patrol")
    driver.until(lambda: app.shell.ids.screens.current == "patrol", what="patrol")

    # The gate: nothing selected; the scan of its label selects it and marks it present.
    driver.tap(driver.button(patrol.ids.panel, "扫描标签"))
    choose_picture(driver, patrol, pictures / "label-HXY-01.png")
    driver.until(lambda: stop_of(driver, "HXY-01").state == "visited", what="the gate scanned")
    taps = driver.taps
    driver.tap(driver.button(patrol.ids.panel, "全部正常，下一个"))
    gate_taps = driver.taps - taps

    # The pump room, out of order: its label scanned, a reading out of range, a photo.
    pump = stop_of(driver, "HXY-03").checkpoint.id
    driver.tap(driver.row(patrol.ids.stops, pump))
    driver.tap(driver.button(patrol.ids.panel, "扫描标签"))
    choose_picture(driver, patrol, pictures / "label-HXY-03.png")
    driver.until(lambda: stop_of(driver, "HXY-03").state == "visited", what="the pump scanned")
    level, pressure, note = fields(driver, patrol.ids.panel)
    level.text, pressure.text = "0.4", "0.3"
    note.text = NOTE
    driver.frames()
    assert level.error and not pressure.error
    driver.tap(driver.button(patrol.ids.panel, "添加照片"))
    (strip,) = [w for w in patrol.ids.panel.walk(restrict=True) if type(w).__name__ == "PhotoStrip"]
    choose_picture(driver, strip, pictures / "pump-room.jpg")
    driver.until(lambda: stop_of(driver, "HXY-03").visit["photos"], what="the photo kept")
    visit = stop_of(driver, "HXY-03").visit
    report(
        "mid-round",
        gate=stop_of(driver, "HXY-01").visit,
        gate_taps=gate_taps,
        pump=visit,
        photo=visit["photos"][0],
        photo_path=str(app.store.photos.path_for(visit["photos"][0])),
    )
    while True:  # the app goes on running until the test kills it
        driver.frames(10)


def resume(driver: Driver) -> None:
    app = driver.app
    opened_on = app.shell.ids.screens.current
    driver.go("patrol")
    patrol = driver.screen("patrol")
    pump = stop_of(driver, "HXY-03")
    driver.tap(driver.row(patrol.ids.stops, pump.checkpoint.id))
    level, pressure, note = fields(driver, patrol.ids.panel)
    (strip,) = [w for w in patrol.ids.panel.walk(restrict=True) if type(w).__name__ == "PhotoStrip"]
    report(
        "resumed",
        opened_on=opened_on,
        in_round=patrol.in_round,
        states={s.checkpoint.code: s.state for s in patrol.patrol.stops()},
        shown={"level": level.text, "level_error": level.error, "pressure": pressure.text,
               "note": note.text, "photos": list(strip.photos),
               "thumbs": [w.source for w in strip.ids.thumbs.children]},
    )  # fmt: skip
    patrol.ids.panel_scroll.scroll_y = 0  # down to the note and the photos
    driver.screenshot("patrol-photos-zh")
    app.set_language("en")
    driver.frames()
    driver.screenshot("patrol-photos-en")
    app.set_language("zh_CN")
    driver.frames()

    driver.tap(driver.button(patrol.ids.panel, "全部正常，下一个"))
    taps_after_presence = {}
    for stop in patrol.patrol.stops():
        code = stop.checkpoint.code
        if stop.state != "pending" or code == SKIPPED:
            continue
        driver.tap(driver.row(patrol.ids.stops, stop.checkpoint.id))
        (typed,) = fields(driver, patrol.ids.panel)
        typed.text = code.lower()  # the typed fallback
        driver.tap(driver.button(patrol.ids.panel, "确认到达"))
        driver.until(lambda c=code: stop_of(driver, c).state == "visited", what=code)
        taps = driver.taps
        for reading in fields(driver, patrol.ids.panel)[:-1]:  # the last is the note
            reading.text = "20"  # the switch room's temperature, within 5–35 °C
        driver.tap(driver.button(patrol.ids.panel, "全部正常，下一个"))
        taps_after_presence[code] = driver.taps - taps

    driver.tap(driver.button(patrol.ids.panel, "结束巡查"))
    (reason,) = fields(driver, patrol.ids.panel)
    reason.text = SKIP_REASON
    driver.screenshot("patrol-end-zh")
    app.set_language("en")
    driver.frames()
    driver.screenshot("patrol-end-en")
    app.set_language("zh_CN")
    driver.frames()
    driver.tap(driver.button(patrol.ids.panel, "结束巡查"))
    driver.until(lambda: not patrol.in_round, what="the round saved")
    (record,) = app.store.records.find(kind="patrol_round")
    driver.until(
        lambda: app.sync_view.pending_records == 0 and app.sync_view.pending_photos == 0,
        timeout=120,
        what="the round and its photo sent",
    )
    report("synced", record=record.id, payload=record.payload,
           taps_after_presence=taps_after_presence)  # fmt: skip
    app.stop()


def main() -> None:
    step, data, server_url, pictures = sys.argv[1:5]
    try:
        driver = open_app(data, server_url)
        if step == "start":
            start(driver, server_url, Path(pictures))
        else:
            resume(driver)
    except BaseException:
        # Kivy's logger takes over sys.stderr (and logs nothing to the console in tests)
        traceback.print_exc(file=sys.__stderr__)
        sys.__stderr__.flush()
        os._exit(1)


if __name__ == "__main__":
    main()
