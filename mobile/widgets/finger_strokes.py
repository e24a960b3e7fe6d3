"""A widget a finger draws on: the owner's signature, the marks on a photo.

``strokes`` is a list of flat point lists ``[x0, y0, x1, y1, ...]``, fractions of the
widget from its top-left corner, so they fit it at any size. A stroke is drawn as the
finger moves; when it lifts, the stroke joins ``strokes`` and ``stroke_event`` fires
with all of them. Setting ``strokes`` (a form reopened) redraws them.
"""

from __future__ import annotations

from kivy.graphics import Line
from kivy.properties import ListProperty
from kivy.uix.widget import Widget


class FingerStrokes(Widget):
    strokes = ListProperty()
    stroke_event = ""  # the event a subclass declares and fires after each stroke

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._drawing: list[float] | None = None
        self.bind(pos=self.redraw, size=self.redraw, strokes=self.redraw)

    def takes(self, touch) -> bool:
        """Whether a touch starting here draws (a subclass may add a mode)."""
        return self.collide_point(*touch.pos)

    def on_touch_down(self, touch):
        if not self.takes(touch):
            return False
        touch.grab(self)
        self._drawing = self._fraction(touch.pos)
        self.redraw()
        return True

    def on_touch_move(self, touch):
        if touch.grab_current is not self or self._drawing is None:
            return False
        self._drawing.extend(self._fraction(touch.pos))
        self.redraw()
        return True

    def on_touch_up(self, touch):
        if touch.grab_current is not self or self._drawing is None:
            return False
        touch.ungrab(self)
        stroke, self._drawing = self._drawing, None
        self.strokes = [*self.strokes, stroke]
        self.dispatch(self.stroke_event, list(self.strokes))
        return True

    def _fraction(self, pos) -> list[float]:
        x = (pos[0] - self.x) / max(self.width, 1)
        y = 1 - (pos[1] - self.y) / max(self.height, 1)
        return [round(min(max(x, 0.0), 1.0), 4), round(min(max(y, 0.0), 1.0), 4)]

    def draw_strokes(self, width: float) -> None:
        """Every stroke and the one being drawn, in the canvas's current colour (a tap
        is a dot)."""
        for stroke in [*self.strokes, *([self._drawing] if self._drawing else [])]:
            points: list[float] = []
            for i in range(0, len(stroke) - 1, 2):
                x, y = stroke[i], stroke[i + 1]
                points += [self.x + x * self.width, self.y + (1 - y) * self.height]
            if len(points) == 2:
                Line(circle=(*points, width), width=width)
            else:
                Line(points=points, width=width, joint="round", cap="round")

    def redraw(self, *_args) -> None:
        raise NotImplementedError
