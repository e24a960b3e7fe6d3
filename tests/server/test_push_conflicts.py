from server.db.models import Record, RecordRevision


def test_same_revision_with_different_content_is_a_conflict_and_keeps_the_first(
    db, count, patroller, push, new_record, patrol_payload
):
    original = new_record()
    changed = new_record(record_id=original["id"], payload=patrol_payload(route_id="route-day-2"))
    push(patroller, original)

    [result] = push(patroller, changed)

    assert result == {
        "id": original["id"],
        "revision": 1,
        "outcome": "conflict",
        "reason": "content_differs",
        "server_revision": 1,
    }
    assert db.get(Record, original["id"]).payload == original["payload"]
    assert count(RecordRevision) == 1


def test_same_revision_and_payload_with_other_photos_is_a_conflict(
    patroller, push, new_record, patrol_payload
):
    payload = patrol_payload()
    original = new_record(payload=payload)
    other_photos = {**original, "photos": ["a" * 64]}
    push(patroller, original)

    [result] = push(patroller, other_photos)

    assert (result["outcome"], result["reason"]) == ("conflict", "content_differs")


def test_an_older_revision_never_seen_is_a_stale_conflict(
    db, patroller, push, new_record, patrol_payload
):
    record_id = new_record()["id"]
    push(patroller, new_record(record_id=record_id, revision=3))

    [result] = push(
        patroller,
        new_record(record_id=record_id, revision=2, payload=patrol_payload(staff_id="li")),
    )

    assert (result["outcome"], result["reason"]) == ("conflict", "stale_revision")
    assert result["server_revision"] == 3
    assert db.get(Record, record_id).revision == 3
