"""The server killed and restarted mid-sync, and the syncing process itself killed and
restarted: afterwards every record is on the server exactly once, photos intact."""

import os
import random
import signal
import subprocess
import sys
import threading
import time

import pytest
from conftest import BIG, SMALL
from exactly_once import assert_delivered_exactly_once
from fault_proxy import throttle
from real_server import PASSWORD, ROOT, RealServer

from mobile.store.store import Store
from sync.errors import SyncError


@pytest.fixture
def real_server(tmp_path):
    """A server of this test's own: the tests here kill it."""
    server = RealServer(tmp_path)
    server.add_estate_and_staff()
    server.start()
    yield server
    server.close()


def test_server_killed_mid_sync_and_restarted_loses_and_doubles_nothing(tablet, proxy, real_server):
    for n in range(30):  # one photo goes in chunks, the others whole in batches
        tablet.record(n, photos=1 if n % 3 == 0 else 0, photo_size=BIG if n == 3 else SMALL)
    proxy.inject(throttle(150_000), times=None)  # slow enough to be mid-transfer
    rng = random.Random(11)
    interrupted: list[SyncError] = []

    def run_pass():
        try:
            tablet.engine.run_once()
        except SyncError as error:
            interrupted.append(error)

    for _ in range(3):
        syncing = threading.Thread(target=run_pass)
        syncing.start()
        time.sleep(rng.uniform(0.3, 1.5))
        real_server.kill()
        syncing.join(30)
        real_server.start()

    assert interrupted  # the kills did land in the middle of passes
    proxy.clear()
    tablet.engine.run_once()

    assert_delivered_exactly_once(tablet.store, real_server)


def _simulate(data_dir, url):
    return subprocess.Popen(
        [
            sys.executable, "-m", "sync.simulate", "--server", url, "--devices", "1",
            "--records", "80", "--photos", "12", "--photo-size", "150000",
            "--data", str(data_dir), "--username", "wang", "--password-stdin",
            "--timeout", "5",
        ],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip


def test_syncing_process_killed_and_restarted_delivers_exactly_once(tmp_path, proxy, real_server):
    data_dir = tmp_path / "tablets"
    proxy.inject(throttle(100_000), times=None)
    rng = random.Random(5)
    for _ in range(4):
        process = _simulate(data_dir, proxy.url)
        process.stdin.write((PASSWORD + "\n").encode())
        process.stdin.close()
        time.sleep(rng.uniform(1.0, 3.0))
        process.send_signal(signal.SIGKILL)
        process.wait(30)

    with Store.open(data_dir / "device-000") as store:
        waiting = store.records.pending()
        assert waiting  # the kills did land before the end of the transfer
        assert real_server.records(store.journal.ids("records"))  # and after its start

    proxy.clear()
    finishing = _simulate(data_dir, proxy.url)
    out, err = finishing.communicate((PASSWORD + "\n").encode(), timeout=300)
    assert finishing.returncode == 0, err.decode()

    with Store.open(data_dir / "device-000") as store:
        assert len(store.journal.ids("records")) == 80
        assert_delivered_exactly_once(store, real_server)
