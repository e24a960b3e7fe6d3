"""Fixtures shared by the store tests."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

# -- small_tmpfs: a real, tiny file system to run out of space on -----------------

SMALL_TMPFS_SIZE = "1m"


@dataclass
class SmallTmpfs:
    """A freshly mounted 1 MiB tmpfs; unmounted when the test ends."""

    path: Path

    def fill_up(self, leave_free: int = 0) -> Path:
        """Fill the file system with one filler file until ENOSPC, then give back
        about ``leave_free`` bytes (tmpfs frees whole 4 KiB pages). Returns the filler."""
        filler = self.path / "filler.bin"
        chunk = b"\0" * 4096
        fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            while True:
                try:
                    os.write(fd, chunk)
                except OSError as exc:
                    if exc.errno != errno.ENOSPC:
                        raise
                    break
            size = os.fstat(fd).st_size
            os.ftruncate(fd, max(0, size - leave_free))
        finally:
            os.close(fd)
        return filler

    def free_bytes(self) -> int:
        stats = os.statvfs(self.path)
        return stats.f_bavail * stats.f_frsize

    def make_read_only(self) -> None:
        subprocess.run(["mount", "-o", "remount,ro", str(self.path)], check=True)

    def make_writable(self) -> None:
        subprocess.run(["mount", "-o", "remount,rw", str(self.path)], check=True)


@pytest.fixture
def small_tmpfs(tmp_path_factory: pytest.TempPathFactory):
    """A real 1 MiB tmpfs. Needs root, as the tests and CI run here; where mounting is
    refused the test fails with the reason, rather than passing untested."""
    with mounted_small_tmpfs(tmp_path_factory.mktemp("small_tmpfs")) as mounted:
        yield mounted


@contextlib.contextmanager
def mounted_small_tmpfs(mountpoint: Path):
    """``small_tmpfs`` for tests elsewhere (tests/e2e/): mounted on ``mountpoint``."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.fail("mounting a tmpfs needs root and mount(8)")
    mounted = subprocess.run(
        [
            "mount",
            "-t",
            "tmpfs",
            "-o",
            f"size={SMALL_TMPFS_SIZE},mode=0700",
            "tmpfs",
            str(mountpoint),
        ],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.fail(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield SmallTmpfs(mountpoint)
    finally:
        if subprocess.run(["umount", str(mountpoint)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(mountpoint)], check=True)
