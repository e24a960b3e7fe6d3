import pytest

from sync import protocol


@pytest.mark.parametrize("header", [None, "0", "not a number"])
def test_a_missing_or_old_protocol_version_is_told_to_update_the_app(client, patroller, header):
    del client.headers[protocol.PROTOCOL_HEADER]
    headers = dict(patroller) if header is None else {**patroller, protocol.PROTOCOL_HEADER: header}

    response = client.get("/api/v1/sync/pull", headers=headers)

    assert response.status_code == 426
    error = response.json()["error"]
    assert error["code"] == "protocol_outdated"
    assert error["message"] == {"zh": "请更新应用", "en": "Please update the app"}
    assert error["supported"] == [protocol.PROTOCOL_VERSION]


def test_a_newer_protocol_than_the_server_speaks_blames_the_server(client, patroller):
    headers = {**patroller, protocol.PROTOCOL_HEADER: str(protocol.PROTOCOL_VERSION + 1)}

    response = client.get("/api/v1/sync/pull", headers=headers)

    assert response.status_code == 426
    assert response.json()["error"]["code"] == "server_outdated"


def test_protocol_is_checked_before_the_token(client):
    response = client.post(
        "/api/v1/sync/push", json={"records": []}, headers={protocol.PROTOCOL_HEADER: "0"}
    )

    assert response.status_code == 426


def test_login_also_requires_the_protocol_version(client):
    del client.headers[protocol.PROTOCOL_HEADER]

    response = client.post(
        "/api/v1/auth/device-login",
        json={"username": "a", "password": "b", "device_name": "c"},
    )

    assert response.status_code == 426
