"""Signing out ends the session on the server: the old cookie, replayed, gets the
sign-in page."""

from __future__ import annotations

import requests

from tests.server.dashboard.world import csrf_of


def test_the_cookie_of_a_signed_out_session_is_sent_to_sign_in(world):
    web = world.sign_in("boss")
    cookie = web.cookies.get("dashboard_session")
    token = csrf_of(web.get(world.url + "/logs", timeout=30).text)

    out = web.post(world.url + "/logout", data={"csrf_token": token}, allow_redirects=False,
                   timeout=30)  # fmt: skip
    replay = requests.get(
        world.url + "/logs", cookies={"dashboard_session": cookie}, allow_redirects=False,
        timeout=30,
    )  # fmt: skip
    photo = requests.get(
        world.url + f"/photos/{world.photos['hxy_1']}", cookies={"dashboard_session": cookie},
        allow_redirects=False, timeout=30,
    )  # fmt: skip

    assert out.status_code == 302
    assert replay.status_code == 302
    assert replay.headers["location"].startswith("/dashboard/login")
    assert photo.status_code == 302
