"""A record set aside for a missing or damaged photo: the user retakes the photo, removes it
or discards the record; the photo is changed wherever the record names it."""

import io

import pytest
from PIL import Image

from domain.rejection import Rejection, text_for
from mobile.services.set_aside import (
    NotSetAsideForAPhoto,
    bad_photos,
    remove_bad_photos,
    retake_photo,
)
from mobile.store.records import SyncState
from mobile.store.store import Store


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path) as opened:
        yield opened


def _photo(store, colour):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(buffer, "PNG")
    return store.photos.add(buffer.getvalue()).sha256


def _set_aside(store, code="photo_missing"):
    before, after = _photo(store, "red"), _photo(store, "blue")
    payload = {"work_order_id": "wo-1", "photos_before": [before], "photos_after": [after]}
    record = store.records.create("repair_check", payload, [before, after])
    store.records.mark_sending([record.id])
    store.records.mark_rejected(record.id, 1, Rejection(code, text_for(code), photos=(before,)))
    return record.id, before, after


def test_removing_the_bad_photo_sends_the_record_without_it(store):
    record_id, before, after = _set_aside(store)

    fixed = remove_bad_photos(store, record_id)

    assert fixed.photos == (after,)
    assert fixed.payload == {"work_order_id": "wo-1", "photos_before": [], "photos_after": [after]}
    assert (fixed.revision, fixed.sync_state, fixed.rejection) == (2, SyncState.PENDING, None)


def test_a_retaken_photo_takes_the_bad_one_s_place(store):
    record_id, before, after = _set_aside(store, "photo_damaged")
    new = _photo(store, "green")

    fixed = retake_photo(store, record_id, before, new)

    assert fixed.photos == (new, after)
    assert fixed.payload["photos_before"] == [new]
    assert fixed.sync_state is SyncState.PENDING


def test_the_record_can_be_discarded(store):
    record_id, _, _ = _set_aside(store)

    store.records.discard(record_id)

    assert store.records.counts()[SyncState.REJECTED] == 0


def test_a_record_refused_for_another_reason_has_no_photo_to_deal_with(store):
    record = store.records.create("complaint", {"room": "1101"})
    store.records.mark_sending([record.id])
    store.records.mark_rejected(record.id, 1, Rejection("rejected", text_for("rejected")))

    assert bad_photos(store.records.get(record.id)) == ()
    with pytest.raises(NotSetAsideForAPhoto) as refused:
        remove_bad_photos(store, record.id)
    assert "照片" in refused.value.text.zh
