"""The background runner: when passes happen, and what stops them."""

import random
import threading
import time

import pytest

from sync.errors import AuthRequired, Unreachable
from sync.runner import BACKOFF_MAX_S, SyncRunner, backoff_delay


def wait_for(condition, seconds=10.0):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.01)


@pytest.mark.parametrize("failures", range(1, 15))
def test_backoff_doubles_up_to_a_cap_and_is_jittered(failures):
    rng = random.Random(failures)
    delays = [backoff_delay(failures, rng) for _ in range(50)]
    ceiling = min(BACKOFF_MAX_S, 2.0 * 2 ** (failures - 1))

    assert all(ceiling / 2 <= d <= ceiling for d in delays)
    assert len(set(delays)) > 1  # jitter: tablets do not retry in step


def test_no_backoff_before_the_first_failure():
    assert backoff_delay(0, random.Random(0)) == 0


def test_a_second_pass_asked_for_while_one_runs_does_not_start(store, server, engine, held_push):
    store.records.create("complaint", {"estate_id": "e1"})
    runner = SyncRunner(engine, probe=lambda: True)
    entered, release = held_push
    first = threading.Thread(target=runner.run_pass)
    first.start()
    entered.wait(10)

    assert runner.run_pass() is False
    release.set()
    first.join(10)
    assert server.calls.count("push") == 1


def test_sign_in_needed_stops_automatic_syncing_until_signed_in(store, server, engine):
    store.records.create("complaint", {"estate_id": "e1"})
    server.fail_next("pull", AuthRequired("token_revoked"))
    runner = SyncRunner(engine, probe=lambda: True, probe_every_s=0.05)
    runner.start()
    try:
        runner.sync_now()
        wait_for(lambda: engine.status.auth_required)
        time.sleep(0.3)  # several probe intervals: nothing is tried meanwhile
        assert server.calls.count("pull") == 1
        assert store.records.counts()["pending"] == 1

        runner.signed_in()
        wait_for(lambda: engine.status.pending_records == 0 and server.records)
    finally:
        runner.stop()
    assert engine.status.auth_required is False


def test_probe_finding_the_server_again_sends_what_waits(store, server, engine):
    store.records.create("complaint", {"estate_id": "e1"})
    reachable = threading.Event()
    server.fail_next("pull", Unreachable("basement"))
    runner = SyncRunner(engine, probe=reachable.is_set, probe_every_s=0.05, backoff_first_s=0.05)
    runner.start()
    try:
        runner.sync_now()
        wait_for(lambda: runner.failures == 1)
        time.sleep(0.3)
        assert engine.status.online is False  # the probes found no server meanwhile
        reachable.set()
        wait_for(lambda: bool(server.records))
    finally:
        runner.stop()
    assert engine.status.online is True


def test_a_record_saved_before_the_server_was_found_is_sent_when_the_probe_finds_it(
    store, server, engine
):
    """The app starts offline-unknown (nothing waits, no probe yet); a record saved then
    cannot wake a pass, so the probe that first finds the server must send it."""
    reachable = threading.Event()
    probed = threading.Event()

    def probe() -> bool:
        probed.set()
        return reachable.is_set()

    runner = SyncRunner(engine, probe=probe, probe_every_s=0.05)
    runner.start()
    try:
        wait_for(probed.is_set)  # the loop has counted the empty outbox and probed
        store.records.create("complaint", {"estate_id": "e1"})
        runner.record_saved()
        reachable.set()
        wait_for(lambda: bool(server.records))
    finally:
        runner.stop()
    assert store.records.counts()["pending"] == 0
