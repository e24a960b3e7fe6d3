"""Fixes for KivyMD 2.0.0, applied once at start-up (``apply``): transparent fills left
out of the canvas (``clear_fills``), and the ripple's Fbo below.

The Material 3 ripple sizes its ``Fbo`` as the widget: at creation, and on
each ripple frame. A widget at 0×0 then (an ``MDSnackbar``, a button built in
Python before its first layout, or one removed from its panel while its ripple
is still scheduled) fails with "FBO Initialization failed: Incomplete
attachment". Fixed upstream after 2.0.0 (KivyMD PR 1895); until then the Fbo
starts at least 1×1, and a ripple frame on a widget with no area is skipped.
"""

from __future__ import annotations

from kivy.graphics import ClearBuffers, ClearColor, Color, Fbo, Rectangle
from kivymd.uix.behaviors.ripple_behavior import M3CommonRipple

from mobile.widgets import clear_fills

_applied = False


def _init_fbos(self) -> None:
    self._phase = 0.0
    self.ripple_pos = (0, 0)
    size = self._clamp_size(*self.size)
    self.fbo = Fbo(size=size, group="m3_ripple_behavior")
    self.set_shader(self.fbo)
    with self.fbo:
        ClearColor(0, 0, 0, 0)
        ClearBuffers()
        Color(1, 1, 1, 1)
        self.rect = Rectangle(pos=(0, 0), size=size)


_update_uniforms = M3CommonRipple._update_uniforms


def _update_uniforms_with_area(self) -> None:
    if self.width >= 1 and self.height >= 1:
        _update_uniforms(self)


def apply() -> None:
    global _applied
    clear_fills.apply()
    if not _applied:
        M3CommonRipple.init_fbos = _init_fbos
        M3CommonRipple._update_uniforms = _update_uniforms_with_area
        _applied = True
