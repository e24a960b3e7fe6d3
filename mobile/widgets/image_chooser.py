"""Choosing a picture on a desktop (no camera): KivyMD's file manager, images only, with
previews, opening on the pictures folder (mobile/platform/camera.py ``pictures_folder``).

    choose_image(on_chosen)     # on_chosen(path) once a picture is tapped
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kivymd.uix.filemanager import MDFileManager

from mobile.platform.camera import pictures_folder

IMAGES = [".jpg", ".jpeg", ".png", ".webp", ".JPG", ".JPEG", ".PNG", ".WEBP"]


def choose_image(on_chosen: Callable[[Path], None], start: Path | None = None) -> MDFileManager:
    """Open the chooser; it closes itself when a picture is chosen or on "back" at the top."""

    def chosen(path: str) -> None:
        manager.close()
        on_chosen(Path(path))

    manager = MDFileManager(
        preview=True, select_path=chosen, exit_manager=lambda *_: None, search="all"
    )
    manager.ext = IMAGES  # preview mode sets lower-case ones only
    manager.show(str(start or pictures_folder()))
    return manager
