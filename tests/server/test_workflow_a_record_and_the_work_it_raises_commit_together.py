"""The work a record raises is written in the record's own transaction: if raising it
fails, neither the record nor any of the work is kept (the tablet pushes again later)."""

import pytest

from server.db.models import Record, ReferenceItem
from server.services import workflows
from server.services.work_items import publish
from tests.server.workflow_support import abnormal_visit, patrol_round, round_photos


class WorkflowBroke(Exception):
    pass


def test_a_failure_after_the_work_order_was_written_keeps_neither(
    client, count, new_record, patroller, monkeypatch
):
    def publish_then_fail(session, record, **item):
        publish(session, record, **item)
        raise WorkflowBroke

    monkeypatch.setattr(workflows, "publish", publish_then_fail)
    payload = patrol_round(abnormal_visit())
    record = new_record(payload=payload, photos=round_photos(payload))

    with pytest.raises(WorkflowBroke):
        client.post("/api/v1/sync/push", json={"records": [record]}, headers=patroller)

    assert count(Record) == 0
    assert count(ReferenceItem, ReferenceItem.kind != "staff") == 0
