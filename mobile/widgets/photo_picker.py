"""A row of a form's photos: thumbnails, tap to open one, remove before saving, add more.

The interface is small on purpose (the Patrol screen's photo strip may replace it):

    picker.photos = [sha, ...]              # the photos shown, by hash
    picker.thumb_for = store.photos.thumb_for
    on_add()          the add button: the screen asks ``choose_picture`` for one
    on_remove(sha)    the small cross on a thumbnail
    on_open_photo(sha) a tap on a thumbnail (the full view)

``choose_picture(on_chosen)`` takes a photo with the camera on Android (plyer) and
offers a file chooser on a desktop, where plyer has no camera; ``on_chosen(path)``
gets the picture's file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from kivy.app import App
from kivy.metrics import dp
from kivy.properties import ListProperty, ObjectProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.filechooser import FileChooserIconView
from kivy.uix.image import Image
from kivy.uix.modalview import ModalView
from kivy.utils import platform
from kivymd.uix.boxlayout import MDBoxLayout
from kivymd.uix.button import MDButton, MDButtonIcon, MDButtonText, MDIconButton
from kivymd.uix.floatlayout import MDFloatLayout
from kivymd.uix.label import MDLabel

THUMB = dp(112)
PICTURES = ("*.jpg", "*.jpeg", "*.png", "*.JPG", "*.JPEG", "*.PNG")


class Thumbnail(ButtonBehavior, Image):
    sha = StringProperty()


class PhotoPicker(MDBoxLayout):
    title = StringProperty()
    photos = ListProperty()
    thumb_for = ObjectProperty(None)
    __events__ = ("on_add", "on_remove", "on_open_photo")

    def __init__(self, **kwargs):
        kwargs.setdefault("orientation", "vertical")
        kwargs.setdefault("size_hint_y", None)
        kwargs.setdefault("spacing", dp(6))
        super().__init__(**kwargs)
        self.height = dp(28) + THUMB
        self._title = MDLabel(font_style="Title", role="medium", size_hint_y=None, height=dp(22))
        self._row = MDBoxLayout(spacing=dp(10), size_hint_y=None, height=THUMB)
        self.add_widget(self._title)
        self.add_widget(self._row)
        self.bind(title=self._show, photos=self._show, thumb_for=self._show)
        self._show()

    def on_add(self) -> None:
        pass

    def on_remove(self, sha: str) -> None:
        pass

    def on_open_photo(self, sha: str) -> None:
        pass

    def _show(self, *_args) -> None:
        self._title.text = self.title
        self._row.clear_widgets()
        for sha in self.photos if self.thumb_for else ():
            cell = MDFloatLayout(size_hint=(None, None), size=(THUMB, THUMB))
            thumb = Thumbnail(source=str(self.thumb_for(sha)), sha=sha, fit_mode="cover",
                              size_hint=(1, 1), pos_hint={"x": 0, "y": 0})  # fmt: skip
            thumb.bind(on_release=lambda t: self.dispatch("on_open_photo", t.sha))
            remove = MDIconButton(icon="close-circle", style="filled",
                                  pos_hint={"right": 1, "top": 1})  # fmt: skip
            remove.sha = sha
            remove.bind(on_release=lambda b: self.dispatch("on_remove", b.sha))
            cell.add_widget(thumb)
            cell.add_widget(remove)
            self._row.add_widget(cell)
        add = MDButton(MDButtonIcon(icon="camera-plus"),
                       MDButtonText(text=App.get_running_app().tr("Add")), style="tonal",
                       theme_height="Custom", height=THUMB)  # fmt: skip
        add.is_add = True
        add.bind(on_release=lambda _b: self.dispatch("on_add"))
        self._row.add_widget(add)
        self._row.add_widget(MDBoxLayout())  # the rest of the row stays empty


def choose_picture(on_chosen: Callable[[Path], None]) -> ModalView | None:
    """The camera on Android; elsewhere a file chooser (returned, for its caller to drive)."""
    if platform == "android":
        from plyer import camera

        target = Path(tempfile.mkdtemp(prefix="photo-")) / "taken.jpg"

        def taken(path: str) -> bool:
            if path and Path(path).is_file():
                on_chosen(Path(path))
            return False

        camera.take_picture(filename=str(target), on_complete=taken)
        return None
    return PictureChooser(on_chosen)


class PictureChooser(ModalView):
    """Pick a picture file (a desktop has no camera for plyer)."""

    def __init__(self, on_chosen: Callable[[Path], None], **kwargs):
        super().__init__(size_hint=(0.8, 0.85), auto_dismiss=True, **kwargs)
        app = App.get_running_app()
        tr = app.tr
        start = os.environ.get("ESTATE_PICTURES") or str(Path.home())
        self.on_chosen = on_chosen
        self.chooser = FileChooserIconView(path=start, filters=list(PICTURES))
        box = MDBoxLayout(orientation="vertical", padding=dp(16), spacing=dp(12),
                          md_bg_color=app.theme_cls.surfaceContainerColor)  # fmt: skip
        box.add_widget(MDLabel(text=tr("Choose a photo"), font_style="Title",
                               size_hint_y=None, height=dp(32)))  # fmt: skip
        box.add_widget(self.chooser)
        buttons = MDBoxLayout(size_hint_y=None, height=dp(56), spacing=dp(12))
        buttons.add_widget(MDBoxLayout())
        cancel = MDButton(MDButtonText(text=tr("Cancel")), style="outlined")
        cancel.bind(on_release=lambda _b: self.dismiss())
        self.use = MDButton(MDButtonText(text=tr("Use this photo")), style="filled")
        self.use.bind(on_release=lambda _b: self.choose())
        buttons.add_widget(cancel)
        buttons.add_widget(self.use)
        box.add_widget(buttons)
        self.add_widget(box)

    def choose(self) -> None:
        if self.chooser.selection:
            self.dismiss()
            self.on_chosen(Path(self.chooser.selection[0]))
