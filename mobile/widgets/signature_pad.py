"""A pad the owner signs on with a finger: strokes, shown as drawn, and cleared.

``strokes`` is a list of flat point lists ``[x0, y0, x1, y1, ...]`` as fractions of
the pad from its top-left corner (``mobile.services.drawing`` turns them into the
PNG that is kept with the record). ``on_signed(strokes)`` fires when a stroke ends
and on ``clear``; setting ``strokes`` (a form reopened) redraws them.

The pad takes the touches that start on it, so a signature is never read as a
scroll; it belongs outside a ScrollView, whose own touch handling comes first.
"""

from __future__ import annotations

from kivy.graphics import Color, Rectangle
from kivy.metrics import dp

from mobile.widgets.finger_strokes import FingerStrokes

INK = (0.08, 0.1, 0.2, 1)
PAPER = (1, 1, 1, 1)
EDGE = (0.6, 0.64, 0.66, 1)


class SignaturePad(FingerStrokes):
    stroke_event = "on_signed"
    __events__ = ("on_signed",)

    def clear(self) -> None:
        self.strokes = []
        self.dispatch("on_signed", [])

    def on_signed(self, strokes) -> None:
        pass

    def redraw(self, *_args) -> None:
        self.canvas.clear()
        with self.canvas:
            Color(*EDGE)
            Rectangle(pos=(self.x - 1, self.y - 1), size=(self.width + 2, self.height + 2))
            Color(*PAPER)
            Rectangle(pos=self.pos, size=self.size)
            Color(*INK)
            self.draw_strokes(dp(1.5))
