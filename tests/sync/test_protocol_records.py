import uuid

import pytest

from sync import protocol


def _record(**changes):
    payload = {"estate_id": "hxy"}
    record = {
        "id": str(uuid.uuid4()),
        "kind": "patrol_round",
        "revision": 1,
        "content_hash": protocol.content_hash(payload),
        "payload": payload,
        "photos": ["a" * 64],
        "created_at": "2025-03-01T20:00:00+08:00",
        "updated_at": "2025-03-01T20:00:00+08:00",
    }
    record.update(changes)
    return record


def test_a_well_formed_record_has_no_problems():
    assert protocol.record_problems(_record()) == []


def test_photos_may_be_left_out():
    record = _record()
    del record["photos"]

    assert protocol.record_problems(record) == []


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"id": str(uuid.uuid4()).upper()}, ("id", "invalid_uuid")),
        ({"revision": True}, ("revision", "invalid_revision")),
        ({"revision": 0}, ("revision", "invalid_revision")),
        ({"revision": "2"}, ("revision", "invalid_revision")),
        ({"content_hash": "A" * 64}, ("content_hash", "invalid_hash")),
        ({"payload": None}, ("payload", "not_an_object")),
        ({"photos": ["short"]}, ("photos", "invalid_photo_list")),
        ({"kind": ""}, ("kind", "invalid_kind")),
        ({"updated_at": 1700000000}, ("updated_at", "invalid_timestamp")),
    ],
)
def test_each_malformed_field_is_named(changes, problem):
    assert protocol.record_problems(_record(**changes)) == [problem]


def test_something_that_is_not_an_object_is_one_problem():
    assert protocol.record_problems(["not", "a", "record"]) == [("record", "not_an_object")]


def test_a_push_body_must_hold_a_list_of_records():
    assert protocol.check_push_request({"records": []}) == []
    with pytest.raises(protocol.ShapeError):
        protocol.check_push_request({"records": {}})
