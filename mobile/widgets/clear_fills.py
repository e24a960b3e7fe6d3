"""KivyMD 2.0.0 fills the background and the state layer of nearly every widget, even
while their colour is fully transparent: an ``MDBoxLayout``, an ``MDLabel``, an
``MDScreen`` each draw one or two rectangles of their own size that show nothing.

A tablet's GPU hardly notices. Mesa's software renderer, which the tests, the demo's
tour and ``bench/app_start.py`` draw with, fills every pixel of them: the app's shell
took 60-70 ms a frame against 12 for an empty window, and 28 once they were left out.

``apply`` keeps each such fill out of its canvas while its colour is transparent and
puts it back, in its place, as soon as the colour shows (a selected row, a pressed
button, a theme switch).
"""

from __future__ import annotations

from collections.abc import Callable

from kivy.graphics import InstructionGroup
from kivymd.uix.behaviors.backgroundcolor_behavior import BackgroundColorBehavior
from kivymd.uix.behaviors.state_layer_behavior import StateLayerBehavior

_applied = False


def _leave_out_while_clear(
    widget, canvas, group: str, colour: str, also_shown_by: str | None
) -> None:
    """Take ``group``'s fill out of ``canvas`` while ``widget.<colour>`` is transparent
    (and ``widget.<also_shown_by>``, an image the fill draws, is empty), and back when
    it is not.

    The fill moves into a group of its own, in its place: the group is emptied and
    filled again. (Put back into the canvas itself, a textured fill would land after
    its own texture binding and draw with another instruction's texture.)"""
    fills = canvas.get_group(group) if canvas is not None else []
    if not fills:
        return
    fill = fills[0]
    place = InstructionGroup()
    canvas.insert(canvas.indexof(fill), place)
    canvas.remove(fill)
    place.add(fill)

    def update(*_args) -> None:
        clear = getattr(widget, colour)[3] == 0 and not (
            also_shown_by and getattr(widget, also_shown_by)
        )
        if clear and place.children:
            place.remove(fill)
        elif not clear and not place.children:
            place.add(fill)

    widget.fbind(colour, update)
    if also_shown_by:
        widget.fbind(also_shown_by, update)
    update()


def _after_kv_rules(
    cls, canvas_of: Callable, group: str, colour: str, also_shown_by: str | None
) -> None:
    """Wrap ``cls.__init__``: once the widget's KV rules have drawn its canvas, leave
    ``group``'s fill out while it is clear. A widget made in Python has its rules by the
    time ``cls.__init__`` returns, unless ``cls`` comes before ``Widget`` in its class
    order; one made by a KV rule gets them later: both are done by ``on_kv_post``."""
    original = cls.__init__

    def __init__(self, *args, **kwargs) -> None:
        original(self, *args, **kwargs)
        if self.canvas is not None and canvas_of(self).get_group(group):  # made in Python
            _leave_out_while_clear(self, canvas_of(self), group, colour, also_shown_by)
            return

        def rules_applied(*_args) -> None:
            self.funbind("on_kv_post", rules_applied)
            _leave_out_while_clear(self, canvas_of(self), group, colour, also_shown_by)

        self.fbind("on_kv_post", rules_applied)

    cls.__init__ = __init__


def apply() -> None:
    """Once, before the first KivyMD widget is made."""
    global _applied
    if _applied:
        return
    _after_kv_rules(
        BackgroundColorBehavior, lambda w: w.canvas, "Background_instruction",
        "_md_bg_color", also_shown_by="background",
    )  # fmt: skip
    _after_kv_rules(
        StateLayerBehavior, lambda w: w.canvas.after, "State_layer_instruction",
        "state_layer_color", also_shown_by=None,
    )  # fmt: skip
    _applied = True
