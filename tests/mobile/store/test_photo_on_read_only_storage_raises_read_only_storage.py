"""When the storage turns read-only, add() and remove() raise ReadOnlyStorage and the
photos already kept stay readable and intact."""

import errno
import io

import pytest
from PIL import Image

from mobile.store.errors import ReadOnlyStorage
from mobile.store.photos import PhotoStore


def photo(colour) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (120, 90), colour).save(out, "JPEG")
    return out.getvalue()


def test_photo_on_read_only_storage_raises_read_only_storage(small_tmpfs):
    store = PhotoStore(small_tmpfs.path / "app")
    earlier = store.add(photo("teal"))
    small_tmpfs.make_read_only()

    with pytest.raises(ReadOnlyStorage) as caught:
        store.add(photo("maroon"))

    assert caught.value.__cause__.errno == errno.EROFS
    assert "只读" in caught.value.text.zh
    assert store.all_hashes() == [earlier.sha256]
    assert store.verify(earlier.sha256)


def test_photo_remove_on_read_only_storage_raises_read_only_storage(small_tmpfs):
    store = PhotoStore(small_tmpfs.path / "app")
    earlier = store.add(photo("teal"))
    small_tmpfs.make_read_only()

    with pytest.raises(ReadOnlyStorage):
        store.remove(earlier.sha256)

    assert store.has(earlier.sha256)
    assert store.verify(earlier.sha256)


def test_photo_store_opens_on_read_only_storage_for_reading(small_tmpfs):
    earlier = PhotoStore(small_tmpfs.path / "app").add(photo("teal"))
    small_tmpfs.make_read_only()

    reopened = PhotoStore(small_tmpfs.path / "app")

    assert reopened.all_hashes() == [earlier.sha256]
    assert reopened.open_bytes(earlier.sha256) == earlier.path.read_bytes()
