"""Small JPEG copies of stored photos for the detail page, made once and kept on disk
beside the photos (a thumbnail is a cache: deleting the folder loses nothing)."""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

from PIL import Image, UnidentifiedImageError

THUMBNAIL_EDGE = 320


class NotAnImage(ValueError):
    """The stored bytes are no image Pillow can read (or one too big to decode safely)."""


def thumbnail(folder: Path, sha256: str, original: bytes) -> bytes:
    path = folder / f"{sha256}.jpg"
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    buffer = io.BytesIO()
    try:
        with Image.open(io.BytesIO(original)) as image:
            image.thumbnail((THUMBNAIL_EDGE, THUMBNAIL_EDGE))
            image.convert("RGB").save(buffer, "JPEG", quality=80)
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError) as exc:
        raise NotAnImage(sha256) from exc
    data = buffer.getvalue()
    folder.mkdir(parents=True, exist_ok=True)
    # Written whole under another name, then renamed: a reader never sees half a file.
    handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(temporary, path)
    return data
