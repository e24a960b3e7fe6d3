"""A record the server cannot store (a lone surrogate, any depth of nesting) is rejected
on its own with a stable code; the rest of its batch is stored. A body that is not UTF-8
or not JSON at all is a 400. Never a 500. Over real HTTP, against the real server."""

import json

import pytest

from sync import protocol
from tests.server.real_push_support import PushServer, codes, good_round, record


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    server = PushServer.start(tmp_path_factory.mktemp("unreadable"))
    yield server
    server.close()


def _nested(depth: int) -> dict:
    """A payload whose objects and lists nest ``depth`` levels, itself the first."""
    value: object = []
    for _ in range(depth - 2):
        value = [value]
    return {"estate_id": "hxy", "deep": value}


def _assert_good_stored_and_bad_rejected(real, results, good, bad, code):
    assert [result["outcome"] for result in results] == ["accepted", "rejected"]
    assert codes(results[1]) == [code]
    assert results[1]["id"] == bad["id"]
    assert set(real.stored(good, bad)) == {good["id"]}


def test_a_lone_surrogate_escape_is_rejected_and_the_good_record_beside_it_is_stored(real):
    good, bad = good_round(), record("patrol_round", {"estate_id": "hxy", "note": "\ud800"})

    results = real.push("wang", good, bad)

    _assert_good_stored_and_bad_rejected(real, results, good, bad, ("payload", "invalid_unicode"))


def test_a_lone_surrogate_sent_as_raw_bytes_is_rejected_the_same_way(real):
    good, bad = good_round(), record("patrol_round", {"estate_id": "hxy", "note": "SURROGATE"})
    body = json.dumps({"records": [good, bad]}).encode().replace(b"SURROGATE", b"\xed\xa0\x80")

    answer = real.push_raw("wang", body)

    assert answer.status_code == 200, answer.text
    results = answer.json()["results"]
    _assert_good_stored_and_bad_rejected(real, results, good, bad, ("payload", "invalid_unicode"))


def test_a_lone_surrogate_in_a_key_is_rejected(real):
    good, bad = good_round(), record("patrol_round", {"estate_id": "hxy", "\udfff": 1})

    results = real.push("wang", good, bad)

    _assert_good_stored_and_bad_rejected(real, results, good, bad, ("payload", "invalid_unicode"))


def test_a_lone_surrogate_in_the_envelope_is_rejected_and_never_echoed(real):
    good = good_round()
    bad = good_round() | {"id": "\ud800" * 3, "updated_at": "2025-03-01\udc00"}

    results = real.push("wang", good, bad)

    assert [result["outcome"] for result in results] == ["accepted", "rejected"]
    assert set(codes(results[1])) == {("id", "invalid_uuid"), ("updated_at", "invalid_timestamp")}
    assert results[1]["id"] is None


def _push_with_deep_payload(real, depth: int) -> tuple[dict, dict, list[dict]]:
    """A good round and a record whose payload nests ``depth`` levels, written out as
    text (no JSON library on this side writes it that deep)."""
    good, bad = good_round(), record("patrol_round", {"estate_id": "hxy", "deep": "DEEP"})
    lists = b"[" * (depth - 1) + b"]" * (depth - 1)
    body = json.dumps({"records": [good, bad]}).encode().replace(b'"DEEP"', lists)
    answer = real.push_raw("wang", body)
    assert answer.status_code == 200, answer.text
    return good, bad, answer.json()["results"]


@pytest.mark.parametrize(
    "depth", [protocol.PAYLOAD_MAX_DEPTH + 1, 300, 400, 650, 900, 5_000, 200_000]
)
def test_a_payload_nested_too_deep_is_rejected_and_the_good_record_beside_it_is_stored(real, depth):
    good, bad, results = _push_with_deep_payload(real, depth)

    _assert_good_stored_and_bad_rejected(real, results, good, bad, ("payload", "too_deep"))


def test_a_payload_at_the_depth_limit_is_not_refused_for_its_depth(real):
    at_limit, past_it = _nested(protocol.PAYLOAD_MAX_DEPTH), _nested(protocol.PAYLOAD_MAX_DEPTH + 1)

    results = real.push("wang", record("patrol_round", at_limit), record("patrol_round", past_it))

    assert ("payload", "too_deep") not in codes(results[0])
    assert codes(results[1]) == [("payload", "too_deep")]


def test_a_body_that_is_not_utf8_is_a_400_and_stores_nothing(real):
    good, bad = good_round(), record("patrol_round", {"estate_id": "hxy", "note": "LATIN1"})
    body = json.dumps({"records": [good, bad]}).encode().replace(b"LATIN1", b"caf\xe9")

    answer = real.push_raw("wang", body)

    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "invalid_encoding"
    protocol.check_error_response(answer.json())
    assert real.stored(good) == {}


@pytest.mark.parametrize(
    "body",
    [b'{"records": [', b'{"records": [{"payload": {"n": ' + b"7" * 5_000 + b"}}]}", b"[" * 9_000],
)
def test_a_body_that_is_not_json_is_a_400(real, body):
    answer = real.push_raw("wang", body)

    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "malformed_json"
