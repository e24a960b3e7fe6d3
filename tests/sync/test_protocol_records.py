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


def _nested(depth):
    """A payload whose objects and lists nest ``depth`` levels, itself the first."""
    value = []
    for _ in range(depth - 2):
        value = [value]
    return {"estate_id": "hxy", "deep": value}


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
        ({"payload": {"note": "水泵\x00"}}, ("payload", "contains_nul")),
        ({"payload": {"note": ["\ud800"]}}, ("payload", "invalid_unicode")),
        ({"payload": {"\udfff": 1}}, ("payload", "invalid_unicode")),
        ({"payload": {"deep": [[[]]] * 2}}, None),
        ({"payload": _nested(protocol.PAYLOAD_MAX_DEPTH)}, None),
        ({"payload": _nested(protocol.PAYLOAD_MAX_DEPTH + 1)}, ("payload", "too_deep")),
        ({"kind": "\ud800"}, ("kind", "invalid_kind")),
        ({"created_at": "2025\udc00"}, ("created_at", "invalid_timestamp")),
        ({"photos": ["short"]}, ("photos", "invalid_photo_list")),
        ({"kind": ""}, ("kind", "invalid_kind")),
        ({"updated_at": 1700000000}, ("updated_at", "invalid_timestamp")),
    ],
)
def test_each_malformed_field_is_named(changes, problem):
    assert protocol.record_problems(_record(**changes)) == ([problem] if problem else [])


def test_no_depth_of_nesting_reaches_the_recursion_limit():
    assert protocol.payload_problem(_nested(100_000)) == "too_deep"


def test_something_that_is_not_an_object_is_one_problem():
    assert protocol.record_problems(["not", "a", "record"]) == [("record", "not_an_object")]


def test_a_push_body_must_hold_a_list_of_records():
    assert protocol.check_push_request({"records": []}) == []
    with pytest.raises(protocol.ShapeError):
        protocol.check_push_request({"records": {}})
