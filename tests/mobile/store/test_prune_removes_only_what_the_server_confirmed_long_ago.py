"""Nothing leaves the tablet before the server confirmed it; old confirmed records go."""

import os
from datetime import UTC, datetime, timedelta

from PIL import Image

from domain.rejection import Rejection
from domain.text import Text
from mobile.store.records import SyncState
from mobile.store.store import Store


def _photo_bytes(tmp_path, colour):
    path = tmp_path / f"{colour}.png"
    Image.new("RGB", (40, 30), colour).save(path)
    return path.read_bytes()


def test_prune_keeps_unsynced_and_recent_records_and_drops_old_confirmed_ones(tmp_path):
    now = [datetime(2026, 10, 1, tzinfo=UTC)]
    with Store.open(tmp_path / "data", now=lambda: now[0]) as store:
        shared_photo = store.photos.add(_photo_bytes(tmp_path, "red")).sha256
        only_old_photo = store.photos.add(_photo_bytes(tmp_path, "blue")).sha256
        for sha in (shared_photo, only_old_photo):  # the files are as old as the test's clock
            os.utime(store.photos.path_for(sha), (now[0].timestamp(), now[0].timestamp()))
        old = store.records.create("patrol_round", {"n": 1}, [shared_photo, only_old_photo])
        pending = store.records.create("complaint", {"n": 2}, [shared_photo])
        rejected = store.records.create("complaint", {"n": 3})
        store.records.mark_sending([old.id, rejected.id])
        store.records.mark_synced(old.id, 1)
        store.records.mark_rejected(rejected.id, 1, Rejection("rejected", Text("退回", "Refused")))
        now[0] += timedelta(days=29)
        recent = store.records.create("patrol_round", {"n": 4})
        store.records.mark_sending([recent.id])
        store.records.mark_synced(recent.id, 1)
        now[0] += timedelta(days=2)

        assert store.prune(timedelta(days=30)) == 1

        remaining = {r.id for s in SyncState for r in store.records.find(state=s)}
        assert remaining == {pending.id, rejected.id, recent.id}
        assert store.photos.has(shared_photo)
        assert not store.photos.has(only_old_photo)
