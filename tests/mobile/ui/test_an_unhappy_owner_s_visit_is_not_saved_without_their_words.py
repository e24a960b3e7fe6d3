"""A visit started by hand from a unit's file: the owner is dissatisfied and nothing is
written of why, so saving is refused with the reason under the feedback field, and
nothing is lost; with the owner's words it saves."""

import pytest

from mobile.services.return_visit import DRAFT_KEY
from mobile.widgets.field import Field
from tests.mobile.ui.accounts import sign_in_as, sign_in_kept

ROOM, OWNER = "hxy-3-2-1101", "hxy-o-YZ0141"  # 3栋2单元1101, 刘志子 (demo data)


@pytest.fixture(autouse=True)
def _the_account_signed_in_before_comes_back(driver, demo_server):
    with sign_in_kept(driver, demo_server):
        yield


def test_a_dissatisfied_owner_s_visit_needs_their_words_before_it_saves(driver, demo_server):
    sign_in_as(driver, demo_server, "kefu1", lambda s: s.reference.get("owner", OWNER))
    app = driver.app
    visit = driver.screen("return_visit")
    assert visit.open_room(ROOM, OWNER)
    app.show("return_visit")
    driver.until(lambda: app.shell.ids.screens.current == "return_visit", what="the form")

    driver.tap(driver.button(visit.ids.form, "不满意"))
    driver.tap(driver.button(visit.ids.form, "保存回访"))

    texts = driver.texts(visit.ids.form)
    assert "业主不满意时须记录其意见。" in texts and "表单有误，请按提示修改后再保存。" in texts
    assert app.shell.ids.screens.current == "return_visit"
    assert app.store.drafts.load(DRAFT_KEY).fields["satisfaction"] == "dissatisfied"
    driver.screenshot("return_visit-refused-zh")

    feedback = next(w for w in visit.ids.form.walk(restrict=True) if isinstance(w, Field))
    feedback.text = "电梯经常停运，希望尽快解决"
    driver.tap(driver.button(visit.ids.form, "保存回访"))

    driver.until(lambda: app.shell.ids.screens.current == "today", what="saved")
    (record,) = [r for r in app.store.records.find(kind="return_visit")
                 if r.payload["room_id"] == ROOM]  # fmt: skip
    assert record.payload["task_id"] is None
    assert record.payload["feedback"] == "电梯经常停运，希望尽快解决"
