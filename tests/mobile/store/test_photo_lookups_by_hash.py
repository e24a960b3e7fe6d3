"""Look-ups take the hash a record holds: paths are derived from it, a malformed hash is
refused (it can never reach outside the store), an unknown one is simply absent."""

import io

import pytest
from PIL import Image

from mobile.store.errors import PhotoNotFound, RecordNotFound
from mobile.store.photos import PhotoStore

UNKNOWN = "0" * 64


def test_photo_lookups_by_hash(tmp_path):
    store = PhotoStore(tmp_path)
    out = io.BytesIO()
    Image.new("RGB", (200, 200), "khaki").save(out, "JPEG")
    ref = store.add(out.getvalue())

    assert store.path_for(ref.sha256) == ref.path
    assert store.thumb_for(ref.sha256) == ref.thumb_path
    assert store.path_for(ref.sha256.upper()) == ref.path
    assert store.has(ref.sha256)
    assert store.open_bytes(ref.sha256) == ref.path.read_bytes()
    assert store.size(ref.sha256) == len(store.open_bytes(ref.sha256)) == ref.size_bytes


def test_photo_unknown_hash_is_absent(tmp_path):
    store = PhotoStore(tmp_path)

    assert not store.has(UNKNOWN)
    assert not store.verify(UNKNOWN)
    store.remove(UNKNOWN)
    with pytest.raises(PhotoNotFound) as caught:
        store.open_bytes(UNKNOWN)
    assert isinstance(caught.value, RecordNotFound)
    assert "照片" in caught.value.text.zh
    with pytest.raises(PhotoNotFound):
        store.size(UNKNOWN)


@pytest.mark.parametrize(
    "bad", ["", "abc", "../" + "a" * 61, "g" * 64, "a" * 63, "a" * 65, "a" * 63 + "/"]
)
def test_photo_malformed_hash_is_refused(tmp_path, bad):
    store = PhotoStore(tmp_path)

    for lookup in (store.path_for, store.thumb_for, store.has, store.verify, store.remove):
        with pytest.raises(ValueError):
            lookup(bad)
