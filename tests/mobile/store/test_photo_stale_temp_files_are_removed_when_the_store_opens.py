"""What a crash can leave behind (temp files, a thumbnail whose photo never landed) is
cleared when the store opens; complete photos are left alone."""

import io

from PIL import Image

from mobile.store.photos import PhotoStore


def test_photo_stale_temp_files_are_removed_when_the_store_opens(tmp_path):
    out = io.BytesIO()
    Image.new("RGB", (500, 400), "navy").save(out, "JPEG")
    kept = PhotoStore(tmp_path).add(out.getvalue())
    orphan_sha = "cd" * 32
    leftovers = [
        kept.path.parent / ".tmp-k3j2h1.part",
        kept.thumb_path.parent / ".tmp-9f8e7d.part",
        tmp_path / "photos" / "cd" / ".tmp-half-written.part",
        tmp_path / "thumbs" / "cd" / f"{orphan_sha}.jpg",
    ]
    for path in leftovers:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"\xff\xd8 half a photo")

    reopened = PhotoStore(tmp_path)

    assert not any(path.exists() for path in leftovers)
    assert {p for p in tmp_path.rglob("*") if p.is_file()} == {kept.path, kept.thumb_path}
    assert reopened.all_hashes() == [kept.sha256]
    assert reopened.verify(kept.sha256)
