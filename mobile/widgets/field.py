"""A text field whose floating hint follows a change of language.

KivyMD 2.0's ``MDTextField`` copies its hint label's texture into the canvas
when the hint moves (focus, text), not when the hint's text changes; after a
language switch a filled field kept showing the old language's hint. This
field copies the new texture (and, outlined, the gap in the outline) itself.
"""

from __future__ import annotations

from kivy.clock import Clock
from kivy.metrics import dp
from kivymd.uix.textfield import MDTextField, MDTextFieldHintText


class Field(MDTextField):
    def add_widget(self, widget, *args, **kwargs):
        super().add_widget(widget, *args, **kwargs)
        if isinstance(widget, MDTextFieldHintText):
            widget.bind(text=lambda label, _text: Clock.schedule_once(self._show_hint))

    def _show_hint(self, _dt=None) -> None:
        label = self._hint_text_label
        label.texture_update()
        for rectangle in self.canvas.after.get_group("hint-text-rectangle"):
            rectangle.texture = label.texture
            rectangle.size = label.texture_size
        if self.mode == "outlined" and (self.focus or self.text):
            self.set_space_in_line(dp(14), label.texture_size[0] + dp(18))
