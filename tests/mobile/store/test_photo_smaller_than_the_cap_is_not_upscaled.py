"""A picture already within 1600 px keeps its size: the store never upscales."""

import io

import pytest
from PIL import Image

from mobile.store.photos import PhotoStore


@pytest.mark.parametrize("size", [(640, 480), (1600, 1200), (1, 1), (300, 1600)])
def test_photo_smaller_than_the_cap_is_not_upscaled(tmp_path, size):
    out = io.BytesIO()
    Image.new("RGB", size, "green").save(out, "JPEG")

    ref = PhotoStore(tmp_path).add(out.getvalue())

    assert (ref.width, ref.height) == size
    with Image.open(ref.path) as stored:
        assert stored.size == size
