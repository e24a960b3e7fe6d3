"""On a really full file system, add() raises DiskFull, leaves no partial or temp file,
and the photos kept before are untouched; once space is freed, adding works again."""

import errno
import io
import os

import pytest
from PIL import Image

from mobile.store.errors import DiskFull
from mobile.store.photos import PhotoStore


def small_photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (70, 70, 200)).save(out, "JPEG")
    return out.getvalue()


def large_photo() -> bytes:
    """Noise compresses badly: kept, it takes about 500 KB (half the 1 MiB disk) and its
    thumbnail about 23 KB, so the three cases below fail at different points."""
    noise = Image.frombytes("RGB", (1000, 750), os.urandom(1000 * 750 * 3))
    out = io.BytesIO()
    noise.save(out, "JPEG", quality=95)
    return out.getvalue()


def files_under(path):
    return {p for p in path.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    "leave_free",
    [0, 16 * 1024, 256 * 1024],
    ids=["nothing_free", "room_for_part_of_the_thumbnail", "room_for_the_thumbnail_only"],
)
def test_photo_on_a_full_disk_raises_disk_full_and_leaves_no_partial_file(small_tmpfs, leave_free):
    store = PhotoStore(small_tmpfs.path / "app")
    earlier = store.add(small_photo())
    earlier_bytes = earlier.path.read_bytes()
    earlier_thumb = earlier.thumb_path.read_bytes()
    big = large_photo()
    filler = small_tmpfs.fill_up(leave_free=leave_free)

    with pytest.raises(DiskFull) as caught:
        store.add(big)

    assert isinstance(caught.value.__cause__, OSError)
    assert caught.value.__cause__.errno == errno.ENOSPC
    assert "空间已满" in caught.value.text.zh
    assert files_under(small_tmpfs.path) == {earlier.path, earlier.thumb_path, filler}
    assert store.all_hashes() == [earlier.sha256]
    assert store.verify(earlier.sha256)
    assert earlier.path.read_bytes() == earlier_bytes
    assert earlier.thumb_path.read_bytes() == earlier_thumb

    filler.unlink()
    added = store.add(big)
    assert store.verify(added.sha256)
    assert store.all_hashes() == sorted([earlier.sha256, added.sha256])
