"""Fault injection: a process adding photos is killed (SIGKILL) at random moments, half of
them while a file is being written. Every file under a final name is whole, and after the
store reopens no temp file or orphan thumbnail is left and every photo reported as added is
there and intact."""

import hashlib
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from PIL import Image

from mobile.store.photos import PhotoStore

REPO = Path(__file__).resolve().parents[3]
TRIALS = 10

ADDER = textwrap.dedent(
    """
    import io, os, sys, time
    from pathlib import Path
    from PIL import Image
    from mobile.store.photos import PhotoStore

    real_write = os.write
    def slow_write(fd, data):  # short, slow writes: a wide window for the kill to land in
        time.sleep(0.0005)
        return real_write(fd, data[:8192])
    os.write = slow_write

    store = PhotoStore(Path(sys.argv[1]))
    print("ready", flush=True)
    while True:
        noise = Image.frombytes("RGB", (1000, 750), os.urandom(1000 * 750 * 3))
        out = io.BytesIO()
        noise.save(out, "BMP")
        print(store.add(out.getvalue()).sha256, flush=True)
    """
)


def final_names(base: Path):
    return [p for p in base.rglob("*.jpg") if not p.name.startswith(".tmp-")]


def temp_files(root: Path):
    return list(root.rglob(".tmp-*"))


def wait_for_a_write(root: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not temp_files(root) and time.monotonic() < deadline:
        time.sleep(0.0005)


@pytest.mark.slow
def test_photo_store_killed_mid_write_leaves_only_whole_files(tmp_path):
    chance = random.Random(20240611)
    root = tmp_path / "store"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    reported = set()
    killed_mid_write = 0

    for trial in range(TRIALS):
        adder = subprocess.Popen(
            [sys.executable, "-c", ADDER, str(root)],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert adder.stdout.readline().strip() == "ready"
        if trial % 2:
            wait_for_a_write(root, timeout=60)
            time.sleep(chance.uniform(0, 0.02))
        else:  # once a photo is whole (the adder says so), at a random moment of the next
            reported.add(adder.stdout.readline().strip())
            time.sleep(chance.uniform(0, 0.5))
        adder.send_signal(signal.SIGKILL)
        adder.wait()
        reported.update(line.strip() for line in adder.stdout if len(line.strip()) == 64)
        adder.stdout.close()
        killed_mid_write += bool(temp_files(root))

        # Before any clean-up: never a torn file under a final name.
        for path in final_names(root / "photos"):
            assert hashlib.sha256(path.read_bytes()).hexdigest() == path.stem, path
        for path in final_names(root / "thumbs"):
            with Image.open(path) as thumb:
                thumb.load()  # a cut-off JPEG raises "image file is truncated"

        store = PhotoStore(root)
        assert not temp_files(root)
        for thumb in (root / "thumbs").rglob("*.jpg"):
            assert store.has(thumb.stem), f"orphan thumbnail {thumb}"
        assert reported <= set(store.all_hashes())
        assert all(store.verify(sha) for sha in store.all_hashes())

    assert killed_mid_write, "no kill landed during a write; the trial proved little"
    assert reported, "the adder never finished a photo; the trial proved little"
