"""The app stops its runner when Android pauses it and starts it again on resume: the
new thread sends what was saved meanwhile, and the stopped one, caught in a pass, ends
after it without running beside the new one."""

import threading
import time

from sync.runner import SyncRunner


def wait_for(condition, seconds=10.0):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.01)


def sync_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "sync"]


def test_a_record_saved_while_stopped_is_sent_once_started_again(store, server, engine):
    runner = SyncRunner(engine, probe=lambda: True)
    runner.start()
    runner.stop()
    assert sync_threads() == []

    saved = store.records.create("complaint", {"estate_id": "e1"})
    runner.record_saved()
    runner.start()
    try:
        wait_for(lambda: store.records.counts()["pending"] == 0)
    finally:
        runner.stop()
    assert list(server.records) == [saved.id]


def test_starting_a_running_runner_again_adds_no_thread(store, server, engine):
    runner = SyncRunner(engine, probe=lambda: True)
    runner.start()
    try:
        runner.start()
        assert len(sync_threads()) == 1
    finally:
        runner.stop()


def test_a_thread_stopped_mid_pass_ends_after_it_and_never_beside_the_new_one(
    store, server, engine, held_push
):
    first = store.records.create("complaint", {"estate_id": "e1"})
    entered, release = held_push
    runner = SyncRunner(engine, probe=lambda: True)
    runner.start()
    runner.sync_now()
    assert entered.wait(10)
    (paused,) = sync_threads()

    runner.stop(timeout=0)  # the app pausing: signalled, not waited for
    assert paused.is_alive()
    runner.start()
    assert runner.run_pass() is False  # the paused thread's pass still holds the outbox
    release.set()
    paused.join(10)
    assert not paused.is_alive()

    second = store.records.create("complaint", {"estate_id": "e1"})
    runner.record_saved()
    try:
        wait_for(lambda: store.records.counts()["pending"] == 0)
    finally:
        runner.stop()
    assert sorted(server.records) == sorted([first.id, second.id])
    assert server.calls.count("push") == 2
