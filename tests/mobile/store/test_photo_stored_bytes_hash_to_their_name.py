"""The name of a kept photo is the SHA-256 of exactly the bytes on disk, which the server checks."""

import hashlib
import io

from PIL import Image

from mobile.store.photos import PhotoStore


def test_photo_stored_bytes_hash_to_their_name(tmp_path):
    out = io.BytesIO()
    Image.new("RGB", (3000, 2000), (120, 60, 30)).save(out, "JPEG", quality=98)
    source = out.getvalue()
    store = PhotoStore(tmp_path)

    ref = store.add(source)

    on_disk = ref.path.read_bytes()
    assert hashlib.sha256(on_disk).hexdigest() == ref.sha256 == ref.path.stem
    assert ref.sha256 != hashlib.sha256(source).hexdigest()  # not the camera's bytes
    assert ref.path == tmp_path / "photos" / ref.sha256[:2] / f"{ref.sha256}.jpg"
    assert ref.size_bytes == len(on_disk)
    assert store.open_bytes(ref.sha256) == on_disk
    assert store.verify(ref.sha256)
