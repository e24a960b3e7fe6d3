"""Palette, grey-with-alpha, CMYK, 16-bit and 1-bit pictures all end up as faithful RGB JPEGs."""

import io

import pytest
from PIL import Image

from mobile.store.photos import PhotoStore

WHITE = (255, 255, 255)


def encoded(image: Image.Image, fmt: str, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def palette_with_transparent_index():
    image = Image.new("P", (32, 32), 1)
    image.putpalette([200, 30, 30, 0, 0, 0] + [0] * 762)
    return encoded(image, "PNG", transparency=1)


def sixteen_bit_grey():
    image = Image.new("I;16", (32, 32))
    image.paste(128 * 257, (0, 0, 32, 32))  # mid grey on the 16-bit scale
    return encoded(image, "PNG")


CASES = {
    "palette_png": (
        encoded(Image.new("RGB", (32, 32), (200, 30, 30)).quantize(8), "PNG"),
        (200, 30, 30),
    ),
    "palette_png_transparent": (palette_with_transparent_index(), WHITE),
    "palette_gif": (
        encoded(Image.new("RGB", (32, 32), (30, 30, 200)).quantize(8), "GIF"),
        (30, 30, 200),
    ),
    "grey_alpha_png_transparent": (encoded(Image.new("LA", (32, 32), (0, 0)), "PNG"), WHITE),
    "grey_alpha_png_opaque": (encoded(Image.new("LA", (32, 32), (60, 255)), "PNG"), (60, 60, 60)),
    "cmyk_jpeg": (encoded(Image.new("CMYK", (32, 32), (0, 255, 255, 0)), "JPEG"), (255, 0, 0)),
    "sixteen_bit_grey_png": (sixteen_bit_grey(), (128, 128, 128)),
    "one_bit_png": (encoded(Image.new("1", (32, 32), 1), "PNG"), WHITE),
    "grey_jpeg": (encoded(Image.new("L", (32, 32), 100), "JPEG"), (100, 100, 100)),
    "webp": (
        encoded(Image.new("RGB", (32, 32), (30, 160, 30)), "WEBP", lossless=True),
        (30, 160, 30),
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_photo_of_any_colour_mode_is_stored_as_rgb_jpeg(tmp_path, case):
    source, expected = CASES[case]

    ref = PhotoStore(tmp_path).add(source)

    with Image.open(ref.path) as stored:
        assert stored.format == "JPEG"
        assert stored.mode == "RGB"
        centre = stored.getpixel((16, 16))
    assert all(abs(c - e) <= 12 for c, e in zip(centre, expected, strict=True)), centre
