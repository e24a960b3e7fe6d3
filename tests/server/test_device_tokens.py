from datetime import timedelta

from sqlalchemy import select, update

from server.db.models import AuditEntry, Device, Record
from server.db.types import utcnow


def test_admin_revokes_a_device_and_its_token_is_refused_from_then_on(
    client, db, count, make_account, login, new_record
):
    admin = login(make_account("admin", "admin"))
    tablet = login(make_account("wang", "patrol"), device_name="巡逻平板")
    device_id = db.scalar(select(Device.id).where(Device.name == "巡逻平板"))

    response = client.post(f"/api/v1/devices/{device_id}/revoke", headers=admin)

    assert response.status_code == 200
    assert response.json()["revoked_at"] is not None
    refused = client.post("/api/v1/sync/push", json={"records": [new_record()]}, headers=tablet)
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "token_revoked"
    assert count(Record) == 0
    entry = db.scalar(select(AuditEntry).where(AuditEntry.action == "device_revoked"))
    assert entry.device_id == device_id


def test_only_an_admin_may_revoke(client, db, make_account, login):
    tablet = login(make_account("wang", "patrol"))
    device_id = db.scalar(select(Device.id))

    response = client.post(f"/api/v1/devices/{device_id}/revoke", headers=tablet)

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    db.expire_all()
    assert db.get(Device, device_id).revoked_at is None


def test_revoking_an_unknown_device_is_404(client, make_account, login):
    admin = login(make_account("admin", "admin"))

    response = client.post("/api/v1/devices/999/revoke", headers=admin)

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "device_not_found"


def test_admin_lists_devices(client, make_account, login):
    admin = login(make_account("admin", "admin"))
    login(make_account("wang", "patrol"), device_name="巡逻平板")

    response = client.get("/api/v1/devices", headers=admin)

    assert response.status_code == 200
    assert [(d["username"], d["name"]) for d in response.json()] == [
        ("admin", "平板 1"),
        ("wang", "巡逻平板"),
    ]


def test_an_expired_token_is_refused(client, db, count, patroller, new_record):
    db.execute(update(Device).values(expires_at=utcnow() - timedelta(seconds=1)))
    db.commit()

    response = client.post("/api/v1/sync/push", json={"records": [new_record()]}, headers=patroller)

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "token_expired"
    assert count(Record) == 0


def test_a_request_without_a_token_or_with_an_unknown_one_is_refused(client):
    anonymous = client.get("/api/v1/sync/pull")
    forged = client.get("/api/v1/sync/pull", headers={"Authorization": "Bearer forged"})

    assert (anonymous.status_code, anonymous.json()["error"]["code"]) == (401, "auth_required")
    assert (forged.status_code, forged.json()["error"]["code"]) == (401, "token_invalid")
