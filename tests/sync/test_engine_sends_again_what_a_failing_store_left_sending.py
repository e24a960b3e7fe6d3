"""A store that refuses even to put a failed batch back to pending (a full disk refuses
every write) leaves nothing stuck as "sending": the next pass puts it back first."""

import pytest

from mobile.store.errors import DiskFull
from mobile.store.records import SyncState
from sync.errors import TabletStoreFailed


def test_a_batch_the_full_disk_left_sending_goes_in_the_next_pass(store, server, engine):
    ids = [store.records.create("complaint", {"estate_id": "e1", "n": n}).id for n in range(5)]
    real_settle, real_release = store.records.mark_all_synced, store.records.release_sending
    real_push = server.push

    def disk_full(*args, **kwargs):
        raise DiskFull("ENOSPC")

    def push_then_fill_the_disk(batch, backlog=None):
        # The disk fills up while the first batch is on the wire.
        store.records.mark_all_synced = store.records.release_sending = disk_full
        return real_push(batch, backlog)

    server.push = push_then_fill_the_disk

    with pytest.raises(TabletStoreFailed):
        engine.run_once()
    assert store.records.counts()[SyncState.SENDING] > 0  # the store refused to release them

    server.push = real_push
    store.records.mark_all_synced, store.records.release_sending = real_settle, real_release
    engine.run_once()

    assert {store.records.get(i).sync_state for i in ids} == {SyncState.SYNCED}
    assert engine.status.last_error is None
