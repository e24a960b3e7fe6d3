"""The UI thread and the sync thread adding the same photo at the same moment end with one
intact file, whether they share a PhotoStore or each hold their own on the same folder."""

import io
import threading

import pytest
from PIL import Image

from mobile.store.photos import PhotoStore

THREADS = 8


def camera_frame() -> bytes:
    out = io.BytesIO()
    Image.linear_gradient("L").resize((2000, 1500)).convert("RGB").save(out, "JPEG")
    return out.getvalue()


@pytest.mark.parametrize("sharing", ["one_store", "a_store_per_thread"])
def test_photo_added_from_two_threads_at_once_ends_as_one_intact_file(tmp_path, sharing):
    source = camera_frame()
    shared = PhotoStore(tmp_path)
    start = threading.Barrier(THREADS)
    refs, errors = [], []

    def add():
        store = shared if sharing == "one_store" else PhotoStore(tmp_path)
        start.wait()
        try:
            refs.append(store.add(source))
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=add) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert len(refs) == THREADS and len(set(refs)) == 1
    ref = refs[0]
    assert {p for p in tmp_path.rglob("*") if p.is_file()} == {ref.path, ref.thumb_path}
    assert shared.verify(ref.sha256)


def test_photo_different_photos_added_from_many_threads_are_all_kept(tmp_path):
    store = PhotoStore(tmp_path)
    sources = []
    for shade in range(THREADS):
        out = io.BytesIO()
        Image.new("RGB", (900, 700), (shade * 30, 100, 200)).save(out, "JPEG")
        sources.append(out.getvalue())
    start = threading.Barrier(THREADS)
    refs = [None] * THREADS

    def add(i):
        start.wait()
        refs[i] = store.add(sources[i])

    threads = [threading.Thread(target=add, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert store.all_hashes() == sorted(ref.sha256 for ref in refs)
    assert all(store.verify(ref.sha256) for ref in refs)
    assert not list(tmp_path.rglob(".tmp-*"))
