"""Whatever stops a pass, nothing is lost or stuck: in-flight records are pending again."""

import pytest

from domain.text import Text
from mobile.store.records import SyncState
from sync.errors import AuthRequired, BadResponse, ServerError, Unreachable

SMALL, BIG = (800, 600), (1200, 900)  # about 280 KB and 640 KB as the tablet keeps them


@pytest.mark.parametrize(
    "call, error",
    [
        ("push", Unreachable("reset")),
        ("push", ServerError("HTTP 503")),
        ("push", BadResponse("captive portal")),
        ("push", AuthRequired("token_revoked")),
        ("photo_status", Unreachable("reset")),
        ("upload_photos", ServerError("HTTP 500")),
        ("upload_photo", ServerError("HTTP 500")),
    ],
)
def test_failed_pass_releases_the_batch_and_the_next_pass_completes(
    store, server, engine, photo, call, error
):
    # A photo too big to go whole goes in chunks from where the server stands (asked with
    # photo_status, then upload_photo); a small one goes whole in a batch (upload_photos).
    size = BIG if call in ("photo_status", "upload_photo") else SMALL
    ids = [
        store.records.create("complaint", {"estate_id": "e1"}, [photo(size)]).id for _ in range(2)
    ]
    server.fail_next(call, error)

    with pytest.raises(type(error)):
        engine.run_once()

    assert {store.records.get(i).sync_state for i in ids} == {SyncState.PENDING}
    assert isinstance(engine.status.last_error, Text)
    assert engine.status.pending_records == 2

    engine.run_once()

    assert {store.records.get(i).sync_state for i in ids} == {SyncState.SYNCED}
    assert set(server.records) == set(ids)
    assert server.rows_written == 2  # a repeat is a duplicate, never a second row


def test_photo_cut_off_half_way_resumes_from_the_servers_offset(store, server, engine, photo):
    sha = photo(BIG)
    record = store.records.create("repair_check", {"estate_id": "e1"}, [sha])
    server.photo_chunk_limit = 10_000

    with pytest.raises(Unreachable):
        engine.run_once()
    assert len(server.photos[sha]) == 10_000

    engine.run_once()

    assert bytes(server.photos[sha]) == store.photos.open_bytes(sha)
    assert store.records.get(record.id).sync_state is SyncState.SYNCED


def test_pull_failure_pushes_nothing_and_loses_nothing(store, server, engine):
    store.records.create("complaint", {"estate_id": "e1"})
    server.fail_next("pull", Unreachable("no signal"))

    with pytest.raises(Unreachable):
        engine.run_once()

    assert "push" not in server.calls
    assert engine.status.online is False
    assert store.records.counts()[SyncState.PENDING] == 1
