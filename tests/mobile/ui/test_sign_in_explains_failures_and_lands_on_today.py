"""Sign in through the screen: a wrong password is explained in Chinese or English, then
the patrol officer lands on today's work with the demo estate's routes."""

from server.services.demo import DEMO_PASSWORD


def _sign_in(driver, account, password):
    screen = driver.screen("sign_in")
    screen.ids.account.text = account
    screen.ids.password.text = password
    driver.tap(screen.ids.sign_in)
    driver.until(lambda: not screen.busy, what="the sign-in answer")


def test_the_sign_in_screen_explains_a_wrong_password_in_both_languages(signed_out, demo_server):
    driver = signed_out
    screen = driver.screen("sign_in")
    assert driver.app.shell.ids.screens.current == "sign_in"
    assert screen.ids.server.text == demo_server.url
    driver.screenshot("sign_in-zh")

    _sign_in(driver, "xunluo1", "not the password")

    assert screen.ids.error.text == "账号或密码错误。"
    driver.screenshot("sign_in-error-zh")
    driver.app.set_language("en")
    driver.frames()
    assert screen.ids.error.text == "Wrong account or password."
    assert "Sign in" in driver.texts(screen)
    account = screen.ids.account
    (hint,) = account.canvas.after.get_group("hint-text-rectangle")
    assert account._hint_text_label.text == "Account"
    assert hint.texture is account._hint_text_label.texture  # drawn in English too
    driver.screenshot("sign_in-error-en")
    driver.app.set_language("zh_CN")


def test_signing_in_opens_today_s_work_with_the_demo_routes(driver):
    _sign_in(driver, "xunluo1", DEMO_PASSWORD)

    driver.until(lambda: driver.app.shell.ids.screens.current == "today", what="today")
    today = driver.screen("today")
    driver.until(lambda: len(today.ids.rows.data) >= 2, what="the routes pulled")
    titles = [row["title"] for row in today.ids.rows.data]
    # (the night route is off the list once a test has walked it this shift day)
    assert {"日间巡查路线", "消防设施巡检"} <= set(titles)
    assert driver.app.session.current.username == "xunluo1"
    driver.screenshot("today-zh")
    driver.app.set_language("en")
    driver.frames()
    assert any("Day patrol" in row["detail"] for row in today.ids.rows.data)
    driver.screenshot("today-en")
    driver.app.set_language("zh_CN")
