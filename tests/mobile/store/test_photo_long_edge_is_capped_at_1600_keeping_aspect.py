"""Camera frames are shrunk so the long edge is 1600 px, with the aspect ratio kept."""

import io

import pytest
from PIL import Image

from mobile.store.photos import PhotoStore


def source(size, fmt):
    out = io.BytesIO()
    Image.new("RGB", size, (90, 120, 150)).save(out, fmt)
    return out.getvalue()


@pytest.mark.parametrize(
    ("size", "fmt", "expected"),
    [
        ((4000, 3000), "JPEG", (1600, 1200)),  # landscape camera frame (decoded at reduced scale)
        ((3000, 4000), "JPEG", (1200, 1600)),  # portrait
        ((4001, 2251), "JPEG", (1600, 900)),  # 16:9 with odd pixel counts
        ((2000, 500), "PNG", (1600, 400)),  # panorama, not a JPEG source
        ((1601, 1601), "PNG", (1600, 1600)),  # one pixel over the cap
    ],
)
def test_photo_long_edge_is_capped_at_1600_keeping_aspect(tmp_path, size, fmt, expected):
    ref = PhotoStore(tmp_path).add(source(size, fmt))

    assert (ref.width, ref.height) == expected
    with Image.open(ref.path) as stored:
        assert stored.size == expected
    assert abs(expected[0] / expected[1] - size[0] / size[1]) < 0.01
