"""A photo in full: pinch to zoom, and mark the defect on it with a finger.

    viewer = PhotoViewer(path, strokes=marks_so_far)
    viewer.bind(on_marks=lambda _v, strokes: repair.annotate(sha, strokes))
    viewer.open()

The photo itself is never drawn on: its file, and so its SHA-256, stays as taken.
The marks are a separate layer over it (``MarkLayer``), strokes as fractions of
the photo's width and height from its top-left corner, the form
``domain.annotations`` keeps in the record. ``on_marks(strokes)`` fires after
every stroke, undo and clear, so the form's draft holds them at once.

Two modes, so a finger is never ambiguous: *zoom* (pinch to scale, drag to move;
Kivy's Scatter) and *mark* (one finger draws). The marks zoom with the photo.
``PhotoViewer(path, can_mark=False)`` only zooms (a patrol round's photos carry no
marks): no mark, undo or clear tools.
"""

from __future__ import annotations

from pathlib import Path

from kivy.app import App
from kivy.graphics import Color
from kivy.metrics import dp
from kivy.properties import BooleanProperty
from kivy.uix.image import Image
from kivy.uix.modalview import ModalView
from kivy.uix.scatter import Scatter
from kivy.uix.stencilview import StencilView
from kivymd.uix.boxlayout import MDBoxLayout
from kivymd.uix.button import MDButton, MDButtonIcon, MDButtonText

from mobile.widgets.finger_strokes import FingerStrokes

MARK = (0.95, 0.15, 0.1, 1)
MAX_ZOOM = 8


class MarkLayer(FingerStrokes):
    """Strokes over the picture's displayed rectangle; draws only while ``marking``."""

    marking = BooleanProperty(False)
    stroke_event = "on_marks"
    __events__ = ("on_marks",)

    def on_marks(self, strokes) -> None:
        pass

    def takes(self, touch) -> bool:
        return self.marking and super().takes(touch)

    def redraw(self, *_args) -> None:
        self.canvas.clear()
        with self.canvas:
            Color(*MARK)
            self.draw_strokes(dp(2))


class PhotoViewer(ModalView):
    marking = BooleanProperty(False)
    can_mark = BooleanProperty(True)  # False: zoom only, no mark tools
    __events__ = ("on_marks",)

    def __init__(self, path: str | Path, strokes=(), **kwargs):
        super().__init__(size_hint=(1, 1), auto_dismiss=False, background_color=(0, 0, 0, 1),
                         overlay_color=(0, 0, 0, 1), **kwargs)  # fmt: skip
        app = App.get_running_app()
        self.area = StencilView()
        self.scatter = Scatter(do_rotation=False, scale_min=1, scale_max=MAX_ZOOM,
                               auto_bring_to_front=False)  # fmt: skip
        self.image = Image(source=str(path), fit_mode="contain")
        self.layer = MarkLayer(strokes=[list(s) for s in strokes])
        self.layer.bind(on_marks=lambda _layer, marks: self.dispatch("on_marks", marks))
        self.scatter.add_widget(self.image)
        self.scatter.add_widget(self.layer)
        self.area.add_widget(self.scatter)
        self.area.bind(pos=self._fit, size=self._fit)
        self.image.bind(texture_size=self._fit)

        box = MDBoxLayout(orientation="vertical", padding=dp(12), spacing=dp(12))
        box.add_widget(self.area)
        tools = MDBoxLayout(size_hint_y=None, height=dp(72), spacing=dp(12), padding=dp(8),
                            md_bg_color=app.theme_cls.surfaceContainerColor)  # fmt: skip
        self.zoom_button = _tool("magnify-plus-outline", lambda: self.mark(False))
        self.mark_button = _tool("draw", lambda: self.mark(True))
        self.undo_button = _tool("undo", self.undo)
        self.clear_button = _tool("eraser", self.clear)
        self.done_button = _tool("check", self.dismiss)
        marking_tools = (self.zoom_button, self.mark_button, self.undo_button, self.clear_button)
        for button in marking_tools if self.can_mark else ():
            tools.add_widget(button)
        tools.add_widget(MDBoxLayout())
        tools.add_widget(self.done_button)
        box.add_widget(tools)
        self.add_widget(box)
        self.mark(False)
        app.bind(language=self._translate)
        self.bind(on_dismiss=lambda _v: app.unbind(language=self._translate))
        self._translate()

    def on_marks(self, strokes) -> None:
        pass

    # -- what the person does ---------------------------------------------------------------

    def mark(self, marking: bool) -> None:
        self.marking = self.layer.marking = marking
        self.scatter.do_scale = self.scatter.do_translation = not marking
        _choose(self.zoom_button, not marking)
        _choose(self.mark_button, marking)

    def undo(self) -> None:
        if self.layer.strokes:
            self.layer.strokes = self.layer.strokes[:-1]
            self.dispatch("on_marks", list(self.layer.strokes))

    def clear(self) -> None:
        self.layer.strokes = []
        self.dispatch("on_marks", [])

    # -- layout ------------------------------------------------------------------------------

    def _fit(self, *_args) -> None:
        """At scale 1 the scatter fills the area; the layer covers the picture exactly."""
        area, scatter = self.area, self.scatter
        scatter.scale = 1
        scatter.size = self.image.size = area.size
        scatter.pos = area.pos
        shown_w, shown_h = self.image.norm_image_size
        self.layer.size = (shown_w, shown_h)
        self.layer.pos = ((area.width - shown_w) / 2, (area.height - shown_h) / 2)

    def _translate(self, *_args) -> None:
        tr = App.get_running_app().tr  # each literal, so the catalog's extraction finds it
        self.zoom_button.label.text = tr("Zoom")
        self.mark_button.label.text = tr("Mark the defect")
        self.undo_button.label.text = tr("Undo")
        self.clear_button.label.text = tr("Clear marks")
        self.done_button.label.text = tr("Done")


def _tool(icon: str, action) -> MDButton:
    """A button of the tool bar; its text is set (translated) by ``_translate``."""
    glyph = MDButtonIcon(icon=icon, theme_icon_color="Custom")
    label = MDButtonText(theme_text_color="Custom")
    button = MDButton(glyph, label, style="outlined")
    button.icon_widget, button.label = glyph, label
    _choose(button, False)
    button.bind(on_release=lambda _b: action())
    return button


def _choose(button: MDButton, chosen: bool) -> None:
    """Filled when chosen; KivyMD 2.0 does not recolour a button's text when its style
    changes, so the colours are set here."""
    theme = App.get_running_app().theme_cls
    button.style = "filled" if chosen else "outlined"
    colour = theme.onPrimaryColor if chosen else theme.primaryColor
    button.icon_widget.icon_color = colour
    button.label.text_color = colour
