"""Marks drawn on a photo with a finger (标注): kept beside the photo, never in it.

The photo stays exactly as taken, so its SHA-256 still proves what the camera
saw; the marks are a separate layer, stored in the record's payload as strokes:

    "annotations": [{"photo": "<sha256>", "strokes": [[x0, y0, x1, y1, ...], ...]}]

Each stroke is a polyline of points given as fractions of the photo's width and
height from its top-left corner (0..1), so the layer fits the photo at any size
(a thumbnail, the tablet's screen, the dashboard) and weighs a few kilobytes.
A layer names a photo of its own record, one layer per photo.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass

from domain.text import Text
from domain.validation import Fields, Problem

MAX_STROKES = 200
MAX_POINTS = 2000  # per stroke

_NOT_A_STROKE = Problem(
    "invalid_stroke",
    Text(
        f"标注线条格式不对：应为 1 到 {MAX_POINTS} 个点的坐标（0 到 1 之间，x、y 交替）。",
        f"Not a stroke: 1 to {MAX_POINTS} points as x, y fractions between 0 and 1.",
    ),
)
_UNKNOWN_PHOTO = Problem(
    "annotation_photo_unknown",
    Text("标注所在的照片不在这条记录中。", "The marked photo is not one of this record's."),
)
_TWICE = Problem(
    "annotation_photo_twice",
    Text("同一张照片只能有一层标注。", "A photo has at most one layer of marks."),
)
_TOO_MANY_STROKES = Problem(
    "too_many_strokes",
    Text(f"一张照片最多 {MAX_STROKES} 笔标注。", f"At most {MAX_STROKES} strokes on one photo."),
)


@dataclass(frozen=True)
class Annotation:
    photo: str
    strokes: tuple[tuple[float, ...], ...]

    def to_dict(self) -> dict[str, object]:
        return {"photo": self.photo, "strokes": [list(stroke) for stroke in self.strokes]}


def _parse_stroke(value: object) -> tuple[float, ...] | Problem:
    if not isinstance(value, list) or not 2 <= len(value) <= 2 * MAX_POINTS or len(value) % 2:
        return _NOT_A_STROKE
    for number in value:
        if isinstance(number, bool) or not isinstance(number, int | float):
            return _NOT_A_STROKE
        if not math.isfinite(number) or not 0 <= number <= 1:
            return _NOT_A_STROKE
    return tuple(float(number) for number in value)


def read_annotations(f: Fields, name: str, photos: Collection[str]) -> tuple[Annotation, ...]:
    """The layers of marks in the field ``name``, each on one of ``photos``, one per photo."""
    seen: set[str] = set()

    def read(layer: Fields) -> Annotation | None:
        annotation = Annotation(
            layer.sha256("photo"), layer.values("strokes", _parse_stroke, required=True)
        )
        if annotation.photo and annotation.photo not in photos:
            layer.add("photo", _UNKNOWN_PHOTO)
        elif annotation.photo in seen:
            layer.add("photo", _TWICE)
        seen.add(annotation.photo)
        if len(annotation.strokes) > MAX_STROKES:
            layer.add("strokes", _TOO_MANY_STROKES)
        return annotation if layer.clean else None

    return f.objects(name, read)
