"""Steps with photos by taps, shared by the UI tests: a picture chosen in the desktop's
file chooser, and a photo strip's add tile, thumbnails and crosses
(mobile/widgets/photo_strip.py)."""

from __future__ import annotations

from pathlib import Path


def choose_picture(driver, owner, path: Path) -> None:
    """In the file chooser ``owner`` opened, tap the picture at ``path``."""
    from kivymd.uix.filemanager.filemanager import MDFileManagerThumbnail

    driver.until(lambda: owner.chooser is not None, what="the file chooser")

    def thumbnail():
        return [w for w in owner.chooser.walk(restrict=True)
                if isinstance(w, MDFileManagerThumbnail) and w.source == str(path)]  # fmt: skip

    driver.until(lambda: thumbnail() and thumbnail()[0].texture is not None, what=str(path))
    driver.tap(thumbnail()[0])


def add_photo(driver, strip, path: Path) -> None:
    """The strip's add tile, then the desktop's file chooser: the picture's folder, the
    picture."""
    count = len(strip.photos)
    driver.tap(driver.button(strip, "添加照片"))
    driver.until(lambda: strip.chooser is not None, what="the file chooser")
    strip.chooser.show(str(path.parent))
    choose_picture(driver, strip, path)
    driver.until(lambda: len(strip.photos) == count + 1, what="the photo kept")


def thumb_of(strip, sha256: str):
    """The thumbnail ``sha256`` is shown by in ``strip`` (a tap on it opens the photo)."""
    (thumb,) = [t for t in strip.ids.thumbs.children if t.sha256 == sha256]
    return thumb


def cross_of(strip, sha256: str):
    """The cross on that thumbnail (a tap on it removes the photo)."""
    from kivymd.uix.button import MDIconButton

    (cross,) = [w for w in thumb_of(strip, sha256).children if isinstance(w, MDIconButton)]
    return cross
