from sqlalchemy import select

from server.auth import token_digest
from server.db.models import AuditEntry, Device


def _login(client, username, password, device_name="平板 1"):
    return client.post(
        "/api/v1/auth/device-login",
        json={"username": username, "password": password, "device_name": device_name},
    )


def test_login_returns_a_token_and_keeps_only_its_digest(client, db, make_account, password):
    make_account("wang", "patrol")

    response = _login(client, "wang", password)

    assert response.status_code == 200
    body = response.json()
    assert body["account"]["username"] == "wang"
    assert body["account"]["role"] == "patrol"
    assert [estate["id"] for estate in body["account"]["estates"]] == ["hxy"]
    device = db.scalar(select(Device))
    assert device.name == "平板 1"
    assert device.token_sha256 == token_digest(body["token"])
    assert body["token"] not in device.token_sha256
    assert body["device_id"] == device.id
    assert device.expires_at > device.created_at


def test_login_ignores_username_case_and_surrounding_spaces(client, make_account, password):
    make_account("wang", "patrol")

    assert _login(client, "  WANG ", password).status_code == 200


def test_login_with_wrong_password_is_refused_and_audited(client, db, count, make_account):
    make_account("wang", "patrol")

    response = _login(client, "wang", "wrong")

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_credentials"
    assert response.json()["error"]["message"]["zh"] == "用户名或密码错误"
    assert count(Device) == 0
    entry = db.scalar(select(AuditEntry))
    assert (entry.action, entry.username) == ("login_failed", "wang")


def test_login_with_unknown_username_gets_the_same_answer_as_a_wrong_password(client, password):
    response = _login(client, "nobody", password)

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_credentials"


def test_login_is_audited_with_account_and_device(client, db, make_account, password):
    make_account("wang", "patrol")

    device_id = _login(client, "wang", password).json()["device_id"]

    entry = db.scalar(select(AuditEntry).where(AuditEntry.action == "login"))
    assert entry.device_id == device_id
    assert entry.detail == {"device_name": "平板 1", "address": "testclient"}


def test_login_body_with_wrong_types_is_a_field_error(client):
    response = client.post(
        "/api/v1/auth/device-login",
        json={"username": 7, "password": "x", "device_name": ""},
    )

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_request"
    assert {(f["field"], f["code"]) for f in error["fields"]} == {
        ("username", "string_type"),
        ("device_name", "string_too_short"),
    }
