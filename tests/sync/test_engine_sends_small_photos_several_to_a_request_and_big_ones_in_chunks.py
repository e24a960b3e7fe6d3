"""Small photos go whole, several to a request, so each costs no request of its own; a
photo bigger than a chunk goes in resumable chunks; a photo the server holds part of
goes on from there."""

import io

from PIL import Image

from sync import protocol


def test_the_small_photos_of_a_pass_go_in_one_request(store, server, engine, photo):
    hashes = [photo() for _ in range(5)]
    store.records.create("repair_check", {"estate_id": "e1"}, hashes[:3])
    store.records.create("complaint", {"estate_id": "e1"}, hashes[3:])
    engine.push_batch = 10

    report = engine.run_once()

    assert report.photos_sent == 5
    assert server.photo_batches == [sorted(hashes)]
    assert "upload_photo" not in server.calls
    for sha in hashes:
        assert bytes(server.photos[sha]) == store.photos.open_bytes(sha)
    assert engine.status.bytes_sent == engine.status.bytes_total


def test_a_photo_bigger_than_a_chunk_goes_in_chunks_and_the_small_ones_still_together(
    store, server, engine, photo
):
    small = [photo() for _ in range(2)]
    big = photo(size=(1200, 900))
    assert len(store.photos.open_bytes(big)) > protocol.PHOTO_CHUNK_SIZE
    store.records.create("repair_check", {"estate_id": "e1"}, [*small, big])

    engine.run_once()

    assert server.calls.count("upload_photo") == 1
    assert sorted(sha for batch in server.photo_batches for sha in batch) == sorted(small)
    assert bytes(server.photos[big]) == store.photos.open_bytes(big)


def test_batches_hold_no_more_photo_bytes_than_a_request_carries_now(store, server, engine, photo):
    hashes = [photo() for _ in range(6)]
    store.records.create("repair_check", {"estate_id": "e1"}, hashes)
    sizes = {sha: len(store.photos.open_bytes(sha)) for sha in hashes}
    limit = 2 * max(sizes.values()) + 1
    engine.photo_bytes_now = limit

    engine.run_once()

    first, *others = server.photo_batches
    assert len(first) == 2 and sum(sizes[sha] for sha in first) <= limit
    assert engine.photo_bytes_now > limit  # each batch that got through doubled it
    assert sorted(sha for batch in server.photo_batches for sha in batch) == sorted(hashes)


def test_no_batch_names_more_photos_than_the_protocol_allows(store, server, engine, monkeypatch):
    monkeypatch.setattr(protocol, "PHOTO_BATCH_MAX_COUNT", 2)
    hashes = [store.photos.add(_tiny_png(n)).sha256 for n in range(5)]
    store.records.create("repair_check", {"estate_id": "e1"}, hashes)

    engine.run_once()

    assert [len(batch) for batch in server.photo_batches] == [2, 2, 1]


def test_a_big_photo_the_server_holds_part_of_goes_on_from_there_a_small_one_goes_whole(
    store, server, engine, photo
):
    big, small = photo(size=(1200, 900)), photo()
    store.records.create("repair_check", {"estate_id": "e1"}, [big, small])
    for sha in (big, small):
        server.photos[sha] = bytearray(store.photos.open_bytes(sha)[:1000])

    engine.run_once()

    # The fake server refuses a chunk that does not start where it stands.
    assert server.calls.count("photo_status") == 1  # asked for the big one only
    assert server.photo_batches == [[small]]
    for sha in (big, small):
        assert bytes(server.photos[sha]) == store.photos.open_bytes(sha)
    assert engine.status.bytes_sent == engine.status.bytes_total


def test_only_photos_the_server_lacks_are_sent_and_no_question_is_asked_for_small_ones(
    store, server, engine, photo
):
    held, lacking = photo(), photo()
    server.photos[held] = bytearray(store.photos.open_bytes(held))
    store.records.create("repair_check", {"estate_id": "e1"}, [held, lacking])

    report = engine.run_once()

    assert report.photos_sent == 1
    assert server.photo_batches == [[lacking]]
    assert "photo_status" not in server.calls


def _tiny_png(n: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40 + n, 30), (n * 40, 0, 0)).save(buffer, "PNG")
    return buffer.getvalue()


def test_a_photo_is_read_from_the_store_only_for_its_own_request(store, server, engine, photo):
    hashes = [photo() for _ in range(6)]
    store.records.create("repair_check", {"estate_id": "e1"}, hashes)
    engine.photo_bytes_now = 2 * max(len(store.photos.open_bytes(sha)) for sha in hashes) + 1
    read, read_before_each_batch = [], []
    real_read, real_upload = engine.outbox.photo_bytes, server.upload_photos

    def photo_bytes(sha):
        read.append(sha)
        return real_read(sha)

    def upload_photos(photos, on_sent):
        read_before_each_batch.append(len(read))
        return real_upload(photos, on_sent)

    engine.outbox.photo_bytes, server.upload_photos = photo_bytes, upload_photos

    engine.run_once()

    # Each batch request had read its own photos and no more.
    sent = [len(batch) for batch in server.photo_batches]
    assert read_before_each_batch == [sum(sent[: n + 1]) for n in range(len(sent))]
    assert sorted(read) == sorted(hashes)
