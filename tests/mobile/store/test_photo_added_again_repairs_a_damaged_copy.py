"""If the kept copy was damaged, adding the same picture again rewrites it intact."""

import io

from PIL import Image

from mobile.store.photos import PhotoStore


def test_photo_added_again_repairs_a_damaged_copy(tmp_path):
    out = io.BytesIO()
    Image.new("RGB", (800, 600), (150, 40, 90)).save(out, "JPEG")
    store = PhotoStore(tmp_path)
    ref = store.add(out.getvalue())
    intact = ref.path.read_bytes()
    ref.path.write_bytes(intact[: len(intact) // 2])
    ref.thumb_path.unlink()
    assert not store.verify(ref.sha256)

    again = store.add(out.getvalue())

    assert again == ref
    assert store.verify(ref.sha256)
    assert ref.path.read_bytes() == intact
    assert ref.thumb_path.is_file()
