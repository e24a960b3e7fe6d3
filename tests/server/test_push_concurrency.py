"""Two server workers receiving the same record at the same moment store it once."""

from sqlalchemy import select

from server.db.models import Device, Record, RecordRevision
from server.services.push import push_records
from tests.server.concurrency_support import at_once


def test_the_same_record_pushed_concurrently_is_stored_once(
    database_url, db, count, patroller, new_record
):
    device_id = db.scalar(select(Device.id))
    record = new_record()

    outcomes = at_once(
        database_url,
        4,
        load=lambda session: session.get(Device, device_id),
        act=lambda session, device: push_records(session, device=device, records=[record]),
    )

    assert [error for error in outcomes if isinstance(error, Exception)] == []
    assert sorted(result["outcome"] for [result] in outcomes) == [
        "accepted",
        "duplicate",
        "duplicate",
        "duplicate",
    ]
    assert count(Record) == 1
    assert count(RecordRevision) == 1
