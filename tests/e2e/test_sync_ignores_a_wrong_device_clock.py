"""A tablet whose clock is a year wrong loses and duplicates nothing: ordering and
deduplication rest on record ids, revisions and the server's sequence, never on clocks."""

from datetime import UTC, datetime, timedelta

import pytest
from exactly_once import assert_delivered_exactly_once

from mobile.services.outbox import StoreOutbox
from mobile.store.store import Store
from sync.engine import SyncEngine
from tests.e2e.conftest import complaint, noise_photo

pytestmark = pytest.mark.tablet_side


@pytest.mark.parametrize("skew", [timedelta(days=-365), timedelta(days=365)])
def test_records_from_a_skewed_clock_arrive_exactly_once(tmp_path, tablet, real_server, skew):
    def wrong_clock():
        return datetime.now(UTC) + skew

    with Store.open(tmp_path / "skewed", now=wrong_clock) as store:
        engine = SyncEngine(StoreOutbox(store, now=wrong_clock), tablet.transport, now=wrong_clock)
        for n in range(10):
            sha = store.photos.add(noise_photo()).sha256 if n == 0 else None
            store.records.create(
                "complaint", {"estate_id": "hxy", **complaint(n)}, [sha] if sha else []
            )
        first = store.records.find()[0]
        engine.run_once()
        store.records.edit(first.id, {**first.payload, "demand": "请尽快处理"})
        engine.run_once()
        engine.run_once()

        assert_delivered_exactly_once(store, real_server)
        assert real_server.records([first.id])[first.id]["revision"] == 2
