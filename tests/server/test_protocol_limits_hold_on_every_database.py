"""The protocol's one set of limits (sync.protocol, defined in domain.limits): the largest
value of each is taken and stored, one past it is refused with a clear 4xx, on SQLite
and PostgreSQL alike."""

from sqlalchemy import select

from server.db.models import Counter, Record
from sync import protocol


def test_a_change_sequence_number_as_large_as_the_protocol_allows_is_stored(db):
    db.add(Counter(name="largest", value=protocol.MAX_SEQUENCE))
    db.commit()
    db.expire_all()

    assert db.scalar(select(Counter.value).where(Counter.name == "largest")) == (
        protocol.MAX_SEQUENCE
    )


def test_a_pull_takes_the_largest_cursor_and_refuses_one_past_it(client, patroller):
    largest = client.get(
        "/api/v1/sync/pull", params={"cursor": protocol.MAX_SEQUENCE}, headers=patroller
    )
    past = client.get(
        "/api/v1/sync/pull", params={"cursor": protocol.MAX_SEQUENCE + 1}, headers=patroller
    )

    assert largest.status_code == 200, largest.text
    assert largest.json()["next_cursor"] == protocol.MAX_SEQUENCE
    assert past.status_code == 422
    assert past.json()["error"]["fields"][0]["field"] == "cursor"


def test_a_push_takes_the_largest_revision_and_rejects_one_past_it(
    client, db, patroller, push, new_record
):
    largest, past = new_record(revision=protocol.MAX_REVISION), new_record(
        revision=protocol.MAX_REVISION + 1
    )

    results = push(patroller, largest, past)

    assert results[0]["outcome"] == "accepted"
    assert db.scalar(select(Record.revision).where(Record.id == largest["id"])) == (
        protocol.MAX_REVISION
    )
    assert results[1]["outcome"] == "rejected"
    [error] = results[1]["errors"]
    assert error["code"] == "invalid_revision"
    assert str(protocol.MAX_REVISION) in error["message"]["en"]


def test_revoking_takes_the_largest_device_id_and_refuses_one_past_it(
    client, make_account, login
):
    admin = login(make_account("admin", "admin"))

    largest = client.post(f"/api/v1/devices/{protocol.MAX_ROW_ID}/revoke", headers=admin)
    past = client.post(f"/api/v1/devices/{protocol.MAX_ROW_ID + 1}/revoke", headers=admin)

    assert largest.status_code == 404
    assert largest.json()["error"]["code"] == "device_not_found"
    assert past.status_code == 422
