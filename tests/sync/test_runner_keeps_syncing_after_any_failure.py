"""Nothing stops the runner: whatever fails in a pass is shown, backed off and retried,
and syncing resumes by itself once the cause is gone."""

import threading
import time

import pytest

from mobile.services.outbox import StoreOutbox
from mobile.store.errors import DiskFull, PhotoNotFound, StoreCorrupted
from mobile.store.records import SyncState
from sync.engine import SyncEngine
from sync.runner import SyncRunner


def wait_for(condition, seconds=30.0):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.01)


class Fault:
    """Makes one method raise while switched on, counting the times it did."""

    def __init__(self, owner, name, error):
        self.real = getattr(owner, name)
        self.error = error
        self.on = threading.Event()
        self.on.set()
        self.raised = 0
        setattr(owner, name, self)

    def __call__(self, *args, **kwargs):
        if self.on.is_set():
            self.raised += 1
            raise self.error
        return self.real(*args, **kwargs)


FAILURES = {
    # where it strikes, what is raised, words the sync bar must show (zh, en)
    "disk_full": (
        lambda store, server: (store.records, "mark_all_synced"),
        DiskFull("ENOSPC"),
        ("清理", "free some space"),
    ),
    "store_corrupted": (
        lambda store, server: (store.records, "pending_ids"),
        StoreCorrupted("bad crc at line 7"),
        ("管理员", "administrator"),
    ),
    "photo_not_found": (
        lambda store, server: (store.photos, "open_bytes"),
        PhotoNotFound("ab12"),
        ("照片", "photo"),
    ),
    "a_bug": (
        lambda store, server: (server, "push"),
        KeyError("outcome"),
        ("自动重试", "retry"),
    ),
}


@pytest.mark.parametrize("failure", FAILURES)
def test_runner_shows_the_failure_and_resumes_by_itself_once_it_is_gone(
    store, server, engine, photo, failure
):
    where, error, words = FAILURES[failure]
    record = store.records.create("complaint", {"estate_id": "e1"}, [photo()])
    fault = Fault(*where(store, server), error)
    runner = SyncRunner(engine, probe=lambda: True, probe_every_s=60, backoff_first_s=0.02)
    runner.start()
    try:
        runner.sync_now()
        wait_for(lambda: fault.raised >= 2)  # failed, backed off, tried again by itself
        wait_for(lambda: not engine.status.syncing and engine.status.last_error is not None)
        text = engine.status.last_error
        assert words[0] in text.zh
        assert words[1] in text.en.lower()
        assert runner._thread.is_alive()

        fault.on.clear()  # the cause is gone (space freed, the bug's trigger passed ...)

        wait_for(lambda: store.records.get(record.id).sync_state is SyncState.SYNCED)
        wait_for(lambda: engine.status.last_error is None)
    finally:
        runner.stop()
    assert not runner._thread.is_alive()
    assert runner.failures == 0


def test_a_failing_observer_does_not_end_the_thread_either(store, server):
    broken = threading.Event()
    broken.set()
    seen = []

    def observer(status):
        seen.append(status)
        if broken.is_set():
            raise RuntimeError("a bug in the sync bar")

    engine = SyncEngine(StoreOutbox(store), server, observer=observer)
    record = store.records.create("complaint", {"estate_id": "e1"})
    runner = SyncRunner(engine, probe=lambda: True, probe_every_s=0.02, backoff_first_s=0.02)
    runner.start()
    try:
        runner.sync_now()
        wait_for(lambda: len(seen) >= 5)
        assert runner._thread.is_alive()

        broken.clear()

        wait_for(lambda: store.records.get(record.id).sync_state is SyncState.SYNCED)
    finally:
        runner.stop()
