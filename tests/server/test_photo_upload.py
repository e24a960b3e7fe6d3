import hashlib
import os

import pytest

from server.db.models import Photo, Record
from sync import protocol

PHOTO = os.urandom(3000)
SHA = hashlib.sha256(PHOTO).hexdigest()
SIZE = len(PHOTO)


@pytest.fixture
def record_with_photo(patroller, push, new_record, patrol_payload):
    record = new_record(photos=(SHA,))
    [result] = push(patroller, record)
    assert (result["complete"], result["missing_photos"]) == (False, [SHA])
    return record


def _put(client, headers, data, *, offset, sha=SHA, size=SIZE):
    return client.put(
        f"/api/v1/photos/{sha}?offset={offset}",
        content=data,
        headers={**headers, protocol.PHOTO_SIZE_HEADER: str(size)},
    )


def _status(client, headers, *hashes):
    response = client.post("/api/v1/photos/status", json={"photos": list(hashes)}, headers=headers)
    assert response.status_code == 200, response.text
    protocol.check_photo_status_response(response.json())
    return response.json()["photos"]


def test_photo_status_reports_missing_partial_and_have(client, patroller, record_with_photo):
    unknown = "f" * 64
    assert _status(client, patroller, SHA, unknown) == [
        {"sha256": SHA, "state": "missing", "received": 0},
        {"sha256": unknown, "state": "missing", "received": 0},
    ]

    _put(client, patroller, PHOTO[:1000], offset=0)
    assert _status(client, patroller, SHA) == [
        {"sha256": SHA, "state": "partial", "received": 1000}
    ]

    _put(client, patroller, PHOTO[1000:], offset=1000)
    assert _status(client, patroller, SHA) == [{"sha256": SHA, "state": "have", "received": 3000}]


def test_a_photo_uploaded_in_chunks_is_kept_and_completes_its_record(
    client, db, patroller, record_with_photo, settings
):
    first = _put(client, patroller, PHOTO[:1200], offset=0)
    last = _put(client, patroller, PHOTO[1200:], offset=1200)

    assert (first.status_code, first.json()["state"]) == (200, "partial")
    assert last.json() == {"sha256": SHA, "state": "have", "received": len(PHOTO)}
    assert db.get(Record, record_with_photo["id"]).complete is True
    assert client.app.state.photo_storage.read(SHA) == PHOTO
    assert not list((settings.photo_dir / "partial").iterdir())


def test_after_the_photo_arrives_a_repeated_push_reports_the_record_complete(
    client, patroller, push, record_with_photo
):
    _put(client, patroller, PHOTO, offset=0)

    [again] = push(patroller, record_with_photo)

    assert again == {
        "id": record_with_photo["id"],
        "revision": 1,
        "outcome": "duplicate",
        "complete": True,
        "missing_photos": [],
    }


def test_a_record_pushed_after_its_photo_arrived_is_complete_at_once(
    client, patroller, push, record_with_photo, new_record
):
    _put(client, patroller, PHOTO, offset=0)

    [result] = push(patroller, new_record(photos=(SHA,)))

    assert (result["complete"], result["missing_photos"]) == (True, [])


def test_a_chunk_at_the_wrong_offset_is_409_with_the_size_received(
    client, count, patroller, record_with_photo
):
    _put(client, patroller, PHOTO[:1000], offset=0)

    response = _put(client, patroller, PHOTO[1500:], offset=1500)

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "offset_mismatch"
    assert response.json()["error"]["received"] == 1000
    resumed = _put(client, patroller, PHOTO[1000:], offset=1000)
    assert resumed.json()["state"] == "have"


def test_a_resent_chunk_after_a_lost_answer_gets_409_and_the_client_resumes(
    client, patroller, record_with_photo
):
    _put(client, patroller, PHOTO[:1000], offset=0)

    repeat = _put(client, patroller, PHOTO[:1000], offset=0)

    assert (repeat.status_code, repeat.json()["error"]["received"]) == (409, 1000)


def test_a_photo_whose_bytes_do_not_match_its_hash_is_discarded_with_422(
    client, db, count, patroller, record_with_photo, settings
):
    wrong = bytes(len(PHOTO))

    response = _put(client, patroller, wrong, offset=0)

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "photo_hash_mismatch"
    assert count(Photo) == 0
    assert not list((settings.photo_dir / "partial").iterdir())
    assert db.get(Record, record_with_photo["id"]).complete is False
    assert _put(client, patroller, PHOTO, offset=0).json()["state"] == "have"


def test_a_photo_no_visible_record_refers_to_is_refused(client, count, patroller):
    response = _put(client, patroller, PHOTO, offset=0)

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "photo_not_referenced"
    assert count(Photo) == 0


def test_a_photo_named_only_by_a_record_of_another_estate_is_refused(
    client, count, make_account, login, record_with_photo
):
    neighbour = login(make_account("zhao", "patrol", ("lyy",)))

    response = _put(client, neighbour, PHOTO, offset=0)

    assert (response.status_code, response.json()["error"]["code"]) == (
        404,
        "photo_not_referenced",
    )
    assert count(Photo) == 0


def test_uploading_a_photo_already_kept_changes_nothing(client, patroller, record_with_photo):
    _put(client, patroller, PHOTO, offset=0)

    again = _put(client, patroller, PHOTO, offset=0)

    assert again.json() == {"sha256": SHA, "state": "have", "received": len(PHOTO)}


@pytest.mark.parametrize(
    ("size", "data", "offset", "status", "code"),
    [
        ("", PHOTO, 0, 400, "invalid_photo_size"),
        ("0", PHOTO, 0, 400, "invalid_photo_size"),
        (str(protocol.PHOTO_MAX_SIZE + 1), PHOTO, 0, 413, "photo_too_large"),
        (str(len(PHOTO)), b"", 0, 400, "empty_chunk"),
        (str(len(PHOTO) - 1), PHOTO, 0, 400, "chunk_exceeds_size"),
    ],
)
def test_bad_uploads_are_refused_with_their_code(
    client, count, patroller, record_with_photo, size, data, offset, status, code
):
    response = client.put(
        f"/api/v1/photos/{SHA}?offset={offset}",
        content=data,
        headers={**patroller, protocol.PHOTO_SIZE_HEADER: size},
    )

    assert (response.status_code, response.json()["error"]["code"]) == (status, code)
    assert count(Photo) == 0


def test_a_changed_declared_size_mid_upload_is_409(client, patroller, record_with_photo):
    _put(client, patroller, PHOTO[:1000], offset=0)

    response = _put(client, patroller, PHOTO[1000:], offset=1000, size=len(PHOTO) + 5)

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "photo_size_mismatch"


def test_a_path_that_is_not_a_sha256_is_400(client, patroller):
    response = _put(client, patroller, PHOTO, offset=0, sha="not-a-hash")

    assert (response.status_code, response.json()["error"]["code"]) == (400, "invalid_sha256")


def test_photo_status_refuses_malformed_hashes(client, patroller):
    response = client.post("/api/v1/photos/status", json={"photos": ["ABC"]}, headers=patroller)

    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["field"] == "photos.0"


def test_a_chunk_over_the_chunk_limit_is_413(client, patroller, record_with_photo, settings):
    big = bytes(settings.photo_chunk_max_bytes + 1)

    response = _put(client, patroller, big, offset=0, size=len(big))

    assert (response.status_code, response.json()["error"]["code"]) == (413, "body_too_large")


def test_photo_status_answers_up_to_a_thousand_hashes_at_once(client, patroller):
    hashes = [f"{n:064x}" for n in range(protocol.PHOTO_STATUS_MAX + 1)]

    allowed = client.post("/api/v1/photos/status", json={"photos": hashes[:-1]}, headers=patroller)
    too_many = client.post("/api/v1/photos/status", json={"photos": hashes}, headers=patroller)

    assert allowed.status_code == 200
    assert len(allowed.json()["photos"]) == protocol.PHOTO_STATUS_MAX
    assert too_many.status_code == 422
    assert too_many.json()["error"]["fields"][0]["code"] == "too_long"
