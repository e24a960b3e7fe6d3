"""Field roles are refused with a clear message; supervisors and admins get a session
cookie that is HttpOnly and SameSite."""

from __future__ import annotations

import pytest
import requests

from tests.server.dashboard.world import PASSWORD


@pytest.mark.parametrize("username", ["wang", "li", "zhao"])
def test_a_field_account_cannot_sign_in(world, username):
    web = requests.Session()

    answer = world.post_login(web, username, PASSWORD)

    assert answer.status_code == 403
    assert 'data-code="role_refused"' in answer.text
    assert "不能登录管理后台" in answer.text
    assert "dashboard_session" not in web.cookies
    assert web.get(world.url + "/logs", allow_redirects=False, timeout=30).status_code == 302


def test_a_wrong_password_is_refused(world):
    answer = world.post_login(requests.Session(), "boss", "not the password")

    assert answer.status_code == 401
    assert 'data-code="invalid_credentials"' in answer.text


@pytest.mark.parametrize("username", ["boss", "root"])
def test_a_supervisor_or_admin_gets_an_httponly_samesite_session(world, username):
    answer = world.post_login(requests.Session(), username, PASSWORD)

    assert answer.status_code == 302
    cookie = answer.headers["set-cookie"]
    assert "dashboard_session=" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert "Path=/dashboard" in cookie
