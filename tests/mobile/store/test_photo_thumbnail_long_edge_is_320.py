"""Each photo gets a JPEG thumbnail whose long edge is 320 px (smaller ones stay as they are)."""

import io

import pytest
from PIL import Image

from mobile.store.photos import PhotoStore


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        ((4000, 3000), (320, 240)),
        ((900, 1600), (180, 320)),
        ((200, 100), (200, 100)),  # never upscaled
    ],
)
def test_photo_thumbnail_long_edge_is_320(tmp_path, size, expected):
    out = io.BytesIO()
    Image.new("RGB", size, "orange").save(out, "JPEG")
    store = PhotoStore(tmp_path)

    ref = store.add(out.getvalue())

    assert ref.thumb_path == store.thumb_for(ref.sha256)
    assert ref.thumb_path.parent.name == ref.sha256[:2]
    with Image.open(ref.thumb_path) as thumb:
        assert thumb.format == "JPEG"
        assert thumb.size == expected
