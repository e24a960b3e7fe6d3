"""The outbox is a state on the record: pending, sending, synced, rejected."""

from datetime import UTC, datetime, timedelta

import pytest

from domain.rejection import FieldError, Rejection
from domain.text import Text
from mobile.store.errors import RecordNotFound, RecordNotRejected
from mobile.store.records import SyncState
from mobile.store.store import Store

REASON = Rejection(
    "rejected",
    Text("服务器退回了这条记录。", "The server refused this record."),
    fields=(FieldError("phone", "invalid_phone", Text("电话号码无效", "Invalid phone")),),
)


class Clock:
    def __init__(self):
        self.now = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def store(tmp_path, clock):
    with Store.open(tmp_path, now=clock) as opened:
        yield opened


def test_new_record_is_pending_at_revision_one(store):
    record = store.records.create("complaint", {"room": "1101"})

    assert record.sync_state is SyncState.PENDING
    assert record.revision == 1
    assert [r.id for r in store.records.pending()] == [record.id]


def test_record_confirmed_by_the_server_becomes_synced(store, clock):
    record = store.records.create("complaint", {"room": "1101"})
    store.records.mark_sending([record.id])
    clock.now += timedelta(minutes=5)

    store.records.mark_synced(record.id, 1)

    synced = store.records.get(record.id)
    assert synced.sync_state is SyncState.SYNCED
    assert synced.synced_at == clock.now
    assert store.records.pending() == []


def test_edit_made_while_a_push_is_in_flight_stays_pending(store):
    record = store.records.create("complaint", {"room": "1101"})
    (sent,) = store.records.mark_sending([record.id])
    store.records.edit(record.id, {"room": "1102"})

    store.records.mark_synced(record.id, sent.revision)

    after = store.records.get(record.id)
    assert after.sync_state is SyncState.PENDING
    assert after.revision == 2
    assert after.payload == {"room": "1102"}


def test_edit_after_a_record_was_synced_makes_it_pending_again(store):
    record = store.records.create("complaint", {"room": "1101"})
    store.records.mark_sending([record.id])
    store.records.mark_synced(record.id, 1)

    edited = store.records.edit(record.id, {"room": "1101", "demand": "尽快维修"})

    assert edited.sync_state is SyncState.PENDING
    assert edited.revision == 2
    assert edited.synced_at is None


def test_rejected_record_keeps_the_server_reason_until_fixed(store):
    record = store.records.create("return_visit", {"phone": "123"})
    store.records.mark_sending([record.id])

    store.records.mark_rejected(record.id, 1, REASON)

    rejected = store.records.get(record.id)
    assert rejected.sync_state is SyncState.REJECTED
    assert rejected.rejection == REASON
    fixed = store.records.edit(record.id, {"phone": "13800138000"})
    assert fixed.sync_state is SyncState.PENDING
    assert fixed.rejection is None


def test_records_in_flight_when_the_app_was_killed_are_pending_on_reopen(tmp_path):
    with Store.open(tmp_path) as store:
        record = store.records.create("complaint", {"room": "1101"})
        store.records.mark_sending([record.id])
        assert store.records.counts()[SyncState.SENDING] == 1

    with Store.open(tmp_path) as reopened:
        assert reopened.records.get(record.id).sync_state is SyncState.PENDING


def test_pending_lists_oldest_first_and_counts_by_state(store, clock):
    first = store.records.create("complaint", {"n": 1})
    clock.now += timedelta(minutes=1)
    second = store.records.create("complaint", {"n": 2})
    clock.now += timedelta(minutes=1)
    third = store.records.create("patrol_round", {"n": 3})
    store.records.mark_sending([third.id])
    store.records.mark_synced(third.id, 1)

    assert [r.id for r in store.records.pending()] == [first.id, second.id]
    assert store.records.counts() == {
        SyncState.PENDING: 2,
        SyncState.SENDING: 0,
        SyncState.SYNCED: 1,
        SyncState.REJECTED: 0,
    }
    assert store.records.oldest_pending_created_at() == first.created_at
    assert [r.id for r in store.records.find(kind="complaint")] == [second.id, first.id]


def test_changing_an_unknown_record_is_a_clear_error(store):
    with pytest.raises(RecordNotFound):
        store.records.edit("no-such-id", {})
    with pytest.raises(RecordNotFound):
        store.records.get("no-such-id")
    with pytest.raises(RecordNotFound):
        store.records.mark_synced("no-such-id", 1)


def _journal_lines(folder) -> int:
    return sum(log.read_bytes().count(b"\n") for log in folder.rglob("journal-*.log"))


def test_a_batch_marked_synced_lands_in_one_step_each_at_its_revision(store, tmp_path):
    first = store.records.create("complaint", {"room": "1101"})
    second = store.records.create("complaint", {"room": "1102"})
    store.records.mark_sending([first.id, second.id])
    store.records.edit(second.id, {"room": "1103"})  # revision 2, made while in flight
    lines = _journal_lines(tmp_path)

    store.records.mark_all_synced({first.id: 1, second.id: 1})

    assert _journal_lines(tmp_path) == lines + 1
    assert store.records.get(first.id).sync_state is SyncState.SYNCED
    assert store.records.get(second.id).sync_state is SyncState.PENDING


def test_a_rejected_record_can_be_discarded_and_is_gone_after_a_reopen(tmp_path):
    with Store.open(tmp_path) as store:
        record = store.records.create("complaint", {"room": "1101"})
        store.records.mark_sending([record.id])
        store.records.mark_rejected(record.id, 1, REASON)

        discarded = store.records.discard(record.id)

        assert discarded.payload == {"room": "1101"}
    with Store.open(tmp_path) as reopened, pytest.raises(RecordNotFound):
        reopened.records.get(record.id)


@pytest.mark.parametrize("state", ["pending", "sending", "synced"])
def test_a_record_the_server_has_not_refused_cannot_be_discarded(store, state):
    record = store.records.create("complaint", {"room": "1101"})
    if state != "pending":
        store.records.mark_sending([record.id])
    if state == "synced":
        store.records.mark_synced(record.id, 1)

    with pytest.raises(RecordNotRejected) as refused:
        store.records.discard(record.id)

    assert "只有被服务器退回的记录才能放弃" in refused.value.text.zh
    assert store.records.get(record.id).sync_state.value == state
