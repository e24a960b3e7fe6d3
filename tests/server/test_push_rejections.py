import pytest

from server.db.models import Record, RecordRevision
from sync import protocol


def _codes(result):
    return [(error["field"], error["code"]) for error in result["errors"]]


def test_a_payload_the_domain_refuses_is_rejected_with_bilingual_field_errors(
    count, patroller, push, new_record, patrol_payload
):
    payload = patrol_payload()
    del payload["route_id"]
    payload["started_at"] = "yesterday evening"

    [result] = push(patroller, new_record(payload=payload))

    assert result["outcome"] == "rejected"
    assert set(_codes(result)) >= {
        ("payload.route_id", "required"),
        ("payload.started_at", "invalid_datetime"),
    }
    for error in result["errors"]:
        assert error["message"]["zh"] and error["message"]["en"]
    assert count(Record) == 0


def test_a_content_hash_that_does_not_match_the_payload_is_rejected(
    count, patroller, push, new_record
):
    record = new_record()
    record["payload"]["staff_id"] = "tampered"

    [result] = push(patroller, record)

    assert _codes(result) == [("content_hash", "hash_mismatch")]
    assert count(Record) == 0


@pytest.mark.parametrize(
    ("role", "kind"),
    [("patrol", "complaint"), ("technician", "patrol_round"), ("admin", "patrol_round")],
)
def test_a_kind_the_role_may_not_push_is_rejected(
    count, make_account, login, push, new_record, role, kind
):
    headers = login(make_account("someone", role))

    [result] = push(headers, new_record(kind=kind))

    assert _codes(result) == [("kind", "kind_forbidden")]
    assert count(Record) == 0


def test_an_unknown_kind_is_rejected(patroller, push, new_record):
    [result] = push(patroller, new_record(kind="graffiti"))

    assert _codes(result) == [("kind", "unknown_kind")]


def test_a_record_for_an_estate_the_account_is_not_in_is_rejected(
    count, patroller, push, new_record, patrol_payload
):
    [result] = push(patroller, new_record(payload=patrol_payload(estate_id="lyy")))

    assert _codes(result) == [("payload.estate_id", "estate_forbidden")]
    assert count(Record) == 0


def test_a_record_without_an_estate_is_rejected(patroller, push, new_record, patrol_payload):
    payload = patrol_payload()
    del payload["estate_id"]

    [result] = push(patroller, new_record(payload=payload))

    assert _codes(result) == [("payload.estate_id", "required")]


def test_a_record_stored_in_another_estate_cannot_be_overwritten(
    db, make_account, login, push, new_record, patrol_payload
):
    elsewhere = login(make_account("zhao", "patrol", estate_ids=("lyy",)))
    original = new_record(payload=patrol_payload(estate_id="lyy", staff_id="zhao"))
    push(elsewhere, original)
    here = login(make_account("wang", "patrol"))

    [result] = push(here, new_record(record_id=original["id"], revision=2))

    assert _codes(result) == [("payload.estate_id", "estate_forbidden")]
    assert db.get(Record, original["id"]).estate_id == "lyy"


def test_a_malformed_record_is_rejected_by_position_and_the_rest_are_stored(
    count, patroller, push, new_record
):
    good_before, good_after = new_record(), new_record()
    malformed = {"id": "not-a-uuid", "kind": "", "revision": 0, "payload": [], "photos": "x"}

    results = push(patroller, good_before, malformed, "not even an object", good_after)

    assert [r["outcome"] for r in results] == ["accepted", "rejected", "rejected", "accepted"]
    assert results[1]["id"] == "not-a-uuid"
    assert set(_codes(results[1])) == {
        ("id", "invalid_uuid"),
        ("kind", "invalid_kind"),
        ("revision", "invalid_revision"),
        ("content_hash", "invalid_hash"),
        ("payload", "not_an_object"),
        ("photos", "invalid_photo_list"),
        ("created_at", "invalid_timestamp"),
        ("updated_at", "invalid_timestamp"),
    }
    assert (results[2]["id"], _codes(results[2])) == (None, [("record", "not_an_object")])
    assert count(Record) == 2
    assert count(RecordRevision) == 2


def test_a_rejected_record_does_not_block_the_records_after_it(
    count, patroller, push, new_record, patrol_payload
):
    bad = new_record(payload=patrol_payload(estate_id="lyy"))
    good = new_record()

    results = push(patroller, bad, good)

    assert [r["outcome"] for r in results] == [protocol.REJECTED, protocol.ACCEPTED]
    assert count(Record) == 1
