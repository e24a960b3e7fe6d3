"""keep mine / take theirs apply to a check refused for a changed work order, nothing else."""

import pytest

from domain.rejection import Conflict, FieldError, Rejection
from domain.text import Text
from mobile.services.conflicts import NotAWorkOrderConflict, keep_mine, take_theirs
from mobile.store.records import SyncState
from mobile.store.store import Store

WHY = Text("原因", "Why")
ORDER_NOW = {"version": 42, "deleted": False, "data": {"id": "wo-1", "status": "cancelled"}}


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path) as opened:
        yield opened


def _refused(store, reason):
    record = store.records.create(
        "repair_check", {"work_order_id": "wo-1", "work_order_version": 7}
    )
    store.records.mark_sending([record.id])
    store.records.mark_rejected(record.id, 1, reason)
    return record.id


def test_keep_mine_makes_the_check_again_from_the_server_s_version(store):
    record_id = _refused(
        store,
        Rejection("work_order_changed", WHY, conflict=Conflict(0, ORDER_NOW)),
    )

    kept = keep_mine(store, record_id)

    assert kept.payload == {"work_order_id": "wo-1", "work_order_version": 42}
    assert (kept.revision, kept.sync_state) == (2, SyncState.PENDING)


@pytest.mark.parametrize(
    "reason",
    [
        Rejection("content_differs", WHY, conflict=Conflict(1)),
        Rejection("rejected", WHY, fields=(FieldError("phone", "invalid_phone", WHY),)),
    ],
)
def test_other_refusals_are_not_settled_by_choosing_a_side(store, reason):
    record_id = _refused(store, reason)

    for choose in (keep_mine, take_theirs):
        with pytest.raises(NotAWorkOrderConflict) as refused:
            choose(store, record_id)
        assert refused.value.text.zh == "这条记录没有工单冲突，无需选择。"
    assert store.records.get(record_id).sync_state is SyncState.REJECTED
