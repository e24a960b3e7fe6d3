"""A record that waits for a person on the Sync screen (mobile.services.refused): why it
waits, and the ways out. A photo set aside: a new photo in its place, or the record
without it, each a new revision that wakes the runner. A refusal by the server: only
giving it up."""

import io

import pytest
from PIL import Image

from domain.rejection import FieldError, Rejection, text_for
from domain.text import Text
from mobile.services.refused import RefusedRecords
from mobile.services.set_aside import NotSetAsideForAPhoto
from mobile.store.records import SyncState
from mobile.store.store import Store


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path) as opened:
        yield opened


@pytest.fixture
def saved():
    return []


@pytest.fixture
def refused(store, saved):
    return RefusedRecords(store, on_saved=[saved.append])


def _photo(store, colour):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(buffer, "PNG")
    return store.photos.add(buffer.getvalue()).sha256


def _rejected(store, rejection, photos=()):
    payload = {"work_order_id": "wo-1", "photos_before": list(photos), "photos_after": []}
    record = store.records.create("repair_check", payload, list(photos))
    store.records.mark_sending([record.id])
    store.records.mark_rejected(record.id, 1, rejection)
    return record.id


def _set_aside_for_a_photo(store):
    bad = _photo(store, "red")
    code = "photo_missing"
    return _rejected(store, Rejection(code, text_for(code), photos=(bad,)), [bad]), bad


def _refused_by_the_server(store):
    wrong = FieldError("estate_id", "estate_forbidden", Text("无权在此项目提交", "Not your estate"))
    return _rejected(store, Rejection("rejected", text_for("rejected"), fields=(wrong,)))


def test_a_photo_set_aside_says_why_and_which_photo(store, refused):
    record_id, bad = _set_aside_for_a_photo(store)

    found = refused.get(record_id)

    assert found.bad_photos == (bad,)
    assert found.record.id == record_id
    assert "找不到" in found.reason.zh and "retake" in found.reason.en.lower()


def test_a_new_photo_takes_the_bad_one_s_place_and_wakes_the_runner(store, refused, saved):
    record_id, bad = _set_aside_for_a_photo(store)
    new = _photo(store, "green")

    record = refused.replace_photo(record_id, new)

    assert record.photos == (new,) and record.payload["photos_before"] == [new]
    assert (record.revision, record.sync_state) == (2, SyncState.PENDING)
    assert saved == [record]
    assert refused.get(record_id) is None  # no longer waits for a person


def test_sent_without_the_bad_photo(store, refused, saved):
    record_id, _bad = _set_aside_for_a_photo(store)

    record = refused.send_without_photos(record_id)

    assert record.photos == () and record.payload["photos_before"] == []
    assert record.sync_state is SyncState.PENDING and saved == [record]


def test_a_server_refusal_gives_the_server_s_words_and_offers_no_photo(store, refused):
    record_id = _refused_by_the_server(store)

    found = refused.get(record_id)

    assert found.bad_photos == ()
    assert found.reason.zh.startswith("无权在此项目提交。服务器退回了这条记录")
    assert found.reason.en.startswith("Not your estate. The server refused this record")
    with pytest.raises(NotSetAsideForAPhoto):
        refused.replace_photo(record_id, _photo(store, "green"))
    assert store.records.get(record_id).sync_state is SyncState.REJECTED


def test_a_discarded_record_is_gone_and_no_longer_waits(store, refused, saved):
    record_id = _refused_by_the_server(store)

    refused.discard(record_id)

    assert refused.get(record_id) is None
    assert store.records.counts()[SyncState.REJECTED] == 0
    assert saved == []


def test_a_record_on_its_way_is_not_offered(store, refused):
    pending = store.records.create("repair_check", {"work_order_id": "wo-1"})

    assert refused.get(pending.id) is None
