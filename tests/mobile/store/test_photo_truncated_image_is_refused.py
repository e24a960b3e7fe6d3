"""A photo cut short (interrupted copy, bad SD card) is refused rather than kept half grey."""

import io
import os

import pytest
from PIL import Image

from mobile.store.errors import PhotoNotAnImage
from mobile.store.photos import PhotoStore


def noisy(fmt: str) -> bytes:
    picture = Image.frombytes("RGB", (400, 300), os.urandom(400 * 300 * 3))
    out = io.BytesIO()
    picture.save(out, fmt)
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
@pytest.mark.parametrize("kept", [0.5, 0.9])
def test_photo_truncated_image_is_refused(tmp_path, fmt, kept):
    whole = noisy(fmt)
    store = PhotoStore(tmp_path)

    with pytest.raises(PhotoNotAnImage) as caught:
        store.add(whole[: int(len(whole) * kept)])

    assert "不是图片" in caught.value.text.zh
    assert caught.value.__cause__ is not None
    assert store.all_hashes() == []
