"""Making a rename or a new file's name survive a power cut: fsync its directory.

A file's own fsync makes its bytes durable, not its name: a new file, a new
directory or a rename is sure to be there after a power cut only once the
directory that holds the name has been fsync'd. One set of helpers for the
journal and the photo store, so both treat the same file systems the same way.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

# What a file system that cannot fsync a directory answers (FUSE, some Android
# mounts): it has nothing to flush, which is not a failed write.
_NOT_SUPPORTED = frozenset({errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP})


def fsync_directory(directory: Path) -> None:
    """Flush ``directory``'s entries to disk; any real failure raises ``OSError``."""
    if os.name == "nt":  # directories cannot be opened there; NTFS journals renames
        return
    fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in _NOT_SUPPORTED:
            raise
    finally:
        os.close(fd)


def write_all(fd: int, data: bytes | bytearray) -> None:
    """Write all of ``data`` at the file position (``os.write`` may write less)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def make_directories(directory: Path) -> None:
    """Create ``directory`` and any missing parents, fsyncing each new one into its parent."""
    missing = []
    path = Path(directory)
    while not path.is_dir() and path.parent != path:
        missing.append(path)
        path = path.parent
    for path in reversed(missing):
        try:
            os.mkdir(path)
        except FileExistsError:
            if not path.is_dir():
                raise
            continue
        fsync_directory(path.parent)
