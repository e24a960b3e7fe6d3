import dataclasses
import json

import pytest
from fastapi.testclient import TestClient

from server.app import create_app
from server.db.models import AuditEntry, Record
from sync import protocol


@pytest.fixture
def small_client(settings):
    """A server that takes at most 3 records and 20 000 bytes per push."""
    small = dataclasses.replace(settings, push_max_records=3, push_max_bytes=20_000)
    headers = {protocol.PROTOCOL_HEADER: str(protocol.PROTOCOL_VERSION)}
    with TestClient(create_app(small), headers=headers) as client:
        yield client


def test_a_batch_with_too_many_records_is_413_and_nothing_is_stored(
    small_client, count, patroller, new_record
):
    records = [new_record() for _ in range(4)]

    response = small_client.post("/api/v1/sync/push", json={"records": records}, headers=patroller)

    assert response.status_code == 413
    assert response.json()["error"]["code"] == "batch_too_large"
    assert response.json()["error"]["max_records"] == 3
    assert count(Record) == 0
    assert count(AuditEntry, AuditEntry.action == "push") == 0


def test_a_push_body_over_the_byte_limit_is_413_before_it_is_read(
    small_client, count, patroller, new_record, patrol_payload
):
    record = new_record(payload=patrol_payload(note="很" * 10_000))

    response = small_client.post("/api/v1/sync/push", json={"records": [record]}, headers=patroller)

    assert response.status_code == 413
    assert response.json()["error"]["code"] == "body_too_large"
    assert count(Record) == 0


def test_a_chunked_body_over_the_limit_is_413_too(small_client, patroller):
    def chunks():
        for _ in range(30):
            yield b" " * 1000

    response = small_client.post(
        "/api/v1/sync/push",
        content=chunks(),
        headers={**patroller, "Content-Type": "application/json"},
    )

    assert response.status_code == 413
    assert response.json()["error"]["code"] == "body_too_large"


def test_a_chunked_body_under_the_limit_is_read(small_client, count, patroller, new_record):
    body = json.dumps({"records": [new_record()]}).encode()

    response = small_client.post(
        "/api/v1/sync/push",
        content=iter([body[:100], body[100:]]),
        headers={**patroller, "Content-Type": "application/json"},
    )

    assert response.status_code == 200
    assert count(Record) == 1


def test_login_bodies_are_held_to_a_small_limit(client):
    response = client.post(
        "/api/v1/auth/device-login",
        json={"username": "wang", "password": "x" * 300_000, "device_name": "平板"},
    )

    assert response.status_code == 413
    assert response.json()["error"]["code"] == "body_too_large"
