"""A tiny file claiming a gigantic picture (a decompression bomb) is refused before it is
decoded, with a message saying why, instead of exhausting the tablet's memory."""

import struct
import zlib

import pytest
from PIL import Image

from mobile.store.errors import PhotoNotAnImage
from mobile.store.photos import PhotoStore


def png_claiming(width: int, height: int) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + body))
        return struct.pack(">I", len(body)) + kind + body + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


def test_photo_decompression_bomb_is_refused(tmp_path):
    bomb = png_claiming(40_000, 40_000)  # 1.6 gigapixels in well under 100 bytes
    assert len(bomb) < 100

    with pytest.raises(PhotoNotAnImage) as caught:
        PhotoStore(tmp_path).add(bomb)

    assert isinstance(caught.value.__cause__, Image.DecompressionBombError)
    assert "像素" in caught.value.text.zh
    assert "too many pixels" in caught.value.text.en
