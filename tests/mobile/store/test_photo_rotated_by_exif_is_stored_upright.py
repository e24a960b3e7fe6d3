"""A camera held sideways writes the pixels sideways and an EXIF Orientation tag;
the store applies the tag so the kept photo is upright without any metadata."""

import io

import pytest
from PIL import Image

from mobile.store.photos import PhotoStore

ORIENTATION = 0x0112
RED, GREEN, BLUE, YELLOW = (230, 20, 20), (20, 200, 20), (20, 20, 230), (230, 230, 20)

# What a viewer applies to show the picture upright, per the EXIF spec ...
_TO_UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
# ... and its inverse, which is what the camera did to the pixels it wrote.
_AS_THE_CAMERA_WROTE_IT = {
    **_TO_UPRIGHT,
    6: Image.Transpose.ROTATE_90,
    8: Image.Transpose.ROTATE_270,
}


def upright_scene() -> Image.Image:
    """64x32, four coloured quadrants: any flip or quarter turn shows."""
    scene = Image.new("RGB", (64, 32))
    scene.paste(RED, (0, 0, 32, 16))
    scene.paste(GREEN, (32, 0, 64, 16))
    scene.paste(BLUE, (0, 16, 32, 32))
    scene.paste(YELLOW, (32, 16, 64, 32))
    return scene


def camera_jpeg(orientation: int) -> bytes:
    pixels = upright_scene()
    if orientation != 1:
        pixels = pixels.transpose(_AS_THE_CAMERA_WROTE_IT[orientation])
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    out = io.BytesIO()
    pixels.save(out, "JPEG", quality=95, exif=exif)
    return out.getvalue()


def close_to(actual, expected, tolerance=40):
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=True))


@pytest.mark.parametrize("orientation", range(1, 9))
def test_photo_rotated_by_exif_is_stored_upright(tmp_path, orientation):
    store = PhotoStore(tmp_path)

    ref = store.add(camera_jpeg(orientation))

    with Image.open(ref.path) as stored:
        assert stored.size == (64, 32) == (ref.width, ref.height)
        assert ORIENTATION not in stored.getexif()
        quadrants = {(8, 4): RED, (56, 4): GREEN, (8, 28): BLUE, (56, 28): YELLOW}
        for (x, y), colour in quadrants.items():
            assert close_to(stored.getpixel((x, y)), colour), (orientation, (x, y))


def test_photo_taken_in_portrait_keeps_portrait_dimensions_after_downscaling(tmp_path):
    sideways = Image.new("RGB", (4000, 3000), "white")
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    out = io.BytesIO()
    sideways.save(out, "JPEG", exif=exif)

    ref = PhotoStore(tmp_path).add(out.getvalue())

    assert (ref.width, ref.height) == (1200, 1600)
