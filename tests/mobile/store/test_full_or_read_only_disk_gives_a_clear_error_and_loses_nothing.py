"""A full or read-only disk: a clear error, the entry being saved is wholly absent,
and everything saved before is untouched. Uses a real 1 MiB tmpfs."""

import pytest

from mobile.store.errors import DiskFull, ReadOnlyStorage
from mobile.store.store import Store

BIG_NOTE = "消防通道堆放杂物，已通知业主清理。" * 400  # about 20 KB: needs fresh pages


def test_save_on_a_full_disk_fails_cleanly_and_the_store_recovers(small_tmpfs):
    data = small_tmpfs.path / "data"
    with Store.open(data) as store:
        kept = [store.records.create("complaint", {"n": n}).id for n in range(20)]
        store.drafts.save("complaint:new", {"matter": "楼道灯不亮"})
        filler = small_tmpfs.fill_up()

        with pytest.raises(DiskFull) as raised:
            store.records.create("patrol_round", {"note": BIG_NOTE})

        assert "已满" in raised.value.text.zh
        assert "full" in raised.value.text.en
        assert [store.records.get(i).payload["n"] for i in kept] == list(range(20))
        filler.unlink()
        saved_after = store.records.create("patrol_round", {"note": "空间已释放"})

    with Store.open(data) as reopened:
        records = reopened.records.find()
        assert sorted(r.payload.get("n", -1) for r in records) == [-1, *range(20)]
        assert [r.id for r in records if "note" in r.payload] == [saved_after.id]
        assert reopened.drafts.load("complaint:new").fields == {"matter": "楼道灯不亮"}


def test_store_on_a_read_only_disk_refuses_to_open_with_a_clear_error(small_tmpfs):
    data = small_tmpfs.path / "data"
    with Store.open(data) as store:
        record = store.records.create("complaint", {"room": "1101"})
    small_tmpfs.make_read_only()

    with pytest.raises(ReadOnlyStorage) as raised:
        Store.open(data)

    assert "只读" in raised.value.text.zh
    small_tmpfs.make_writable()
    with Store.open(data) as reopened:
        assert reopened.records.get(record.id).payload == {"room": "1101"}
