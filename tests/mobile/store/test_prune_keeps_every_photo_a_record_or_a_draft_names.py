"""Photos live as long as anything names them: prune keeps every photo a record or a draft
names (photos are content-addressed, so one file can serve both), and removes a photo
nothing names any more only once a grace period has passed since it was last added."""

import io
import os
from datetime import UTC, datetime, timedelta

import pytest
from PIL import Image

from domain.rejection import Rejection, text_for
from mobile.store.records import SyncState
from mobile.store.store import Store

GRACE = timedelta(days=7)


class Clock:
    def __init__(self):
        self.now = datetime.now(UTC)

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def store(tmp_path, clock):
    with Store.open(tmp_path, now=clock) as opened:
        yield opened


def _picture(colour):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(buffer, "PNG")
    return buffer.getvalue()


def _age(store, sha, days):
    """Make the photo file look added ``days`` ago (the test's clock moves, the disk's not)."""
    then = (datetime.now(UTC) - timedelta(days=days)).timestamp()
    os.utime(store.photos.path_for(sha), (then, then))


def test_a_photo_a_draft_names_outlives_the_synced_record_that_shared_it(store, clock):
    sha = store.photos.add(_picture("red")).sha256
    record = store.records.create("patrol_round", {"n": 1}, [sha])
    store.records.mark_sending([record.id])
    store.records.mark_synced(record.id, 1)
    store.drafts.save("complaint:new", {"matter": "同一张照片"}, (sha,))
    _age(store, sha, 60)
    clock.now += timedelta(days=45)

    assert store.prune(timedelta(days=30)) == 1

    assert store.records.counts()[SyncState.SYNCED] == 0
    assert store.photos.has(sha) and store.photos.verify(sha)
    assert store.drafts.load("complaint:new").photos == (sha,)


def test_a_photo_named_only_inside_a_draft_s_fields_is_kept(store, clock):
    sha = store.photos.add(_picture("red")).sha256
    store.drafts.save("patrol_round:r1", {"checkpoints": [{"code": "B1", "photos": [sha]}]})
    _age(store, sha, 60)

    store.prune(timedelta(days=30))

    assert store.photos.has(sha)


def test_a_discarded_draft_s_photo_goes_once_the_grace_period_has_passed(store, clock):
    sha = store.photos.add(_picture("blue")).sha256
    store.drafts.save("complaint:new", {"matter": "拍错了"}, (sha,))
    store.drafts.discard("complaint:new")

    store.prune(timedelta(days=30), unnamed_after=GRACE)
    assert store.photos.has(sha)  # still in its grace period

    clock.now += GRACE + timedelta(days=1)
    store.prune(timedelta(days=30), unnamed_after=GRACE)
    assert not store.photos.has(sha)
    assert not store.photos.thumb_for(sha).exists()


def test_adding_an_old_picture_again_starts_its_grace_period_afresh(store, clock):
    sha = store.photos.add(_picture("green")).sha256
    _age(store, sha, 60)

    assert store.photos.add(_picture("green")).sha256 == sha  # attached anew, draft not yet saved
    store.prune(timedelta(days=30), unnamed_after=GRACE)

    assert store.photos.has(sha)


def test_a_rejected_record_s_photo_is_kept_until_the_record_is_discarded(store, clock):
    sha = store.photos.add(_picture("white")).sha256
    record = store.records.create("complaint", {"n": 1}, [sha])
    store.records.mark_sending([record.id])
    store.records.mark_rejected(record.id, 1, Rejection("rejected", text_for("rejected")))
    _age(store, sha, 60)

    store.prune(timedelta(days=30), unnamed_after=GRACE)
    assert store.photos.has(sha)

    store.records.discard(record.id)
    store.prune(timedelta(days=30), unnamed_after=GRACE)
    assert not store.photos.has(sha)
