"""A screenshot-like PNG with transparency is kept as an RGB JPEG on a white background."""

import io

from PIL import Image

from mobile.store.photos import PhotoStore


def test_photo_png_with_alpha_becomes_an_rgb_jpeg(tmp_path):
    picture = Image.new("RGBA", (100, 50), (0, 0, 0, 0))  # fully transparent (and black)
    picture.paste((200, 30, 30, 255), (50, 0, 100, 50))  # right half opaque red
    out = io.BytesIO()
    picture.save(out, "PNG")

    ref = PhotoStore(tmp_path).add(out.getvalue())

    assert ref.path.suffix == ".jpg"
    with Image.open(ref.path) as stored:
        assert stored.format == "JPEG"
        assert stored.mode == "RGB"
        left, right = stored.getpixel((20, 25)), stored.getpixel((80, 25))
    assert all(channel > 240 for channel in left), left  # transparent became white, not black
    assert right[0] > 170 and right[1] < 70 and right[2] < 70, right
