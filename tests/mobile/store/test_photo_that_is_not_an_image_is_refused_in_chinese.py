"""Handing the store something that is not a picture raises PhotoNotAnImage with a
Chinese message for the worker, the Pillow error chained, and nothing kept."""

import re

import pytest

from mobile.store.errors import PhotoNotAnImage
from mobile.store.photos import PhotoStore

CHINESE = re.compile(r"[\u4e00-\u9fff]")

NOT_PICTURES = {
    "text": "水泵房漏水，已通知维修。".encode(),
    "empty": b"",
    "pdf": b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n%%EOF\n",
    "html": b"<!doctype html><html><body>not a photo</body></html>",
    "jpeg_magic_then_garbage": b"\xff\xd8\xff\xe0" + b"\x00garbage" * 50,
}


@pytest.mark.parametrize("name", NOT_PICTURES)
def test_photo_that_is_not_an_image_is_refused_in_chinese(tmp_path, name):
    store = PhotoStore(tmp_path)

    with pytest.raises(PhotoNotAnImage) as caught:
        store.add(NOT_PICTURES[name])

    assert CHINESE.search(caught.value.text.zh)
    assert caught.value.text.en
    assert caught.value.__cause__ is not None  # the Pillow error, chained with `from`
    assert store.all_hashes() == []
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]


def test_photo_file_that_cannot_be_read_is_refused(tmp_path):
    with pytest.raises(PhotoNotAnImage) as caught:
        PhotoStore(tmp_path / "store").add(tmp_path / "gone.jpg")

    assert isinstance(caught.value.__cause__, FileNotFoundError)
