"""Taking a photo: the device's camera app on Android; elsewhere there is none.

    camera = this_camera()
    if camera.available:
        camera.take_picture(path, on_taken)   # on_taken(path) later, or on_taken(None)
    else:
        ...  # a desktop: the photo strip offers a file chooser (images only)

On Android plyer starts the system camera with ``ACTION_IMAGE_CAPTURE`` and calls
``on_complete(filename)`` when the camera app returns (on Android's thread: the
caller hands it to Kivy's main thread). The app needs the CAMERA permission,
asked for after ``on_start``. On Linux, macOS and Windows plyer has no camera
(``NotImplementedError``), so ``available`` is False and nothing is started.
The photo lands where ``path`` says (the app's cache folder), and the store
re-encodes it into its own content-addressed file (mobile/store/photos.py).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

Taken = Callable[[Path | None], None]


class NoCamera:
    """A desktop or a test: no camera to start."""

    available = False

    def take_picture(self, path: Path, on_taken: Taken) -> None:
        raise RuntimeError("no camera on this platform: choose a file instead")


class PlyerCamera(NoCamera):
    """The system camera through plyer (Android)."""

    available = True

    def __init__(self, camera: Any):
        self._camera = camera

    def take_picture(self, path: Path, on_taken: Taken) -> None:
        def complete(filename: str | None) -> bool:
            taken = Path(filename) if filename and Path(filename).is_file() else None
            on_taken(taken)
            return False  # plyer removes the file when this returns True

        path.parent.mkdir(parents=True, exist_ok=True)
        self._camera.take_picture(filename=str(path), on_complete=complete)


def this_camera(platform: str | None = None) -> NoCamera:
    if platform is None:
        from plyer.utils import platform as this_platform

        platform = this_platform
    if platform != "android":
        return NoCamera()
    from plyer import camera

    return PlyerCamera(camera)


def pictures_folder() -> Path:
    """Where a file chooser for photos opens on a desktop: ``XDG_PICTURES_DIR``, else
    ``~/Pictures``, else the home folder."""
    named = os.environ.get("XDG_PICTURES_DIR")
    if named and Path(named).is_dir():
        return Path(named)
    pictures = Path.home() / "Pictures"
    return pictures if pictures.is_dir() else Path.home()
