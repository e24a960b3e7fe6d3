"""Every form posts the session's CSRF token; a post without it, or with another
session's, changes nothing."""

from __future__ import annotations

import requests

from tests.server.dashboard.world import PASSWORD, csrf_of


def test_approving_without_the_token_is_refused_and_records_nothing(world):
    web = world.sign_in("boss")
    record = world.records["hxy_round_0"]

    answer = web.post(world.url + f"/records/{record}/approve", data={}, timeout=30)
    page = web.get(world.url + f"/records/{record}", timeout=30)

    assert answer.status_code == 403
    assert 'data-code="csrf_failed"' in answer.text
    assert 'data-verdict="approved"' not in page.text


def test_another_session_s_token_does_not_do(world):
    web, other = world.sign_in("boss"), world.sign_in("boss")
    record = world.records["hxy_round_1"]
    token = csrf_of(other.get(world.url + f"/records/{record}", timeout=30).text)

    answer = web.post(
        world.url + f"/records/{record}/send-back",
        data={"csrf_token": token, "comment": "补拍照片"},
        timeout=30,
    )

    assert answer.status_code == 403


def test_signing_in_without_the_form_s_token_fails(world):
    web = requests.Session()

    answer = web.post(
        world.url + "/login", data={"username": "boss", "password": PASSWORD}, timeout=30
    )

    assert answer.status_code == 403
    assert "dashboard_session" not in web.cookies


def test_signing_out_without_the_token_keeps_the_session(world):
    web = world.sign_in("boss")

    answer = web.post(world.url + "/logout", data={}, timeout=30)

    assert answer.status_code == 403
    assert web.get(world.url + "/logs", allow_redirects=False, timeout=30).status_code == 200
