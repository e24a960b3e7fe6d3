"""Reading a checkpoint's QR label: the code printed on it, decoded with zbar (pyzbar).

    codes = decode_codes(Path("label.jpg"))        # every QR code in the picture
    scanner = this_scanner(camera)
    scanner.scan(on_codes)                          # Android: the camera, then decode

The decoder is the same everywhere: pyzbar over Pillow's greyscale image, so a
photo of a printed label (the server's ``print-labels``: server/services/labels.py)
gives back the checkpoint's code. zbar finds every code in a picture, in no set
order; the caller matches them against the route's checkpoints. A picture that
is not an image, or holds no QR code, gives an empty list.

Where the photo comes from differs:
- a desktop: the photo strip's file chooser (a photo of the label taken with
  anything), handed to ``decode_codes``;
- Android: ``CameraScanner`` takes a picture with the system camera
  (mobile/platform/camera.py) and decodes it. python-for-android builds both
  ``libzbar`` and ``pyzbar`` (recipes). A live preview that decodes frames as they
  come (CameraX ``ImageAnalysis`` through pyjnius) would save the tap on the shutter;
  it cannot be written and checked without a device, so it is not here.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError
from pyzbar.pyzbar import ZBarSymbol, decode

from mobile.platform.camera import NoCamera

MAX_LONG_EDGE = 4000  # zbar is slow on a 48 MP frame; an A4 page at 300 dpi still fits


def decode_codes(picture: bytes | Path | Image.Image) -> list[str]:
    """Every QR code's text in ``picture`` (in zbar's order); empty when none is found."""
    try:
        image = picture if isinstance(picture, Image.Image) else _open(picture)
        image = ImageOps.exif_transpose(image).convert("L")
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError, SyntaxError):
        return []
    image.thumbnail((MAX_LONG_EDGE, MAX_LONG_EDGE))
    found = decode(image, symbols=[ZBarSymbol.QRCODE])
    codes = [symbol.data.decode("utf-8", errors="replace").strip() for symbol in found]
    return list(dict.fromkeys(code for code in codes if code))


def _open(picture: bytes | Path) -> Image.Image:
    data = picture if isinstance(picture, bytes) else Path(picture).read_bytes()
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


Scanned = Callable[[list[str] | None], None]  # None: the person gave up (no picture)


class CameraScanner:
    """Android: a picture of the label with the system camera, then zbar on it."""

    def __init__(self, camera: NoCamera, cache: Path):
        self.camera = camera
        self.cache = cache

    @property
    def available(self) -> bool:
        return self.camera.available

    def scan(self, on_codes: Scanned) -> None:
        def taken(path: Path | None) -> None:
            if path is None:
                on_codes(None)
                return
            try:
                on_codes(decode_codes(path))
            finally:
                path.unlink(missing_ok=True)

        self.camera.take_picture(self.cache / "label-scan.jpg", taken)
