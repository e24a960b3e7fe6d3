"""A dashboard session ends after ``IDLE_TIMEOUT`` without a request, and on sign-out;
each request within the idle time keeps it alive (server.dashboard.sessions)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from server.dashboard.sessions import IDLE_TIMEOUT, current_session, sign_in, sign_out

START = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


@pytest.fixture
def token(db, make_account, settings, password):
    make_account("boss", "supervisor")
    token, _ = sign_in(
        db, username="boss", password=password, address="10.0.0.7", settings=settings, now=START
    )
    return token


def test_a_session_idle_for_longer_than_the_idle_time_has_ended(db, token):
    later = START + IDLE_TIMEOUT + timedelta(seconds=1)

    assert current_session(db, token=token, now=later) is None
    assert current_session(db, token=token, now=START + timedelta(seconds=5)) is None


def test_requests_within_the_idle_time_keep_the_session_alive(db, token):
    moment = START
    for _ in range(4):
        moment += IDLE_TIMEOUT - timedelta(minutes=1)
        assert current_session(db, token=token, now=moment) is not None


def test_a_signed_out_session_is_gone_at_once(db, token):
    row = current_session(db, token=token, now=START)

    sign_out(db, row=row, now=START)

    assert current_session(db, token=token, now=START) is None


def test_an_unknown_token_has_no_session(db, token):
    assert current_session(db, token=token + "x", now=START) is None
    assert current_session(db, token="", now=START) is None
