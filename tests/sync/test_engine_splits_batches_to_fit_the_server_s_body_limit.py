"""Long records (a patrol round of many checkpoints) are pushed in batches small enough
for the server's body limit, so a big backlog never gets stuck on a refused push."""

from mobile.services.outbox import StoreOutbox
from mobile.store.records import SyncState
from sync.engine import SyncEngine

LIMIT = 5_000


def test_a_backlog_of_long_records_goes_in_batches_under_the_byte_limit(store, server):
    ids = [
        store.records.create("patrol_round", {"estate_id": "e1", "note": f"{n} " + "巡" * 1000}).id
        for n in range(7)
    ]
    engine = SyncEngine(StoreOutbox(store), server, push_batch=500, push_batch_bytes=LIMIT)

    report = engine.run_once()

    assert report.accepted == 7
    assert len(server.push_bodies) > 1
    assert all(size <= LIMIT for size in server.push_bodies)
    assert {store.records.get(i).sync_state for i in ids} == {SyncState.SYNCED}


def test_a_record_larger_than_the_limit_still_goes_on_its_own(store, server):
    big = store.records.create("patrol_round", {"estate_id": "e1", "note": "巡" * 3000})
    small = store.records.create("patrol_round", {"estate_id": "e1", "note": "正常"})
    engine = SyncEngine(StoreOutbox(store), server, push_batch=500, push_batch_bytes=LIMIT)

    engine.run_once()

    assert len(server.push_bodies) == 2
    assert store.records.get(big.id).sync_state is SyncState.SYNCED
    assert store.records.get(small.id).sync_state is SyncState.SYNCED
