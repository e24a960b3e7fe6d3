from sqlalchemy import select

from server.db.models import AuditEntry, Record, RecordRevision


def test_push_accepts_a_valid_record_and_stores_it_with_its_first_revision(
    db, count, patroller, push, new_record
):
    record = new_record()

    [result] = push(patroller, record)

    assert result == {
        "id": record["id"],
        "revision": 1,
        "outcome": "accepted",
        "complete": True,
        "missing_photos": [],
    }
    stored = db.get(Record, record["id"])
    assert stored.kind == "patrol_round"
    assert stored.estate_id == "hxy"
    assert stored.payload == record["payload"]
    assert stored.content_hash == record["content_hash"]
    assert stored.device_updated_at == record["updated_at"]
    assert count(RecordRevision, RecordRevision.record_id == record["id"]) == 1


def test_push_answers_each_record_in_the_order_sent(patroller, push, new_record):
    records = [new_record() for _ in range(3)]

    results = push(patroller, *records)

    assert [result["id"] for result in results] == [record["id"] for record in records]
    assert {result["outcome"] for result in results} == {"accepted"}


def test_an_empty_push_is_answered_with_no_results(count, patroller, push):
    assert push(patroller) == []
    assert count(Record) == 0


def test_every_push_is_audited_with_its_outcomes(db, patroller, push, new_record):
    push(patroller, new_record(), new_record(), {"id": "junk"})

    entry = db.scalar(select(AuditEntry).where(AuditEntry.action == "push"))
    assert entry.username == "wang"
    assert entry.detail == {"records": 3, "accepted": 2, "rejected": 1}
