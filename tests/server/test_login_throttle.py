from dataclasses import replace
from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import update

from server.app import create_app
from server.db.models import AuditEntry, LoginFailure
from server.db.types import utcnow
from sync import protocol


def _login(client, username, password):
    return client.post(
        "/api/v1/auth/device-login",
        json={"username": username, "password": password, "device_name": "平板"},
    )


def test_five_failures_in_fifteen_minutes_lock_the_username_even_for_the_right_password(
    client, count, make_account, password
):
    make_account("wang", "patrol")
    for _ in range(5):
        assert _login(client, "wang", "wrong").status_code == 401

    response = _login(client, "wang", password)

    assert response.status_code == 429
    assert response.json()["error"]["code"] == "login_throttled"
    assert 0 < int(response.headers["Retry-After"]) <= 15 * 60
    assert count(AuditEntry, AuditEntry.action == "login_locked") == 1


def test_attempts_refused_while_locked_add_nothing_to_the_audit_log(
    client, count, make_account
):
    make_account("wang", "patrol")
    for _ in range(5):
        _login(client, "wang", "wrong")
    logged = count(AuditEntry)

    for _ in range(20):
        assert _login(client, "wang", "wrong").status_code == 429

    assert count(AuditEntry) == logged


def test_throttle_is_per_username(client, make_account, password):
    make_account("wang", "patrol")
    make_account("li", "service")
    for _ in range(5):
        _login(client, "wang", "wrong")

    assert _login(client, "li", password).status_code == 200


def test_failures_older_than_the_window_no_longer_count(client, db, make_account, password):
    make_account("wang", "patrol")
    for _ in range(5):
        _login(client, "wang", "wrong")
    db.execute(update(LoginFailure).values(at=utcnow() - timedelta(minutes=16)))
    db.commit()

    assert _login(client, "wang", password).status_code == 200


def test_a_successful_login_clears_earlier_failures(client, count, make_account, password):
    make_account("wang", "patrol")
    for _ in range(4):
        _login(client, "wang", "wrong")

    assert _login(client, "wang", password).status_code == 200
    assert count(LoginFailure) == 0
    for _ in range(4):
        _login(client, "wang", "wrong")
    assert _login(client, "wang", password).status_code == 200


def test_failures_spread_over_many_addresses_lock_the_username_past_its_own_cap(
    settings, make_account, password
):
    make_account("wang", "patrol")
    app = create_app(replace(settings, login_account_max_failures=8))
    headers = {protocol.PROTOCOL_HEADER: str(protocol.PROTOCOL_VERSION)}

    def login_from(address: str, secret: str) -> int:
        with TestClient(app, headers=headers, client=(address, 40000)) as client:
            return _login(client, "wang", secret).status_code

    spread = [login_from(f"203.0.113.{n // 4}", "wrong") for n in range(8)]

    assert spread == [401] * 8
    assert login_from("198.51.100.1", password) == 429
    app.state.engine.dispose()
