"""A pass sends pending records in batches, then their photos, then marks them synced."""

from mobile.store.records import SyncState


def test_all_pending_records_reach_the_server_once_and_end_synced(store, server, engine):
    ids = [store.records.create("complaint", {"estate_id": "e1", "n": n}).id for n in range(7)]

    report = engine.run_once()

    assert report.accepted == 7 and report.synced == 7
    assert server.calls.count("push") == 3  # batches of 3
    assert set(server.records) == set(ids)
    assert store.records.counts()[SyncState.SYNCED] == 7
    assert engine.status.pending_records == 0
    assert engine.status.last_error is None


def test_photos_go_after_their_record_and_arrive_byte_identical(store, server, engine, photo):
    first, second = photo(), photo()
    record = store.records.create("repair_check", {"estate_id": "e1"}, [first, second])

    report = engine.run_once()

    assert report.photos_sent == 2
    assert server.calls.index("push") < server.calls.index("upload_photos")
    for sha in (first, second):
        assert bytes(server.photos[sha]) == store.photos.open_bytes(sha)
    assert store.records.get(record.id).sync_state is SyncState.SYNCED
    assert engine.status.bytes_sent == engine.status.bytes_total > 0


def test_a_second_pass_sends_nothing_again(store, server, engine, photo):
    store.records.create("repair_check", {"estate_id": "e1"}, [photo()])
    engine.run_once()
    server.calls.clear()

    report = engine.run_once()

    assert report.accepted == report.photos_sent == 0
    assert "push" not in server.calls
    assert server.rows_written == 1
