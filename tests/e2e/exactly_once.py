"""The end-to-end promise, checked: every record on the server exactly once with
identical content, every photo byte-identical, nothing left pending on the tablet."""

from __future__ import annotations

import hashlib

from mobile.store.records import SyncState
from mobile.store.store import Store
from sync import protocol


def assert_delivered_exactly_once(store: Store, server) -> None:
    on_tablet = {r.id: r for state in SyncState for r in store.records.find(state=state)}
    on_server = server.records(on_tablet)
    assert server.repeated_revisions() == []

    assert set(on_server) == set(on_tablet)
    for record_id, record in on_tablet.items():
        row = on_server[record_id]
        assert row["revision"] == record.revision
        assert row["payload"] == record.payload
        assert row["content_hash"] == protocol.content_hash(record.payload)
        assert row["complete"] is True
        for sha in record.photos:
            assert hashlib.sha256(server.photo(sha)).hexdigest() == sha
            assert server.photo(sha) == store.photos.open_bytes(sha)
    counts = store.records.counts()
    assert counts[SyncState.SYNCED] == len(on_tablet)
    assert counts[SyncState.PENDING] == counts[SyncState.SENDING] == 0
