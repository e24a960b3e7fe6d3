"""The same picture attached twice (or by two records) is one file under one name."""

import io

from PIL import Image

from mobile.store.photos import PhotoStore


def stored_files(root):
    return sorted(p for p in root.rglob("*") if p.is_file())


def test_photo_added_twice_has_one_hash_and_one_file(tmp_path):
    out = io.BytesIO()
    Image.new("RGB", (2400, 1800), (10, 80, 160)).save(out, "JPEG")
    source = out.getvalue()
    picked = tmp_path / "picked.jpg"
    picked.write_bytes(source)
    store = PhotoStore(tmp_path / "store")

    first = store.add(source)
    files_after_first = stored_files(tmp_path / "store")
    second = store.add(source)
    from_the_file = store.add(picked)
    in_another_store_object = PhotoStore(tmp_path / "store").add(bytearray(source))

    assert first == second == from_the_file == in_another_store_object
    assert files_after_first == stored_files(tmp_path / "store") == [first.path, first.thumb_path]
    assert store.all_hashes() == [first.sha256]


def test_photo_that_differs_gets_a_different_hash(tmp_path):
    store = PhotoStore(tmp_path)
    refs = []
    for colour in ("red", "blue"):
        out = io.BytesIO()
        Image.new("RGB", (64, 64), colour).save(out, "PNG")
        refs.append(store.add(out.getvalue()))

    assert refs[0].sha256 != refs[1].sha256
    assert store.all_hashes() == sorted(ref.sha256 for ref in refs)
