"""The tablet's disk fills up while records wait: the runner says so and what to do, keeps
its thread, and once space is freed it syncs everything to the real server by itself."""

import threading
import time

import pytest
from conftest import complaint
from exactly_once import assert_delivered_exactly_once

from mobile.services.outbox import StoreOutbox
from mobile.store.store import Store
from sync.engine import SyncEngine
from sync.runner import SyncRunner
from tests.mobile.store.conftest import mounted_small_tmpfs

pytestmark = pytest.mark.tablet_side


@pytest.fixture
def small_tmpfs(tmp_path_factory):
    """A real 1 MiB tmpfs, as the store's own full-disk tests use."""
    with mounted_small_tmpfs(tmp_path_factory.mktemp("small_tmpfs")) as mounted:
        yield mounted


def wait_for(condition, seconds=60.0):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.02)


def test_sync_stopped_by_a_full_disk_resumes_by_itself_once_space_is_freed(
    small_tmpfs, tablet, real_server
):
    passes = []
    with Store.open(small_tmpfs.path / "tablet") as store:
        ids = [store.records.create("complaint", {"estate_id": "hxy", **complaint(n)}).id
               for n in range(12)]  # fmt: skip
        engine = SyncEngine(StoreOutbox(store), tablet.transport, push_batch=5)
        real_run_once = engine.run_once

        def counted_pass():
            passes.append(threading.get_ident())
            return real_run_once()

        engine.run_once = counted_pass
        filler = small_tmpfs.fill_up()
        runner = SyncRunner(engine, probe=lambda: True, probe_every_s=60, backoff_first_s=0.05)
        runner.start()
        try:
            runner.sync_now()
            wait_for(lambda: len(passes) >= 2)  # failed, backed off, tried again by itself
            wait_for(lambda: engine.status.last_error is not None)
            status = engine.status  # one snapshot: passes keep running meanwhile
            assert "空间已满" in status.last_error.zh
            assert "free some space" in status.last_error.en.lower()
            assert status.pending_records == 12
            assert runner._thread.is_alive()

            filler.unlink()  # the user frees space; nobody presses "sync now"

            wait_for(lambda: engine.status.pending_records == 0)
            wait_for(lambda: engine.status.last_error is None)
        finally:
            runner.stop()
        assert set(real_server.records(ids)) == set(ids)
        assert_delivered_exactly_once(store, real_server)
