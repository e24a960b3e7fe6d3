"""Some file systems (FUSE, certain Android mounts) refuse fsync on a directory: they
have nothing to flush. The journal and the photo store both carry on there, and a real
failure to flush a directory is still a failed write."""

import errno
import io
import os
import stat

import pytest
from PIL import Image

from mobile.store.errors import StoreWriteFailed
from mobile.store.store import Store


def _refuse_directory_fsync(monkeypatch, code: int) -> list[int]:
    """Make fsync of any directory fail with ``code``; returns a list the refusals land in."""
    real_fsync, refused = os.fsync, []

    def fsync(fd: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            refused.append(fd)
            raise OSError(code, os.strerror(code))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    return refused


def _picture() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 200), "teal").save(out, "JPEG")
    return out.getvalue()


@pytest.mark.parametrize("code", [errno.EINVAL, errno.ENOTSUP])
def test_records_photos_and_compaction_work_where_directories_cannot_be_fsynced(
    tmp_path, monkeypatch, code
):
    refused = _refuse_directory_fsync(monkeypatch, code)
    with Store.open(tmp_path) as store:
        sha = store.photos.add(_picture()).sha256
        record = store.records.create("complaint", {"estate_id": "hxy"}, [sha])
        store.journal.compact()
    monkeypatch.undo()

    assert refused  # the journal and the photo store both asked, and were refused
    with Store.open(tmp_path) as store:
        assert store.records.get(record.id).photos == (sha,)
        assert store.photos.has(sha)


def test_a_real_failure_to_flush_a_directory_is_a_failed_write(tmp_path, monkeypatch):
    with Store.open(tmp_path) as store:
        store.records.create("complaint", {"estate_id": "hxy"})
        _refuse_directory_fsync(monkeypatch, errno.EIO)

        with pytest.raises(StoreWriteFailed):
            store.journal.compact()
