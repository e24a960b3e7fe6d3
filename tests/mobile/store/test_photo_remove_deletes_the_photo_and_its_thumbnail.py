"""After the server confirmed a photo, pruning removes it and its thumbnail; removing it
again (a retried prune) is harmless."""

import io

import pytest
from PIL import Image

from mobile.store.errors import PhotoNotFound
from mobile.store.photos import PhotoStore


def test_photo_remove_deletes_the_photo_and_its_thumbnail(tmp_path):
    store = PhotoStore(tmp_path)
    refs = []
    for colour in ("red", "green"):
        out = io.BytesIO()
        Image.new("RGB", (400, 300), colour).save(out, "JPEG")
        refs.append(store.add(out.getvalue()))
    gone, kept = refs

    store.remove(gone.sha256)
    store.remove(gone.sha256)

    assert not gone.path.exists() and not gone.thumb_path.exists()
    assert not store.has(gone.sha256)
    with pytest.raises(PhotoNotFound):
        store.open_bytes(gone.sha256)
    assert store.all_hashes() == [kept.sha256]
    assert store.verify(kept.sha256)
