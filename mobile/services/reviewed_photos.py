"""Photos of synced records a supervisor opens: fetched once, kept on the tablet.

They are not this tablet's photos (those are in the store, with their records), so they
live in a cache folder of their own, named by hash; a photo is written whole and renamed
into place, so a killed app never leaves half a file under a photo's name.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from mobile.store.photos import PhotoStore


class ReviewedPhotos:
    def __init__(self, folder: Path, own: PhotoStore, download: Callable[[str], bytes]):
        self.folder = folder
        self.own = own
        self.download = download

    def local(self, sha256: str) -> Path | None:
        """Where the photo is on this tablet (taken here, or fetched before), if it is."""
        if self.own.has(sha256):
            return self.own.path_for(sha256)
        cached = self.folder / f"{sha256}.jpg"
        return cached if cached.exists() else None

    def fetch(self, sha256: str) -> Path:
        """Download the photo (``sync.errors.SyncError`` when it cannot be) and keep it."""
        data = self.download(sha256)
        self.folder.mkdir(parents=True, exist_ok=True)
        final = self.folder / f"{sha256}.jpg"
        partial = final.with_suffix(".part")
        partial.write_bytes(data)
        os.replace(partial, final)
        return final
