"""The tablet's own work overlaps the wire: while one batch is with the server, the
store already takes the next, and what fails part-way is released all the same."""

import threading

import pytest

from mobile.store.records import SyncState
from sync.errors import Unreachable


@pytest.fixture
def second_batch_taken(engine):
    """An event set once the engine has taken its second batch from the store."""
    taken = threading.Event()
    real_take, batches = engine.outbox.take_batch, []

    def take_batch(limit, max_bytes):
        batches.append(real_take(limit, max_bytes))
        if len(batches) == 2:
            taken.set()
        return batches[-1]

    engine.outbox.take_batch = take_batch
    return taken


def test_the_second_batch_is_taken_while_the_first_is_with_the_server(
    store, server, engine, second_batch_taken
):
    ids = [store.records.create("complaint", {"estate_id": "e1", "n": n}).id for n in range(6)]
    real_push, seen_during_first_push = server.push, []

    def push(records, backlog=None):
        if not seen_during_first_push:
            # Fails the test (after a generous wait) if the engine waits for this push
            # before it takes the next batch.
            seen_during_first_push.append(second_batch_taken.wait(timeout=30))
        return real_push(records, backlog)

    server.push = push

    engine.run_once()

    assert seen_during_first_push == [True]
    assert {store.records.get(i).sync_state for i in ids} == {SyncState.SYNCED}


def test_a_batch_taken_ahead_is_pending_again_when_the_push_before_it_fails(
    store, server, engine, second_batch_taken
):
    ids = [store.records.create("complaint", {"estate_id": "e1", "n": n}).id for n in range(6)]
    real_push = server.push

    def push(records, backlog=None):
        second_batch_taken.wait(timeout=30)
        raise Unreachable("reset")

    server.push = push

    with pytest.raises(Unreachable):
        engine.run_once()

    assert second_batch_taken.is_set()
    assert {store.records.get(i).sync_state for i in ids} == {SyncState.PENDING}
    server.push = real_push
    engine.run_once()
    assert {store.records.get(i).sync_state for i in ids} == {SyncState.SYNCED}
