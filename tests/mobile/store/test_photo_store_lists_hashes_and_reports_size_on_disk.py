"""all_hashes() lists exactly the kept photos (not temp files or strays) and
size_on_disk() counts photos and thumbnails."""

import io

from PIL import Image

from mobile.store.photos import PhotoStore


def test_photo_store_lists_hashes_and_reports_size_on_disk(tmp_path):
    store = PhotoStore(tmp_path)
    assert store.all_hashes() == []
    assert store.size_on_disk() == 0

    refs = []
    for width in (300, 600, 900):
        out = io.BytesIO()
        Image.linear_gradient("L").resize((width, 200)).save(out, "PNG")
        refs.append(store.add(out.getvalue()))
    (refs[0].path.parent / ".tmp-in-flight.part").write_bytes(b"x" * 1000)
    (tmp_path / "photos" / "README.txt").write_text("stray")

    assert store.all_hashes() == sorted(ref.sha256 for ref in refs)
    expected = sum(ref.path.stat().st_size + ref.thumb_path.stat().st_size for ref in refs)
    assert store.size_on_disk() == expected
    assert sum(ref.size_bytes for ref in refs) < expected
