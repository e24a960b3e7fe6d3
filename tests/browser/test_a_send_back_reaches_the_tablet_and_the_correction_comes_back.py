"""A send-back made in the browser reaches wang's tablet through the real sync engine,
shows first on its Today, is corrected there, and the corrected revision is seen in the
browser, linked to the send-back."""

from __future__ import annotations

from datetime import datetime

from domain.records import PATROL_ROUND
from mobile.services.outbox import StoreOutbox
from mobile.services.send_backs import SendBacks
from mobile.services.session import Estate, SignedIn
from mobile.services.today import TodayService
from mobile.store.store import Store
from sync.engine import SyncEngine
from sync.transport import HttpTransport, TransportSettings
from tests.browser.conftest import screenshot, sign_in
from tests.server.dashboard.world import PASSWORD, patrol_round, visit


class Wang:
    current = SignedIn("", "", 1, "wang", "王秩序", "patrol", (Estate("hxy", "华夏苑"),), "")


def test_a_send_back_reaches_the_tablet_and_its_correction_is_seen_in_the_browser(
    page, world, tmp_path
):
    transport = HttpTransport(TransportSettings(base_url=world.server.url))
    transport.login("wang", PASSWORD, "王的平板")
    with Store.open(tmp_path / "tablet") as store:
        engine = SyncEngine(StoreOutbox(store), transport)
        payload = patrol_round("hxy", "wang", [visit("pump-room", 10, abnormal=True)], "夜巡 B")
        record = store.records.create(PATROL_ROUND, payload)
        engine.run_once()

        sign_in(page, world, "boss")
        page.goto(world.url + f"/records/{record.id}")
        page.fill("textarea[name=comment]", "请写明积水的具体位置")
        page.click("button.danger")
        page.wait_for_selector("[data-code=review_done_sent_back]")
        page.wait_for_selector("tr[data-send-back][data-status=open]")
        screenshot(page, "record-send-back-waiting-zh")

        engine.run_once()  # the send-back comes down with the pull
        today = TodayService(store, Wang()).items(datetime.now().astimezone())
        send_backs = SendBacks(store)
        form = send_backs.form(today[0].key)
        send_backs.correct(today[0].key, {"checkpoints[0].note": "泵房东北角积水约 2 厘米"})
        engine.run_once()  # the correction goes up (a pass pulls first, then pushes)
        engine.run_once()  # the next pass brings the send-back down, answered
        after = TodayService(store, Wang()).items(datetime.now().astimezone())
        answered = send_backs.get(today[0].key)

    page.reload()
    page.wait_for_selector("tr[data-send-back][data-status=answered]")
    screenshot(page, "record-send-back-answered-zh")
    page.click("tr[data-send-back] a[href='#revision-2']")

    assert today[0].kind == "send_back" and today[0].title == "请写明积水的具体位置"
    assert [field.value for field in form.fields] == ["水泵异响，地面有积水"]
    assert [item.kind for item in after if item.kind == "send_back"] == []
    assert answered.answered_revision == 2
    assert "泵房东北角积水约 2 厘米" in page.content()  # the current revision's fields
    assert page.locator("#revision-2 [data-answers]").count() == 1
