"""Only an abnormal result found at a checkpoint raises a work order."""

from server.services.work_items import WORK_ORDER
from tests.server.workflow_support import (
    items,
    normal_visit,
    patrol_round,
    reading_visit,
    skipped_visit,
)


def test_a_normal_round_opens_no_work_order(db, push, new_record, patroller):
    payload = patrol_round(normal_visit(), reading_visit("hydrant-b1", value=0.3))

    [result] = push(patroller, new_record(payload=payload))

    assert result["outcome"] == "accepted"
    assert items(db, WORK_ORDER) == []


def test_a_skipped_checkpoint_opens_no_work_order_even_when_flagged(
    db, push, new_record, patroller
):
    payload = patrol_round(normal_visit(), skipped_visit("roof"))

    [result] = push(patroller, new_record(payload=payload))

    assert result["outcome"] == "accepted"
    assert items(db, WORK_ORDER) == []


def test_a_rejected_round_opens_no_work_order(db, push, new_record, patroller):
    payload = patrol_round(skipped_visit("roof"))
    del payload["checkpoints"][0]["skip_reason"]

    [result] = push(patroller, new_record(payload=payload))

    assert result["outcome"] == "rejected"
    assert items(db, WORK_ORDER) == []
