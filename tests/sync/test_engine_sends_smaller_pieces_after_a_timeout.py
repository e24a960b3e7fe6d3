"""A timeout means the piece was too big for the link: the next try sends a quarter of it
(never less than the floor), and every piece that gets through doubles the size again."""

import pytest

from sync import engine as engine_module
from sync import protocol
from sync.errors import TimedOut, Unreachable


def _records(store, count):
    for n in range(count):
        store.records.create("complaint", {"estate_id": "e1", "matter": f"{n} " + "噪音" * 400})


def test_a_push_that_timed_out_goes_again_as_smaller_batches(store, server, engine):
    engine.push_batch = 500
    _records(store, 40)
    server.fail_next("push", TimedOut("no answer in time"))

    with pytest.raises(TimedOut):
        engine.run_once()
    shrunk = engine.push_bytes_now
    engine.run_once()

    assert engine_module.MIN_PUSH_BYTES <= shrunk < 40 * 2_400 // 2
    assert all(size <= shrunk * 2 for size in server.push_bodies)
    assert store.records.pending() == []


def test_a_refused_connection_is_no_reason_to_send_smaller_pieces(store, server, engine):
    _records(store, 3)
    server.fail_next("push", Unreachable("refused"))

    with pytest.raises(Unreachable):
        engine.run_once()

    assert engine.push_bytes_now == engine.push_batch_bytes


def test_a_photo_that_timed_out_goes_again_in_smaller_chunks_which_then_grow(
    store, server, engine, photo
):
    sha = photo(size=(1200, 900))
    store.records.create("complaint", {"estate_id": "e1"}, [sha])
    size = len(store.photos.open_bytes(sha))
    server.fail_next("upload_photo", TimedOut("no answer in time"))

    with pytest.raises(TimedOut):
        engine.run_once()

    shrunk = max(engine_module.MIN_PHOTO_BYTES, min(protocol.PHOTO_CHUNK_SIZE, size) // 4)
    assert engine.photo_bytes_now == shrunk
    engine.run_once()
    assert engine.photo_bytes_now >= 2 * shrunk  # chunks got through
    assert store.records.pending() == []


def test_a_photo_batch_that_timed_out_goes_again_as_smaller_batches_which_then_grow(
    store, server, engine, photo
):
    hashes = [photo() for _ in range(4)]
    store.records.create("complaint", {"estate_id": "e1"}, hashes)
    sizes = [len(store.photos.open_bytes(sha)) for sha in hashes]
    server.fail_next("upload_photos", TimedOut("no answer in time"))

    with pytest.raises(TimedOut):
        engine.run_once()

    assert engine.photo_bytes_now == sum(sizes) // 4
    engine.run_once()
    assert all(len(batch) < len(hashes) for batch in server.photo_batches)
    assert engine.photo_bytes_now > sum(sizes) // 4  # what got through grew it again
    assert store.records.pending() == []
