"""The server killed and restarted mid-sync, and the syncing process itself killed and
restarted: afterwards every record is on the server exactly once, photos intact.

Each kill waits for an event, never for a time: the engine reporting photo bytes on
their way, or a line the simulator prints (``--progress``) as it saves a record or
sends photo bytes. A busy machine only makes the test slower."""

import os
import random
import signal
import subprocess
import sys
import threading
from collections.abc import Callable

import pytest
from exactly_once import assert_delivered_exactly_once
from fault_proxy import throttle
from real_server import PASSWORD, ROOT, RealServer

from mobile.store.store import Store
from sync.engine import SyncStatus
from sync.errors import SyncError
from tests.e2e.conftest import BIG, SMALL

# Caps on waits for an event; only a stuck test reaches one.
EVENT_TIMEOUT_S = 120
PASS_TIMEOUT_S = 300


@pytest.fixture
def real_server(tmp_path):
    """A server of this test's own: the tests here kill it."""
    server = RealServer(tmp_path)
    server.add_estate_and_staff()
    server.start()
    yield server
    server.close()


class PhotoBytesSent:
    """An engine observer: wait until a pass has sent some photo bytes, or has ended."""

    def __init__(self):
        self._changed = threading.Condition()
        self._status = SyncStatus()

    def __call__(self, status: SyncStatus) -> None:
        with self._changed:
            self._status = status
            self._changed.notify_all()

    def wait_for(self, sent: int) -> None:
        with self._changed:
            self._changed.wait_for(
                lambda: self._status.bytes_sent >= sent or not self._status.syncing,
                EVENT_TIMEOUT_S,
            )


def test_server_killed_mid_sync_and_restarted_loses_and_doubles_nothing(
    tablet, proxy, real_server
):
    for n in range(30):  # one photo goes in chunks, the others whole in batches
        tablet.record(n, photos=1 if n % 3 == 0 else 0, photo_size=BIG if n == 3 else SMALL)
    proxy.inject(throttle(150_000), times=None)  # slow enough to be mid-transfer
    progress = PhotoBytesSent()
    tablet.engine.observer = progress
    rng = random.Random(11)
    interrupted: list[SyncError] = []

    def run_pass():
        try:
            tablet.engine.run_once()
        except SyncError as error:
            interrupted.append(error)

    for _ in range(3):
        progress(SyncStatus(syncing=True))  # this pass has sent nothing yet
        syncing = threading.Thread(target=run_pass)
        syncing.start()
        progress.wait_for(sent=rng.randint(1, 300_000))  # the records are on the server
        real_server.kill()
        syncing.join(PASS_TIMEOUT_S)
        assert not syncing.is_alive()
        real_server.start()

    assert interrupted  # the kills did land in the middle of passes
    proxy.clear()
    tablet.engine.run_once()

    assert_delivered_exactly_once(tablet.store, real_server)


RECORDS = 80


def _simulate(data_dir, url, log, progress=True):
    """The simulator as its own process, with the password on its stdin."""
    password = data_dir.parent / "password"
    password.write_text(PASSWORD + "\n")
    with open(password) as stdin:
        return subprocess.Popen(
            [
                sys.executable, "-m", "sync.simulate", "--server", url, "--devices", "1",
                "--records", str(RECORDS), "--photos", "12", "--photo-size", "150000",
                "--data", str(data_dir), "--username", "wang", "--password-stdin",
                *(["--progress"] if progress else []),
            ],
            cwd=ROOT,
            stdin=stdin,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )  # fmt: skip


def _kill_at(process, wanted: Callable[[str, int], bool]) -> None:
    """SIGKILL the simulator as soon as it prints a ``name: value`` line that is wanted."""
    watchdog = threading.Timer(EVENT_TIMEOUT_S, process.kill)  # caps a stuck child only
    watchdog.start()
    seen = []
    try:
        for line in process.stdout:
            seen.append(line)
            name, _, value = line.partition(": ")
            if value.strip().isdigit() and wanted(name, int(value)):
                process.send_signal(signal.SIGKILL)
                break
    finally:
        watchdog.cancel()
        process.wait(60)
        process.stdout.close()
    assert process.returncode == -signal.SIGKILL, f"it ended before the event: {seen[-12:]}"


def _recorded(data_dir) -> tuple[int, list]:
    with Store.open(data_dir / "device-000") as store:
        return len(store.journal.ids("records")), store.records.pending_ids()


def test_syncing_process_killed_and_restarted_delivers_exactly_once(tmp_path, proxy, real_server):
    data_dir = tmp_path / "tablets"
    proxy.inject(throttle(100_000), times=None)
    with open(tmp_path / "simulator.log", "w") as log:
        # Killed twice while it is still recording its field work: each next run goes on
        # from where the last one stopped.
        for at_least in (10, random.Random(5).randint(20, 70)):
            _kill_at(
                _simulate(data_dir, proxy.url, log),
                lambda name, n, at_least=at_least: name == "recorded" and n >= at_least,
            )
            recorded, _ = _recorded(data_dir)
            assert at_least <= recorded < RECORDS
        # Killed while its photos go out: the server has taken the push, the tablet has
        # not yet heard that all is there.
        _kill_at(_simulate(data_dir, proxy.url, log), lambda name, n: name == "photo_bytes_sent")

    recorded, waiting = _recorded(data_dir)
    assert recorded == RECORDS  # the run after the first kill recorded what was missing
    assert waiting  # the kills did land before the end of the transfer
    with Store.open(data_dir / "device-000") as store:
        assert real_server.records(store.journal.ids("records"))  # and after its start

    proxy.clear()
    with open(tmp_path / "simulator.log", "a") as log:
        finishing = _simulate(data_dir, proxy.url, log, progress=False)
        out, _ = finishing.communicate(timeout=PASS_TIMEOUT_S)
    assert finishing.returncode == 0, (tmp_path / "simulator.log").read_text()

    with Store.open(data_dir / "device-000") as store:
        assert len(store.journal.ids("records")) == RECORDS
        assert_delivered_exactly_once(store, real_server)
