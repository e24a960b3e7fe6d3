"""Edits, syncs, app crashes and network faults in any order (Hypothesis picks) never
lose or duplicate a record: the server is checked against a model of the tablet."""

import itertools
import tempfile
from pathlib import Path

from exactly_once import assert_delivered_exactly_once
from fault_proxy import (
    captive_portal,
    cut_response_after_commit,
    http_error,
    reset_mid_request,
    reset_mid_response,
)
from faulty_transport import FaultAt
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from real_server import PASSWORD

from mobile.services.outbox import StoreOutbox
from mobile.store.store import Store
from sync.engine import SyncEngine
from sync.errors import SyncError
from sync.transport import HttpTransport, TransportSettings
from tests.e2e.conftest import BIG, CONNECT_TIMEOUT_S, READ_TIMEOUT_S, complaint, noise_photo

FAULTS = [
    reset_mid_request(200),
    reset_mid_response(30),
    cut_response_after_commit(),
    http_error(503),
    captive_portal(),
]
CALLS = ["pull", "push", "photo_status", "upload_photos", "upload_photo"]
# No photo, one sent whole with others, one sent in chunks.
PHOTO_SIZES = [None, (120, 90), BIG]
_devices = itertools.count()


class TabletAgainstServer(RuleBasedStateMachine):
    server = None
    proxy = None

    def __init__(self):
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="tablet-model-"))
        self.transport = HttpTransport(
            TransportSettings(
                base_url=self.proxy.url,
                read_timeout=READ_TIMEOUT_S,
                connect_timeout=CONNECT_TIMEOUT_S,
            )
        )
        self.transport.login("wang", PASSWORD, f"模型平板-{next(_devices)}")
        self.model: dict[str, dict] = {}  # record id -> latest payload on the tablet
        self._open()

    def _open(self):
        self.store = Store.open(self.folder)
        self.engine = SyncEngine(StoreOutbox(self.store), self.transport, push_batch=4)

    @rule(photo_size=st.sampled_from(PHOTO_SIZES))
    def record(self, photo_size):
        n = len(self.model)
        hashes = [self.store.photos.add(noise_photo(photo_size)).sha256] if photo_size else []
        payload = {"estate_id": "hxy", **complaint(n)}
        self.model[self.store.records.create("complaint", payload, hashes).id] = payload

    @rule(data=st.data())
    def edit(self, data):
        if not self.model:
            return
        record_id = data.draw(st.sampled_from(sorted(self.model)))
        payload = {**self.model[record_id], "demand": f"第{data.draw(st.integers(0, 99))}次补充"}
        self.store.records.edit(record_id, payload)
        self.model[record_id] = payload

    @rule()
    def sync(self):
        self.engine.run_once()

    @rule(fault=st.sampled_from(FAULTS), call=st.sampled_from(CALLS), nth=st.integers(1, 2))
    def sync_through_a_fault(self, fault, call, nth):
        self.engine.transport = FaultAt(self.transport, self.proxy, call, fault, nth)
        try:
            self.engine.run_once()
        except SyncError:
            pass
        finally:
            self.proxy.clear()
            self.engine.transport = self.transport

    @rule()
    def app_killed_and_reopened(self):
        self.store.journal._release_process_lock()  # as SIGKILL leaves it: no close
        self._open()

    @invariant()
    def server_never_holds_what_the_tablet_does_not(self):
        on_server = self.server.records(self.model)
        for record_id, row in on_server.items():
            assert row["revision"] <= self.store.records.get(record_id).revision
        assert self.server.repeated_revisions() == []

    def teardown(self):
        self.engine.run_once()
        try:
            assert_delivered_exactly_once(self.store, self.server)
            for record_id, payload in self.model.items():
                assert self.store.records.get(record_id).payload == payload
        finally:
            self.store.close()


def test_any_mix_of_edits_syncs_crashes_and_faults_loses_and_doubles_nothing(real_server, proxy):
    TabletAgainstServer.server = real_server
    TabletAgainstServer.proxy = proxy
    run_state_machine_as_test(
        TabletAgainstServer,
        settings=settings(
            max_examples=12,
            stateful_step_count=10,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        ),
    )
