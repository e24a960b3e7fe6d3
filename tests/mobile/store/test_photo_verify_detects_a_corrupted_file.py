"""verify() re-hashes the file, so a flipped bit, a cut-off file or a missing file is caught."""

import io

from PIL import Image

from mobile.store.photos import PhotoStore


def stored(tmp_path):
    out = io.BytesIO()
    Image.new("RGB", (800, 600), (40, 90, 40)).save(out, "JPEG")
    store = PhotoStore(tmp_path)
    return store, store.add(out.getvalue())


def test_photo_verify_detects_a_corrupted_file(tmp_path):
    store, ref = stored(tmp_path)
    assert store.verify(ref.sha256)

    damaged = bytearray(ref.path.read_bytes())
    damaged[len(damaged) // 2] ^= 0x01
    ref.path.write_bytes(damaged)

    assert not store.verify(ref.sha256)


def test_photo_verify_detects_a_cut_off_file(tmp_path):
    store, ref = stored(tmp_path)
    ref.path.write_bytes(ref.path.read_bytes()[:-10])

    assert not store.verify(ref.sha256)


def test_photo_verify_reports_a_missing_file_as_not_intact(tmp_path):
    store, ref = stored(tmp_path)
    ref.path.unlink()

    assert not store.verify(ref.sha256)
