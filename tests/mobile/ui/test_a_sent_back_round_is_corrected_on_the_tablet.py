"""A round the supervisor sends back from the dashboard shows first on Today after the
next sync; a tap opens the correction screen with the comment and the round's notes
prefilled; saving sends the corrected revision, and the server marks the send-back
answered."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import requests

from server.services.demo import DEMO_PASSWORD


def _round_fields() -> dict:
    start = datetime.now(UTC) - timedelta(hours=2)
    return {
        "route_id": "hxy-route-night",
        "started_at": start.isoformat(),
        "ended_at": (start + timedelta(minutes=40)).isoformat(),
        "checkpoints": [
            {
                "checkpoint_id": "hxy-cp-03",
                "arrived_at": (start + timedelta(minutes=10)).isoformat(),
                "presence": {"method": "typed", "code": "HXY-03"},
                "results": [],
                "abnormal": True,
                "note": "有积水",
            }
        ],
    }


def _send_back(server_url: str, record_id: str, comment: str) -> None:
    web = requests.Session()
    csrf = re.compile(r'name="csrf_token" value="([^"]+)"')
    form = web.get(server_url + "/dashboard/login", timeout=30).text
    signed = web.post(
        server_url + "/dashboard/login",
        data={"username": "zhuguan", "password": DEMO_PASSWORD,
              "csrf_token": csrf.search(form).group(1)},
        allow_redirects=False, timeout=30,
    )  # fmt: skip
    assert signed.status_code == 302, signed.text
    page = web.get(server_url + f"/dashboard/records/{record_id}", timeout=30).text
    sent = web.post(
        server_url + f"/dashboard/records/{record_id}/send-back",
        data={"csrf_token": csrf.search(page).group(1), "comment": comment},
        allow_redirects=False, timeout=30,
    )  # fmt: skip
    assert sent.status_code == 302, sent.text


def test_a_sent_back_round_is_corrected_from_today_and_reaches_the_server(signed_in, demo_server):
    driver = signed_in
    app = driver.app
    record = app.forms.submit(None, "patrol_round", _round_fields())
    driver.until(lambda: app.sync_view.pending_records == 0, what="the round sent")
    _send_back(demo_server.url, record.id, "请写明积水的位置和深度")

    driver.go("today")
    today = driver.screen("today")
    app.runner.sync_now()
    driver.until(lambda: any(r["kind"] == "send_back" for r in today.ids.rows.data),
                 what="the send-back on Today")  # fmt: skip
    row = today.ids.rows.data[0]
    assert (row["kind"], row["title"]) == ("send_back", "请写明积水的位置和深度")
    driver.screenshot("today-send-back-zh")

    driver.tap(driver.row(today.ids.rows, row["key"]))
    screen = driver.screen("send_back")
    driver.until(lambda: app.shell.ids.screens.current == "send_back", what="the screen")
    (note,) = screen._inputs.values()
    assert note.text == "有积水"
    assert any("请写明积水的位置和深度" in text for text in driver.texts(screen))
    note.text = "3号泵房东北角积水约 2 厘米"
    driver.screenshot("send-back-zh")
    app.set_language("en")
    driver.frames()
    assert any("Supervisor's comment: " in text for text in driver.texts(screen))
    assert any(text == "Checkpoint 1 · Note" for text in driver.texts(screen))
    (note,) = screen._inputs.values()  # the form built again in English, keeping the text
    assert note.text == "3号泵房东北角积水约 2 厘米"
    driver.screenshot("send-back-en")
    app.set_language("zh_CN")
    driver.tap(driver.button(screen, "保存修改"))

    driver.until(lambda: app.shell.ids.screens.current == "today", what="back on Today")
    assert all(r["kind"] != "send_back" for r in today.ids.rows.data)
    driver.until(lambda: app.sync_view.pending_records == 0, what="the correction sent")
    stored = demo_server.records([record.id])[record.id]
    assert stored["revision"] == 2
    assert stored["payload"]["checkpoints"][0]["note"] == "3号泵房东北角积水约 2 厘米"
    app.runner.sync_now()
    driver.until(lambda: app.send_backs.get(row["key"]).answered_revision == 2, what="answered")
