"""The real app in a process of its own, for the test that kills it (SIGKILL).

python tests/mobile/ui/repair_app_process.py fill DATA_DIR SERVER_URL PICTURES_DIR
    signs in as the demo technician, opens a work order from Today and fills its
    repair form by taps and touches (photos, signature, rating), prints
    ``READY <the form's fields as JSON>`` and keeps running until it is killed;
python tests/mobile/ui/repair_app_process.py reopen DATA_DIR SERVER_URL
    starts the app on the same data, prints ``STATE <what the screen shows>`` and
    saves the screenshot ``repair-reopened-zh``.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from tests.mobile.ui import conftest  # noqa: E402 - sets up the window's environment first
from tests.mobile.ui.photo_steps import add_photo  # noqa: E402
from tests.mobile.ui.repair_steps import draw, reveal  # noqa: E402

ORDER = "hxy-demo-wo-03"  # weixiu1's: the front door's lock, room 5-1-302
SIGNATURE = [[(0.1, 0.5), (0.25, 0.2), (0.4, 0.7), (0.6, 0.3)], [(0.7, 0.6), (0.9, 0.55)]]


def fill(driver, server_url: str, pictures: Path) -> None:
    from server.services.demo import DEMO_PASSWORD

    app = driver.app
    app.session.sign_in(server_url, "weixiu1", DEMO_PASSWORD)
    driver.until(lambda: app.signed_in is not None, what="signed in")
    driver.until(lambda: ORDER in [o.id for o in app.repair.orders()], what="pulled")
    app.show("today")
    driver.frames(10)
    today = driver.screen("today")
    driver.until(lambda: any(r["key"] == ORDER for r in today.ids.rows.data), what="listed")
    driver.tap(driver.row(today.ids.rows, ORDER))
    repair = driver.screen("repair")
    driver.until(lambda: repair.has_order, what="the form")
    driver.tap(repair.ids.arrive)
    repair.ids.diagnosis.text = "锁芯锈蚀，需更换"
    add_photo(driver, repair.ids.before, pictures / "lock.jpg")
    add_photo(driver, repair.ids.after, pictures / "new-lock.jpg")
    driver.tap(reveal(driver, driver.button(repair.ids.form, "已修复")))
    for stroke in SIGNATURE:
        draw(driver, repair.ids.pad, stroke)
    driver.tap(list(reversed(repair.ids.stars.children))[3])
    driver.until(lambda: app.repair.fields.get("rating") == 4, what="the rating kept")
    print("READY " + json.dumps(app.repair.fields, ensure_ascii=False), flush=True)
    while True:  # until killed
        driver.frames(1)
        time.sleep(0.05)


def reopen(driver) -> None:
    app = driver.app
    driver.frames(20)
    repair = driver.screen("repair")
    state = {
        "screen": app.shell.ids.screens.current,
        "fields": app.repair.fields,
        "shown": {
            "has_order": repair.has_order,
            "photos_before": list(repair.photos_before),
            "photos_after": list(repair.photos_after),
            "thumbnails": sorted(
                w.sha256 for w in repair.walk(restrict=True) if type(w).__name__ == "PhotoThumb"
            ),
            "diagnosis": repair.ids.diagnosis.text,
            "result": repair.result,
            "rating": repair.rating,
            "signature": [list(stroke) for stroke in repair.ids.pad.strokes],
        },
    }
    repair.ids.form.parent.scroll_y = 1
    driver.screenshot("repair-reopened-zh")
    print("STATE " + json.dumps(state, ensure_ascii=False), flush=True)


def main() -> None:
    from mobile.app import EstateApp
    from mobile.tour.driver import start

    mode, data_dir, server_url = sys.argv[1:4]
    app = EstateApp(data_dir=data_dir, server_url=server_url)
    driver = start(app, conftest.SCREENSHOTS)
    if mode == "fill":
        fill(driver, server_url, Path(sys.argv[4]))
    else:
        reopen(driver)
    app.stop()


if __name__ == "__main__":
    main()
