from sqlalchemy import select

from server.db.models import Record, RecordRevision


def test_a_newer_revision_replaces_the_content_and_keeps_the_history(
    db, count, patroller, push, new_record, patrol_payload
):
    first = new_record()
    second = new_record(
        record_id=first["id"], revision=2, payload=patrol_payload(route_id="route-night-2")
    )
    push(patroller, first)

    [result] = push(patroller, second)

    assert (result["outcome"], result["revision"]) == ("accepted", 2)
    assert count(Record) == 1
    stored = db.get(Record, first["id"])
    assert (stored.revision, stored.payload["route_id"]) == (2, "route-night-2")
    history = db.scalars(
        select(RecordRevision)
        .where(RecordRevision.record_id == first["id"])
        .order_by(RecordRevision.revision)
    ).all()
    assert [(r.revision, r.content_hash) for r in history] == [
        (1, first["content_hash"]),
        (2, second["content_hash"]),
    ]


def test_revisions_may_skip_numbers(db, patroller, push, new_record, patrol_payload):
    first = new_record()
    push(patroller, first)

    [result] = push(
        patroller,
        new_record(record_id=first["id"], revision=5, payload=patrol_payload(route_id="r-2")),
    )

    assert result["outcome"] == "accepted"
    assert db.get(Record, first["id"]).revision == 5


def test_a_newer_revision_may_not_change_the_kind(
    push, new_record, patrol_payload, make_account, login
):
    supervisor = login(make_account("zhou", "supervisor"))
    first = new_record(payload=patrol_payload(staff_id="zhou"))
    push(supervisor, first)

    [result] = push(supervisor, new_record(record_id=first["id"], kind="complaint", revision=2))

    assert result["outcome"] == "rejected"
    assert [(e["field"], e["code"]) for e in result["errors"]] == [("kind", "kind_mismatch")]
