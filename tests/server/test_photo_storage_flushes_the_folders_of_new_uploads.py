"""A chunked upload's partial file must outlive a power cut once the database says how
many of its bytes arrived: creating it flushes the folder that names it (and the photo
root, when the ``partial/`` folder itself is new); later chunks need no such flush."""

from __future__ import annotations

import hashlib

from server import photo_storage
from server.photo_storage import FileSystemPhotoStorage

SHA = hashlib.sha256(b"photo").hexdigest()


def test_the_first_chunk_flushes_the_new_folders_and_later_chunks_do_not(tmp_path, monkeypatch):
    flushed = []
    real_fsync_directory = photo_storage._fsync_directory

    def record(directory):
        flushed.append(directory)
        real_fsync_directory(directory)

    monkeypatch.setattr(photo_storage, "_fsync_directory", record)
    storage = FileSystemPhotoStorage(tmp_path / "photos")
    (tmp_path / "photos").mkdir()

    storage.write_chunk(SHA, 0, b"ph")
    first = list(flushed)
    storage.write_chunk(SHA, 2, b"oto")

    assert first == [tmp_path / "photos", tmp_path / "photos" / "partial"]
    assert flushed == first
    assert storage.partial_digest(SHA) == SHA
