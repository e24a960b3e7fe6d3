"""A write refused for another reason (here: the photos folder is not a folder) raises the
general StoreWriteFailed, chained from the OSError, and leaves no thumbnail behind."""

import io

import pytest
from PIL import Image

from mobile.store.errors import DiskFull, ReadOnlyStorage, StoreWriteFailed
from mobile.store.photos import PhotoStore


def test_photo_other_write_error_raises_store_write_failed(tmp_path):
    (tmp_path / "photos").write_bytes(b"not a folder")
    store = PhotoStore(tmp_path)
    out = io.BytesIO()
    Image.new("RGB", (300, 200), "purple").save(out, "JPEG")

    with pytest.raises(StoreWriteFailed) as caught:
        store.add(out.getvalue())

    assert not isinstance(caught.value, DiskFull | ReadOnlyStorage)
    assert isinstance(caught.value.__cause__, OSError)
    assert "保存失败" in caught.value.text.zh
    assert not [p for p in (tmp_path / "thumbs").rglob("*") if p.is_file()]
