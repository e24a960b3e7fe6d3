"""A chunked photo upload is counted in the database once its bytes are fsync'd; its
file's name must survive a power cut too. The first chunk fsyncs the new partial/
folder into the photo folder and the new partial file into partial/."""

import os
import stat

import pytest

from server.photo_storage import FileSystemPhotoStorage

SHA = "ab" * 32


@pytest.fixture
def fsynced_directories(monkeypatch):
    synced, real_fsync = [], os.fsync

    def fsync(fd):
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            synced.append((st.st_dev, st.st_ino))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    return synced


def _identity(path):
    st = os.stat(path)
    return st.st_dev, st.st_ino


def test_first_chunk_fsyncs_the_new_partial_folder_and_file_names(tmp_path, fsynced_directories):
    FileSystemPhotoStorage(tmp_path).write_chunk(SHA, 0, b"first chunk")

    assert _identity(tmp_path) in fsynced_directories
    assert _identity(tmp_path / "partial") in fsynced_directories


def test_later_chunks_of_the_same_upload_fsync_no_directory(tmp_path, fsynced_directories):
    storage = FileSystemPhotoStorage(tmp_path)
    storage.write_chunk(SHA, 0, b"first chunk")
    fsynced_directories.clear()

    storage.write_chunk(SHA, 11, b"second chunk")

    assert fsynced_directories == []
    assert (tmp_path / "partial" / f"{SHA}.part").read_bytes() == b"first chunksecond chunk"
