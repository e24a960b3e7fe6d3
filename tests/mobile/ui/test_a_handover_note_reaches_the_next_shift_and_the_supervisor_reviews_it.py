"""A patrol officer writes the shift handover note (交接班记录) by taps and typing, and
it syncs to the real server; the officer taking over signs in on the tablet and finds it
addressed to them; the supervisor signs in, sees it among the synced logs, filters by
kind, staff, date, abnormal and overdue, and opens it. Screenshots in zh and en."""

import hashlib
import io
import uuid

import requests
from PIL import Image

from server.services.demo import DEMO_PASSWORD
from sync import protocol
from tests.mobile.ui.demo_records import night_round


def _sign_in(driver, demo_server, username: str) -> None:
    driver.app.session.sign_in(demo_server.url, username, DEMO_PASSWORD)
    driver.until(
        lambda: driver.app.signed_in is not None and driver.app.signed_in.username == username,
        what=f"{username} signed in",
    )
    driver.app.show("today")
    driver.frames(10)


def _abnormal_round_with_a_photo(server_url: str, token: str) -> tuple[str, str]:
    """xunluo2's round with an abnormal checkpoint and its photo, pushed from another
    tablet (so the supervisor's tablet has to fetch the photo)."""
    picture = io.BytesIO()
    Image.new("RGB", (320, 240), (200, 80, 60)).save(picture, "JPEG")
    photo = picture.getvalue()
    sha = hashlib.sha256(photo).hexdigest()
    payload = night_round() | {"staff_id": "xunluo2", "estate_id": "hxy"}
    visit = payload["checkpoints"][0]
    visit["results"][0]["outcome"] = "abnormal"
    visit.update(abnormal=True, note="门岗无人值守", photos=[sha])
    record = {
        "id": str(uuid.uuid4()),
        "kind": "patrol_round",
        "revision": 1,
        "content_hash": protocol.content_hash(payload),
        "payload": payload,
        "photos": [sha],
        "created_at": payload["started_at"],
        "updated_at": payload["ended_at"],
    }
    headers = {
        protocol.PROTOCOL_HEADER: str(protocol.PROTOCOL_VERSION),
        "Authorization": f"Bearer {token}",
    }
    pushed = requests.post(
        f"{server_url}/api/v1/sync/push", json={"records": [record]}, headers=headers, timeout=60
    )
    assert pushed.json()["results"][0]["outcome"] == "accepted", pushed.text
    uploaded = requests.put(
        f"{server_url}/api/v1/photos/{sha}",
        params={"offset": 0},
        data=photo,
        headers=headers | {protocol.PHOTO_SIZE_HEADER: str(len(photo))},
        timeout=60,
    )
    assert uploaded.status_code == 200, uploaded.text
    return record["id"], sha


def _both_languages(driver, name: str, english_text: str, screen) -> None:
    driver.screenshot(f"{name}-zh")
    driver.app.set_language("en")
    driver.frames()
    assert any(english_text in text for text in driver.texts(screen)), english_text
    driver.screenshot(f"{name}-en")
    driver.app.set_language("zh_CN")
    driver.frames()


def test_a_handover_note_is_written_synced_received_and_reviewed(signed_in, demo_server):
    driver = signed_in
    driver.go("handover")
    handover = driver.screen("handover")
    receiver = next(b for b in handover.ids.receivers.children if b.username == "xunluo2")

    driver.tap(receiver)
    handover.ids.events.text = "夜查正常；02:10 3栋车库一辆车未关窗，已联系车主"
    handover.ids.open_matters.text = "5栋电梯异响已报修，待维修工到场"
    handover.ids.equipment.text = "对讲机 2台\n消防控制室钥匙"
    driver.frames()

    kept = driver.app.store.drafts.load("shift_handover:xunluo1")
    assert kept.fields["to_staff_id"] == "xunluo2"
    assert kept.fields["equipment"] == "对讲机 2台\n消防控制室钥匙"
    _both_languages(driver, "handover-form", "Hand over", handover)

    driver.tap(handover.ids.hand_over)
    assert driver.app.store.drafts.load("shift_handover:xunluo1") is None
    [saved] = driver.app.store.records.find(kind="shift_handover")
    record_id = saved.id
    driver.app.runner.sync_now()
    driver.until(lambda: driver.app.sync_view.pending_records == 0, what="the note sent")
    stored = demo_server.records([record_id])[record_id]
    assert stored["payload"]["to_staff_id"] == "xunluo2"
    assert stored["payload"]["equipment"] == ["对讲机 2台", "消防控制室钥匙"]

    _sign_in(driver, demo_server, "xunluo2")
    driver.go("handover")
    driver.until(lambda: handover.received, what="the note reaches the next shift")
    assert any("5栋电梯异响" in text for text in driver.texts(handover))
    _both_languages(driver, "handover-received", "Handed over to me", handover)
    round_id, sha = _abnormal_round_with_a_photo(demo_server.url, driver.app.session.current.token)

    _sign_in(driver, demo_server, "zhuguan")
    driver.go("supervise")
    review = driver.screen("supervise")
    driver.until(
        lambda: {record_id, round_id} <= {row["key"] for row in review.ids.rows.data},
        what="the supervisor's pull carries the note and the round",
    )
    every = review.count
    while review.kind != "shift_handover":
        driver.tap(review.ids.kind)
    assert [row["key"] for row in review.ids.rows.data] == [record_id]
    while review.staff != "xunluo1":
        driver.tap(review.ids.staff)
    assert [row["key"] for row in review.ids.rows.data] == [record_id]
    review.ids.day.text = "1999-01-01"
    driver.frames()
    assert review.ids.rows.data == []
    review.ids.day.text = ""
    driver.tap(review.ids.abnormal)
    assert review.ids.rows.data == []  # a handover is never abnormal
    driver.tap(review.ids.abnormal)
    driver.tap(review.ids.overdue)
    assert review.ids.rows.data == []
    driver.tap(review.ids.overdue)
    assert review.count == 1 <= every

    driver.tap(driver.row(review.ids.rows, record_id))
    assert review.chosen is not None and review.chosen.id == record_id
    assert any("消防控制室钥匙" in text for text in driver.texts(review.ids.detail))
    _both_languages(driver, "supervise", "Synced logs", review)

    while review.kind != "":
        driver.tap(review.ids.kind)
    while review.staff != "":
        driver.tap(review.ids.staff)
    driver.tap(review.ids.abnormal)
    assert [row["key"] for row in review.ids.rows.data] == [round_id]
    driver.tap(driver.row(review.ids.rows, round_id))
    driver.until(
        lambda: any(getattr(w, "sha256", None) == sha for w in review.ids.detail.walk()),
        what="the round's photo fetched from the server and shown",
    )
    assert any("门岗无人值守" in text for text in driver.texts(review.ids.detail))
    _both_languages(driver, "supervise-photo", "Abnormal only", review)
    driver.tap(review.ids.abnormal)

    _sign_in(driver, demo_server, "xunluo1")  # as the other UI tests expect the app
