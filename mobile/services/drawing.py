"""Strokes drawn with a finger, as a picture: the owner's signature becomes a PNG.

A stroke is a flat list ``[x0, y0, x1, y1, ...]`` of fractions of the drawing's
width and height from its top-left corner (``domain.annotations`` uses the same
form for marks on a photo). Pillow draws them, black on white, the same bytes for
the same strokes, so no screen read-back is needed and a test can check the result.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from PIL import Image, ImageDraw

SIGNATURE_SIZE = (800, 300)
SIGNATURE_LINE = 6


def strokes_png(
    strokes: Sequence[Sequence[float]], size: tuple[int, int] = SIGNATURE_SIZE
) -> bytes:
    width, height = size
    picture = Image.new("L", size, 255)
    pen = ImageDraw.Draw(picture)
    for stroke in strokes:
        points = [
            (stroke[i] * (width - 1), stroke[i + 1] * (height - 1))
            for i in range(0, len(stroke) - 1, 2)
        ]
        if len(points) == 1:
            x, y = points[0]
            radius = SIGNATURE_LINE / 2
            pen.ellipse((x - radius, y - radius, x + radius, y + radius), fill=0)
        else:
            pen.line(points, fill=0, width=SIGNATURE_LINE, joint="curve")
    out = io.BytesIO()
    picture.save(out, "PNG")
    return out.getvalue()
