"""Several whole photos in one request: kept together in one transaction, byte for byte,
completing their records; anything wrong with one keeps none and names it."""

import hashlib
import os

import pytest
from sqlalchemy import select

from server.db.models import Account, Photo, Record
from server.photo_storage import FileSystemPhotoStorage
from server.services.photos import put_photo_batch
from sync import protocol
from tests.server.concurrency_support import at_once


def _photo(size: int = 2000) -> tuple[str, bytes]:
    data = os.urandom(size)
    return hashlib.sha256(data).hexdigest(), data


def _send(client, headers, photos, body: bytes | None = None):
    return client.post(
        "/api/v1/photos/batch",
        content=protocol.encode_photo_batch(photos) if body is None else body,
        headers={**headers, "Content-Type": "application/octet-stream"},
    )


@pytest.fixture
def photos_of_two_records(patroller, push, new_record):
    photos = [_photo(n) for n in (1500, 2500, 3500)]
    records = [
        new_record(photos=(photos[0][0], photos[1][0])),
        new_record(photos=(photos[2][0],)),
    ]
    push(patroller, *records)
    return photos, records


def test_whole_photos_sent_together_are_kept_and_complete_their_records(
    client, db, patroller, photos_of_two_records
):
    photos, records = photos_of_two_records

    response = _send(client, patroller, photos)

    assert response.status_code == 200, response.text
    protocol.check_photo_status_response(response.json())
    assert response.json()["photos"] == [
        {"sha256": sha, "state": "have", "received": len(data)} for sha, data in photos
    ]
    for sha, data in photos:
        assert client.app.state.photo_storage.read(sha) == data
    assert all(db.get(Record, record["id"]).complete for record in records)


def test_a_batch_with_one_photo_not_matching_its_name_keeps_none_and_names_it(
    client, db, count, patroller, photos_of_two_records
):
    photos, records = photos_of_two_records
    (sha, data), *rest = photos
    damaged = [(sha, bytes(len(data))), *rest]

    response = _send(client, patroller, damaged)

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "photo_hash_mismatch"
    assert response.json()["error"]["sha256"] == sha
    assert count(Photo) == 0
    assert not any(db.get(Record, record["id"]).complete for record in records)


def test_a_batch_naming_a_photo_no_visible_record_refers_to_keeps_none(
    client, count, patroller, photos_of_two_records
):
    photos, _ = photos_of_two_records
    stranger = _photo()

    response = _send(client, patroller, [*photos, stranger])

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "photo_not_referenced"
    assert response.json()["error"]["sha256"] == stranger[0]
    assert count(Photo) == 0


def test_a_photo_already_kept_is_left_and_one_begun_in_chunks_is_completed(
    client, db, patroller, photos_of_two_records, settings
):
    photos, records = photos_of_two_records
    (kept, kept_data), (begun, begun_data), third = photos
    assert _send(client, patroller, [(kept, kept_data)]).status_code == 200
    client.put(
        f"/api/v1/photos/{begun}?offset=0",
        content=begun_data[:700],
        headers={**patroller, protocol.PHOTO_SIZE_HEADER: str(len(begun_data))},
    )

    response = _send(client, patroller, photos)

    assert [p["state"] for p in response.json()["photos"]] == ["have"] * 3
    assert client.app.state.photo_storage.read(begun) == begun_data
    assert not list((settings.photo_dir / "partial").iterdir())
    assert db.get(Photo, kept).size == len(kept_data)
    assert all(db.get(Record, record["id"]).complete for record in records)


def test_a_body_that_is_not_a_photo_batch_is_400_and_keeps_nothing(
    client, count, patroller, photos_of_two_records
):
    photos, _ = photos_of_two_records
    cut = protocol.encode_photo_batch(photos)[:-1]

    response = _send(client, patroller, photos, body=cut)

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_photo_batch"
    assert count(Photo) == 0


def test_a_batch_over_the_body_limit_is_413(client, patroller, settings):
    big = _photo(settings.photo_batch_max_bytes)

    response = _send(client, patroller, [big])

    assert (response.status_code, response.json()["error"]["code"]) == (413, "body_too_large")


def test_a_batch_needs_a_signed_in_device(client, photos_of_two_records):
    photos, _ = photos_of_two_records

    response = _send(client, {protocol.PROTOCOL_HEADER: "1"}, photos)

    assert response.status_code == 401


def test_the_same_photos_sent_by_four_tablets_at_once_are_kept_once_and_all_told_have(
    database_url, db, count, patroller, photos_of_two_records, settings
):
    photos, _ = photos_of_two_records
    account_id = db.scalar(select(Account.id).where(Account.username == "wang"))
    storage = FileSystemPhotoStorage(settings.photo_dir)

    answers = at_once(
        database_url,
        4,
        load=lambda session: session.get(Account, account_id),
        act=lambda session, account: put_photo_batch(
            session, storage=storage, account=account, photos=photos, max_size=10**6
        ),
    )

    assert [error for error in answers if isinstance(error, Exception)] == []
    assert [[state["state"] for state in states] for states in answers] == [["have"] * 3] * 4
    assert count(Photo) == 3
    for sha, data in photos:
        assert storage.read(sha) == data
