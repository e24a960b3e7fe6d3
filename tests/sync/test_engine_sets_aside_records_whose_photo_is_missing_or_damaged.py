"""Photos are checked against their hashes before their records go: a record with a missing
or damaged photo is set aside with the reason, and every other record keeps flowing."""

from mobile.store.records import SyncState


def _damage(store, sha):
    path = store.photos.path_for(sha)
    data = bytearray(path.read_bytes())
    data[100] ^= 0xFF
    path.write_bytes(bytes(data))


def test_a_whole_batch_of_bad_records_does_not_stop_the_batches_after_it(
    store, server, engine, photo
):
    missing, damaged = photo(), photo()
    bad = [
        store.records.create("complaint", {"estate_id": "e1", "n": n}, [sha]).id
        for n, sha in enumerate([missing, damaged, damaged, missing])
    ]  # push_batch is 3: the first batch is all bad, the second half bad
    good = [
        store.records.create("complaint", {"estate_id": "e1", "n": n}, [photo()]).id
        for n in range(4, 9)
    ]
    store.photos.path_for(missing).unlink()
    _damage(store, damaged)

    report = engine.run_once()

    assert set(server.records) == set(good)
    assert report.set_aside == 4 and report.synced == 5
    assert {store.records.get(i).sync_state for i in good} == {SyncState.SYNCED}
    reasons = [store.records.get(i).rejection for i in bad]
    assert [r.code for r in reasons] == [
        "photo_missing",
        "photo_damaged",
        "photo_damaged",
        "photo_missing",
    ]
    assert [r.photos for r in reasons] == [(missing,), (damaged,), (damaged,), (missing,)]
    assert engine.status.pending_records == 0
    assert engine.status.last_error is None


def test_a_photo_named_by_several_records_is_checked_once_a_pass(store, server, engine, photo):
    shared = photo()
    for n in range(6):
        store.records.create("complaint", {"estate_id": "e1", "n": n}, [shared])
    checked = []
    real_verify = store.photos.verify
    store.photos.verify = lambda sha: checked.append(sha) or real_verify(sha)

    engine.run_once()

    assert checked == [shared]
    assert store.records.counts()[SyncState.SYNCED] == 6


def test_a_photo_name_that_is_no_hash_is_left_to_the_server_to_refuse(store, server, engine):
    odd = store.records.create("complaint", {"estate_id": "e1"}, ["IMG_0001.jpg"]).id
    good = store.records.create("complaint", {"estate_id": "e1", "n": 2}).id
    invalid = {
        "field": "photos",
        "code": "invalid_photo_list",
        "message": {"zh": "无效", "en": "?"},
    }
    server.reject = lambda record: [invalid] if record["id"] == odd else None  # as the real one

    engine.run_once()

    assert store.records.get(odd).rejection.fields[0].code == "invalid_photo_list"
    assert store.records.get(good).sync_state is SyncState.SYNCED
