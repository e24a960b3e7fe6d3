"""A row of a record's photos: thumbnails, a tap opens one, a cross removes it, and a tile
that adds one (the camera on Android, a file chooser elsewhere).

    strip = PhotoStrip(photos=[sha256, ...])
    strip.bind(on_added=lambda strip, sha: ..., on_removed=..., on_open_photo=...)

Photos are the store's content-addressed files (mobile/store/photos.py): the strip
shows ``photos`` (SHA-256 hex digests) by their thumbnails and reports changes; its
owner saves them into its draft at once. Adding a photo decodes, downscales and
re-encodes it with Pillow (``PhotoStore.add``) on a worker thread; the result comes
back on Kivy's main thread. ``on_open_photo(sha256)`` is for a full-size viewer
(``store.photos.path_for(sha256)`` is the file).
"""

from __future__ import annotations

import threading
from pathlib import Path

from kivy.app import App
from kivy.clock import mainthread
from kivy.properties import BooleanProperty, ListProperty, ObjectProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.image import Image
from kivymd.uix.boxlayout import MDBoxLayout
from kivymd.uix.relativelayout import MDRelativeLayout

from domain.text import Text
from mobile.store.errors import StoreError
from mobile.widgets.image_chooser import choose_image

NOT_ADDED = Text("照片未能保存：", "The photo was not kept: ")


class PhotoThumb(MDRelativeLayout):
    """One photo: its thumbnail (a tap opens it) and a cross (a tap removes it)."""

    sha256 = StringProperty()
    source = StringProperty()
    strip = ObjectProperty(None, allownone=True)


class ThumbImage(ButtonBehavior, Image):
    pass


class PhotoStrip(MDBoxLayout):
    photos = ListProperty()  # SHA-256 hex digests, in the order they were added
    busy = BooleanProperty(False)  # a photo is being processed
    message = StringProperty()  # why the last photo was not kept
    chooser = ObjectProperty(None, allownone=True)  # the open file chooser (desktop)

    __events__ = ("on_added", "on_removed", "on_open_photo")

    def on_kv_post(self, base_widget) -> None:
        self.on_photos(self, self.photos)

    def on_photos(self, _strip, photos) -> None:
        if "thumbs" not in self.ids:
            return  # given to the constructor: shown once the KV rule is applied
        row = self.ids.thumbs
        row.clear_widgets()
        if not photos:
            return  # an empty strip may be built before the app's store is open
        store = App.get_running_app().store.photos
        for sha in photos:
            row.add_widget(PhotoThumb(sha256=sha, source=str(store.thumb_for(sha)), strip=self))

    # -- what the person does -------------------------------------------------------------

    def add_photo(self) -> None:
        app = App.get_running_app()
        if app.camera.available and app.granted.camera:
            app.camera.take_picture(app.data_dir / "camera" / "photo.jpg", self._taken)
            return
        if app.camera.available:  # the camera permission was refused
            self.message = app.tr(
                "Camera permission is off: allow this app to use the camera in system settings"
            )
        self.chooser = choose_image(self.keep)

    def keep(self, path: Path) -> None:
        """Process the picture at ``path`` into the store, off the UI thread."""
        self.busy, self.message, self.chooser = True, "", None
        store = App.get_running_app().store.photos
        threading.Thread(target=self._process, args=(store, path), daemon=True).start()

    def remove(self, sha256: str) -> None:
        self.photos = [sha for sha in self.photos if sha != sha256]
        self.dispatch("on_removed", sha256)

    def open_photo(self, sha256: str) -> None:
        self.dispatch("on_open_photo", sha256)

    # -- events ---------------------------------------------------------------------------

    def on_added(self, sha256: str) -> None:
        pass

    def on_removed(self, sha256: str) -> None:
        pass

    def on_open_photo(self, sha256: str) -> None:
        pass

    # -- internals ------------------------------------------------------------------------

    @mainthread
    def _taken(self, path: Path | None) -> None:
        if path is not None:
            self.keep(path)

    def _process(self, store, path: Path) -> None:
        try:
            self._kept(store.add(path).sha256, None)
        except StoreError as refused:
            self._kept(None, refused.text)

    @mainthread
    def _kept(self, sha256: str | None, refused: Text | None) -> None:
        self.busy = False
        if sha256 is None:
            app = App.get_running_app()
            self.message = app.say(NOT_ADDED) + app.say(refused)
            return
        if sha256 not in self.photos:
            self.photos = [*self.photos, sha256]
            self.dispatch("on_added", sha256)
