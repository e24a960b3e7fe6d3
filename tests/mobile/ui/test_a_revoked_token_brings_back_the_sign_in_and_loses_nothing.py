"""An admin revokes the tablet: the sync that follows the next save brings back the
sign-in screen with the account filled in; the round is kept and goes up after the
new sign-in."""

from server.services.demo import DEMO_PASSWORD
from tests.mobile.ui.demo_records import night_round


def test_a_revoked_token_asks_for_a_sign_in_and_the_round_goes_up_after_it(signed_in, demo_server):
    driver = signed_in
    demo_server.admin("revoke-device", str(driver.app.session.current.device_id))

    record = driver.app.forms.submit(None, "patrol_round", night_round())

    screens = driver.app.shell.ids.screens
    driver.until(lambda: screens.current == "sign_in", what="the sign-in screen")
    sign_in = driver.screen("sign_in")
    assert sign_in.ids.account.text == "xunluo1"
    assert driver.app.store.records.get(record.id).sync_state == "pending"
    assert sign_in.ids.error.text == "登录已失效，请重新登录。未上传的记录不会丢失。"
    driver.screenshot("sign_in-expired-zh")
    sign_in.ids.password.text = DEMO_PASSWORD
    driver.tap(sign_in.ids.sign_in)
    driver.until(lambda: screens.current == "today", what="today after signing in")
    driver.until(lambda: driver.app.sync_view.pending_records == 0, what="the round sent")
    assert record.id in demo_server.records([record.id])
