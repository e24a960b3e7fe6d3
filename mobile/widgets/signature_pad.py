"""A pad the owner signs on with a finger: strokes, shown as drawn, and cleared.

``strokes`` is a list of flat point lists ``[x0, y0, x1, y1, ...]`` as fractions of
the pad from its top-left corner (``mobile.services.drawing`` turns them into the
PNG that is kept with the record). ``on_signed(strokes)`` fires when a stroke ends
and on ``clear``; setting ``strokes`` (a form reopened) redraws them.

The pad takes the touches that start on it, so a signature is never read as a
scroll; it belongs outside a ScrollView, whose own touch handling comes first.
"""

from __future__ import annotations

from kivy.graphics import Color, Line, Rectangle
from kivy.metrics import dp
from kivy.properties import ListProperty
from kivy.uix.widget import Widget

INK = (0.08, 0.1, 0.2, 1)
PAPER = (1, 1, 1, 1)
EDGE = (0.6, 0.64, 0.66, 1)


class SignaturePad(Widget):
    strokes = ListProperty()
    __events__ = ("on_signed",)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._drawing: list[float] | None = None
        self.bind(pos=self.redraw, size=self.redraw, strokes=self.redraw)

    def clear(self) -> None:
        self.strokes = []
        self.dispatch("on_signed", [])

    def on_signed(self, strokes) -> None:
        pass

    # -- touches -----------------------------------------------------------------------------

    def on_touch_down(self, touch):
        if not self.collide_point(*touch.pos):
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
        self.dispatch("on_signed", list(self.strokes))
        return True

    def _fraction(self, pos) -> list[float]:
        x = (pos[0] - self.x) / max(self.width, 1)
        y = 1 - (pos[1] - self.y) / max(self.height, 1)
        return [round(min(max(x, 0.0), 1.0), 4), round(min(max(y, 0.0), 1.0), 4)]

    # -- drawing -----------------------------------------------------------------------------

    def redraw(self, *_args) -> None:
        self.canvas.clear()
        with self.canvas:
            Color(*EDGE)
            Rectangle(pos=(self.x - 1, self.y - 1), size=(self.width + 2, self.height + 2))
            Color(*PAPER)
            Rectangle(pos=self.pos, size=self.size)
            Color(*INK)
            for stroke in [*self.strokes, *([self._drawing] if self._drawing else [])]:
                points = self._on_screen(stroke)
                if len(points) == 2:
                    Line(circle=(*points, dp(1.5)), width=dp(1.5))
                else:
                    Line(points=points, width=dp(1.5), joint="round", cap="round")

    def _on_screen(self, stroke) -> list[float]:
        points = []
        for i in range(0, len(stroke) - 1, 2):
            points += [self.x + stroke[i] * self.width, self.y + (1 - stroke[i + 1]) * self.height]
        return points
