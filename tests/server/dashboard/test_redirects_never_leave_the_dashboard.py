"""The language switch and the sign-in go back to where the user was, but only to a
dashboard page: a link cannot send anyone to another host."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/x", "/api/v1/devices", ""]
)
def test_the_language_switch_sends_anything_else_to_the_logs(client, target):
    answer = client.get(
        "/dashboard/language", params={"to": "en", "next": target}, follow_redirects=False
    )

    assert answer.status_code == 302
    assert answer.headers["location"] == "/dashboard/logs"
    assert "dashboard_lang=en" in answer.headers["set-cookie"]


def test_the_language_switch_returns_to_the_page_it_was_clicked_on(client):
    answer = client.get(
        "/dashboard/language",
        params={"to": "en", "next": "/dashboard/logs?kind=complaint"},
        follow_redirects=False,
    )

    assert answer.headers["location"] == "/dashboard/logs?kind=complaint"


def test_a_page_without_a_session_goes_to_sign_in_and_comes_back(client):
    answer = client.get("/dashboard/complaints", follow_redirects=False)

    assert answer.status_code == 302
    assert answer.headers["location"] == "/dashboard/login?next=/dashboard/complaints"


def test_a_stale_session_cookie_is_told_its_session_ended(client):
    client.cookies.set("dashboard_session", "no-longer-valid", path="/dashboard")

    answer = client.get("/dashboard/complaints", follow_redirects=False)
    login = client.get(answer.headers["location"])

    assert answer.headers["location"].endswith("&ended=1")
    assert 'data-code="session_ended"' in login.text
