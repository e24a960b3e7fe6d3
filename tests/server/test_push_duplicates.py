from server.db.models import Record, RecordRevision


def test_push_repeat_of_same_revision_is_duplicate_not_second_row(
    count, patroller, push, new_record
):
    record = new_record()
    [first] = push(patroller, record)

    [again] = push(patroller, record)

    assert first["outcome"] == "accepted"
    assert again == {**first, "outcome": "duplicate"}
    assert count(Record) == 1
    assert count(RecordRevision) == 1


def test_a_record_sent_twice_in_one_batch_is_stored_once(count, patroller, push, new_record):
    record = new_record()

    results = push(patroller, record, record)

    assert [result["outcome"] for result in results] == ["accepted", "duplicate"]
    assert count(RecordRevision) == 1


def test_a_late_repeat_of_an_older_revision_already_seen_is_a_duplicate(
    db, patroller, push, new_record, patrol_payload
):
    first = new_record()
    second = new_record(
        record_id=first["id"], revision=2, payload=patrol_payload(route_id="route-night-2")
    )
    push(patroller, first, second)

    [late] = push(patroller, first)

    assert late["outcome"] == "duplicate"
    assert db.get(Record, first["id"]).revision == 2
