"""On a link so slow that a whole batch or a whole photo cannot cross it before the
timeout (one bar of 2G in a car park), the sync sends smaller pieces until they can:
every pass makes progress, and in the end everything is on the server exactly once."""

from dataclasses import replace

import pytest
from exactly_once import assert_delivered_exactly_once
from fault_proxy import throttle
from real_server import PASSWORD

from mobile.services.outbox import StoreOutbox
from mobile.store.store import Store
from sync.engine import SyncEngine
from sync.errors import TimedOut
from sync.transport import HttpTransport, TransportSettings
from tests.e2e.conftest import Tablet, complaint, noise_photo

pytestmark = pytest.mark.tablet_side

CRAWL = 20 * 1024  # bytes a second, both ways
TIMEOUT_S = 1.5  # a 68 KB photo needs 3.4 s, 60 records about 2.5 s


def test_a_crawling_link_delivers_everything_in_smaller_pieces(tmp_path, proxy, real_server):
    settings = TransportSettings(base_url=proxy.url, connect_timeout=2)
    transport = HttpTransport(settings)
    # Signing in hashes a password, which a busy machine may take longer than the
    # crawl's timeout to do: the short timeout is for the sync over the crawling link.
    device_id = transport.login("wang", PASSWORD, "地下车库平板")["device_id"]
    transport.settings = replace(settings, read_timeout=TIMEOUT_S)
    with Store.open(tmp_path / "tablet") as store:
        tablet = Tablet(store, transport, SyncEngine(StoreOutbox(store), transport), device_id)
        photo = store.photos.add(noise_photo((400, 300))).sha256
        store.records.create("complaint", {"estate_id": "hxy", **complaint(0)}, [photo])
        for n in range(1, 60):
            tablet.record(n)
        proxy.inject(throttle(CRAWL), times=None)

        # Every pass moves something along; the cap is far above what a busy machine
        # needs and only ends a test that has got stuck.
        timeouts, passes = 0, 0
        while store.records.pending() and passes < 30:
            passes += 1
            try:
                tablet.engine.run_once()
            except TimedOut:
                timeouts += 1
        proxy.clear()

        assert_delivered_exactly_once(store, real_server)
        assert timeouts >= 2  # the whole batch, then the whole photo, did not fit
        assert tablet.engine.push_bytes_now < tablet.engine.push_batch_bytes
