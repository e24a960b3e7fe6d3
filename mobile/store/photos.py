"""Photos on disk, content-addressed by the SHA-256 of the bytes we keep.

Layout under the app's data folder::

    root/photos/ab/ab12…ef.jpg     the photo, long edge at most 1600 px
    root/thumbs/ab/ab12…ef.jpg     its thumbnail, long edge at most 320 px

Records hold only the hash; this module owns the files.

Why content addressing
    The server identifies a photo by its SHA-256, so the name on the tablet is
    the name on the server: the sync engine asks "which of these hashes do you
    lack?" and uploads only those, resumably, with no id mapping to keep. The
    same picture attached twice (or by two records) is one file. A record can
    never point at the wrong picture: the name *is* the content.

Why hash the stored bytes, not the camera's
    What the tablet keeps and uploads is the re-encoded JPEG (upright, RGB,
    downscaled, metadata stripped), not the camera's original. Hashing exactly
    the bytes written means ``sha256(file) == name`` holds on the tablet and on
    the server, so either side can check a file against its name at any time
    (``verify``) and a damaged copy is detected rather than uploaded as truth.
    Encoding is deterministic for a given Pillow build, so adding the same
    source twice yields the same hash and no second file.

Durability, per file
    1. write to a temp file (``.tmp-*.part``) in the destination directory;
    2. flush and ``os.fsync`` the file;
    3. ``os.replace`` it onto the final name (atomic within one directory);
    4. ``fsync`` the directory so the rename itself survives a power cut
       (new shard directories are fsynced into their parent the same way).
    A crash therefore never leaves a half-written file under a final name, at
    worst a stale temp file, which ``PhotoStore.__init__`` removes. The
    thumbnail is written before the photo and removed after it, so the photo
    file is the commit point: ``has(sha)`` true means both are complete.
    A thumbnail left without its photo by a crash is also swept at start-up.

Errors (see ``mobile/store/errors.py``)
    not a picture, truncated, decompression bomb -> ``PhotoNotAnImage``
    ENOSPC / EDQUOT -> ``DiskFull``;  EROFS -> ``ReadOnlyStorage``;
    any other OSError while writing -> ``StoreWriteFailed``;
    each raised ``from`` the original error, with no partial file left behind.

Threads
    The UI thread and the sync thread may share one store, or hold two
    ``PhotoStore`` objects on the same folder: one lock per folder serialises
    the file operations, while decoding and encoding (the slow part) run
    outside it. Two processes on one folder are not supported; the app holds
    its store open exclusively (``StoreAlreadyOpen``).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import os
import re
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

from PIL import ExifTags, Image, ImageOps

from domain.text import Text
from mobile.store.durable import fsync_directory, make_directories
from mobile.store.errors import (
    DiskFull,
    PhotoNotAnImage,
    PhotoNotFound,
    ReadOnlyStorage,
    StoreError,
    StoreWriteFailed,
)

MAX_LONG_EDGE = 1600
THUMB_LONG_EDGE = 320
JPEG_QUALITY = 85
THUMB_QUALITY = 80

PHOTOS_DIR = "photos"
THUMBS_DIR = "thumbs"
TEMP_PREFIX = ".tmp-"
TEMP_SUFFIX = ".part"

_SHA256_HEX = re.compile(r"[0-9a-f]{64}")
_STORED_NAME = re.compile(r"([0-9a-f]{64})\.jpg")
_READ_CHUNK = 1 << 20
_BACKGROUND = (255, 255, 255)  # transparent areas become white, as on paper
_QUARTER_TURNS = {5, 6, 7, 8}  # EXIF orientations that swap width and height

TOO_MANY_PIXELS = Text(
    "图片像素过多，无法处理（可能是恶意文件）。请用相机重新拍照。",
    "The picture has too many pixels to process (possibly a malicious file). "
    "Take the photo again with the camera.",
)


@dataclass(frozen=True, slots=True)
class PhotoRef:
    """A stored photo: what a record keeps is ``sha256``; the rest is for display."""

    sha256: str
    size_bytes: int
    width: int
    height: int
    path: Path
    thumb_path: Path


@dataclass(frozen=True, slots=True)
class _Encoded:
    photo: bytes
    thumb: bytes
    width: int
    height: int


_locks_guard = threading.Lock()
_locks: dict[Path, threading.Lock] = {}


def _lock_for(root: Path) -> threading.Lock:
    """One lock per folder, shared by every PhotoStore on it in this process."""
    key = root.resolve()
    with _locks_guard:
        return _locks.setdefault(key, threading.Lock())


class PhotoStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._photos = self.root / PHOTOS_DIR
        self._thumbs = self.root / THUMBS_DIR
        self._lock = _lock_for(self.root)
        with self._lock:
            self._sweep()

    # -- paths and look-ups ------------------------------------------------

    def path_for(self, sha256: str) -> Path:
        sha = _checked(sha256)
        return self._photos / sha[:2] / f"{sha}.jpg"

    def thumb_for(self, sha256: str) -> Path:
        sha = _checked(sha256)
        return self._thumbs / sha[:2] / f"{sha}.jpg"

    def has(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def open_bytes(self, sha256: str) -> bytes:
        """The stored bytes, as they will be uploaded. Use ``verify`` to check them."""
        path = self.path_for(sha256)
        with _reading(path, sha256):
            return path.read_bytes()

    def size(self, sha256: str) -> int:
        """How many bytes the stored photo has (what uploading it sends)."""
        path = self.path_for(sha256)
        with _reading(path, sha256):
            return path.stat().st_size

    def verify(self, sha256: str) -> bool:
        """True if the file is there and its bytes still hash to its name.

        A missing or unreadable file counts as not intact.
        """
        sha = _checked(sha256)
        digest = hashlib.sha256()
        try:
            with open(self.path_for(sha), "rb") as f:
                while chunk := f.read(_READ_CHUNK):
                    digest.update(chunk)
        except OSError:
            return False
        return digest.hexdigest() == sha

    def all_hashes(self) -> list[str]:
        """Every stored photo's hash, sorted."""
        return sorted(sha for sha, _ in _stored_files(self._photos))

    def size_on_disk(self) -> int:
        """Bytes taken by photos and thumbnails (temp files excluded)."""
        total = 0
        for base in (self._photos, self._thumbs):
            for _, path in _stored_files(base):
                try:
                    total += path.stat().st_size
                except FileNotFoundError:
                    continue  # removed meanwhile
        return total

    # -- changes ---------------------------------------------------------------

    def add(self, source: bytes | Path) -> PhotoRef:
        """Keep a photo; return its reference. Idempotent for the same picture.

        Slow (decode, resize, encode): call it off the UI thread.
        """
        encoded = _encode(_read_source(source))
        sha = hashlib.sha256(encoded.photo).hexdigest()
        photo, thumb = self.path_for(sha), self.thumb_for(sha)
        with self._lock:
            try:
                self._keep(photo, encoded.photo, thumb, encoded.thumb)
            except OSError as exc:
                raise _write_error(exc) from exc
        return PhotoRef(sha, len(encoded.photo), encoded.width, encoded.height, photo, thumb)

    def remove_unless_added_since(self, sha256: str, since: datetime) -> bool:
        """Remove the photo if it was last added before ``since`` (its file's mtime:
        ``add`` of a picture already here refreshes it); True if it went.

        The check and the removal hold the folder's lock, so a concurrent ``add`` of
        the same picture either refreshes it first (and it stays) or writes it anew.
        """
        photo = self.path_for(sha256)
        with self._lock:
            try:
                added = datetime.fromtimestamp(photo.stat().st_mtime, UTC)
            except FileNotFoundError:
                return False
            except OSError as exc:
                raise _write_error(exc) from exc
            if added >= since:
                return False
            self._remove(sha256)
        return True

    def remove(self, sha256: str) -> None:
        """Delete a photo and its thumbnail (after the server confirmed it).

        Removing a photo that is not there is not an error, so pruning can retry.
        """
        with self._lock:
            self._remove(sha256)

    # -- internals -------------------------------------------------------------

    def _remove(self, sha256: str) -> None:
        """Delete a photo and its thumbnail; the caller holds the lock."""
        photo, thumb = self.path_for(sha256), self.thumb_for(sha256)
        try:
            # Photo first: it is the commit point; a crash leaves an orphan
            # thumbnail, which the next start-up sweeps.
            for path in (photo, thumb):
                if _unlink(path):
                    fsync_directory(path.parent)
        except OSError as exc:
            raise _write_error(exc) from exc

    def _keep(self, photo: Path, photo_bytes: bytes, thumb: Path, thumb_bytes: bytes) -> None:
        if _holds(photo, photo_bytes):
            if not thumb.is_file():
                _write_durably(thumb, thumb_bytes)
            # Added again: its grace period as an unnamed photo starts afresh, so a
            # prune cannot take it before the form that attached it is saved.
            os.utime(photo)
            return
        # A photo under this name that does not hold these bytes is a damaged
        # copy: rewriting it from the same picture repairs it.
        wrote_thumb = False
        if not _holds(thumb, thumb_bytes):
            _write_durably(thumb, thumb_bytes)
            wrote_thumb = True
        try:
            _write_durably(photo, photo_bytes)
        except BaseException:
            if wrote_thumb:
                with contextlib.suppress(OSError):  # else an orphan, swept at start-up
                    _unlink(thumb)
            raise

    def _sweep(self) -> None:
        """Remove temp files left by a crash, and thumbnails whose photo never landed.

        Best effort: on read-only storage it silently leaves things as they are.
        """
        for base in (self._photos, self._thumbs):
            for shard in _subdirs(base):
                try:
                    entries = list(os.scandir(shard))
                except OSError:
                    continue
                for entry in entries:
                    name = entry.name
                    stale = name.startswith(TEMP_PREFIX)
                    if not stale and base is self._thumbs:
                        match = _STORED_NAME.fullmatch(name)
                        stale = match is not None and not self.has(match.group(1))
                    if stale:
                        with contextlib.suppress(OSError):
                            os.unlink(entry.path)


# -- image processing ----------------------------------------------------------


def _read_source(source: bytes | Path) -> bytes:
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source)
    try:
        return Path(source).read_bytes()
    except OSError as exc:
        raise PhotoNotAnImage(detail=f"cannot read {source}: {exc}") from exc


def _encode(data: bytes) -> _Encoded:
    """Decode untrusted bytes and re-encode them as the JPEG we keep, plus a thumbnail."""
    try:
        # verify() checks the container (e.g. PNG chunk CRCs) but leaves the
        # image unusable, hence the second open; load() catches truncation.
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        with Image.open(io.BytesIO(data)) as opened:
            picture = _upright_rgb_within(opened, MAX_LONG_EDGE)
    except Image.DecompressionBombError as exc:
        raise PhotoNotAnImage(detail=str(exc), text=TOO_MANY_PIXELS) from exc
    except MemoryError:
        raise
    except Exception as exc:
        # Pillow raises a zoo of types on malformed input (UnidentifiedImageError,
        # OSError "image file is truncated", SyntaxError, ValueError, struct.error,
        # EOFError ...). Only Pillow calls on the untrusted bytes are in this block.
        raise PhotoNotAnImage(detail=f"{type(exc).__name__}: {exc}") from exc

    thumb = picture
    if max(picture.size) > THUMB_LONG_EDGE:
        thumb = picture.resize(_fit(picture.size, THUMB_LONG_EDGE), Image.Resampling.LANCZOS)
    return _Encoded(
        photo=_jpeg(picture, JPEG_QUALITY),
        thumb=_jpeg(thumb, THUMB_QUALITY),
        width=picture.width,
        height=picture.height,
    )


def _upright_rgb_within(image: Image.Image, long_edge: int) -> Image.Image:
    orientation = image.getexif().get(ExifTags.Base.Orientation, 1)
    width, height = image.size
    if orientation in _QUARTER_TURNS:
        width, height = height, width
    target = _fit((width, height), long_edge)
    if target != (width, height) and image.format == "JPEG":
        # Let libjpeg decode at 1/2, 1/4 or 1/8 scale (never below the target):
        # a 48 MP camera frame would otherwise need ~150 MB of RAM on a tablet.
        # The long edge is the same in either orientation, so no swap is needed.
        image.draft(None, _fit(image.size, long_edge))
    image = ImageOps.exif_transpose(image)  # also loads (decodes) the pixels
    image = _to_rgb(image)
    if image.size != target:
        image = image.resize(target, Image.Resampling.LANCZOS)
    return image


def _fit(size: tuple[int, int], long_edge: int) -> tuple[int, int]:
    """``size`` scaled down so its long edge is at most ``long_edge``; never up."""
    width, height = size
    longest = max(width, height)
    if longest <= long_edge:
        return width, height
    scale = long_edge / longest
    return max(1, round(width * scale)), max(1, round(height * scale))


def _to_rgb(image: Image.Image) -> Image.Image:
    if image.mode in ("I", "I;16", "I;16L", "I;16B", "I;16N", "F"):
        image = _deep_grey_to_8bit(image)
    if image.has_transparency_data:
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, _BACKGROUND)
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    if image.mode != "RGB":
        return image.convert("RGB")  # L, 1, P, CMYK, YCbCr ...
    return image


def _deep_grey_to_8bit(image: Image.Image) -> Image.Image:
    """16-bit (or float) greyscale to 8-bit: Pillow's own conversion clips at 255."""
    if image.mode != "F":
        image = image.convert("I")
    # One band, so the extremes are two numbers (a tuple of pairs is for several bands).
    _, high = cast(tuple[float, float], image.getextrema())
    full_scale = 65535 if high <= 65535 else high
    scaled = image.point(lambda value: value * (255 / full_scale)) if high > 255 else image
    return scaled.convert("L")


def _jpeg(image: Image.Image, quality: int) -> bytes:
    # Privacy: a phone photo's EXIF can carry GPS coordinates (someone's flat),
    # the device serial and the time; XMP and comments can carry more. Nothing
    # of it is written: the orientation is already applied to the pixels, and
    # the record holds the place and time the app itself captured.
    image.info.clear()  # Pillow would otherwise copy e.g. a JPEG comment across
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, optimize=True, progressive=False, exif=b"")
    return out.getvalue()


# -- files -----------------------------------------------------------------------


def hashes_named_in(value: object) -> set[str]:
    """Every photo hash anywhere in ``value`` (a record's or a draft's JSON): a string
    of 64 hex digits. Erring towards keeping: a stray one keeps a file, never loses it."""
    if isinstance(value, str):
        return {value} if _SHA256_HEX.fullmatch(value) else set()
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list | tuple):
        return set().union(*(hashes_named_in(item) for item in value))
    return set()


def _checked(sha256: str) -> str:
    """The hash, lower-cased; refuses anything that is not 64 hex digits (no path games)."""
    sha = sha256.lower() if isinstance(sha256, str) else ""
    if not _SHA256_HEX.fullmatch(sha):
        raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
    return sha


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _write_durably(final: Path, data: bytes) -> None:
    directory = final.parent
    make_directories(directory)
    fd, temp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=directory)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, final)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    fsync_directory(directory)


@contextlib.contextmanager
def _reading(path: Path, sha256: str) -> Iterator[None]:
    """A missing photo file is ``PhotoNotFound``; any other failure to read it, a
    ``StoreError`` naming the file."""
    try:
        yield
    except FileNotFoundError as exc:
        raise PhotoNotFound(detail=sha256) from exc
    except OSError as exc:
        raise StoreError(detail=f"cannot read {path}: {exc}") from exc


def _unlink(path: Path) -> bool:
    try:
        os.unlink(path)
    except FileNotFoundError:
        return False
    return True


def _subdirs(base: Path) -> list[Path]:
    try:
        return [Path(entry.path) for entry in os.scandir(base) if entry.is_dir()]
    except OSError:
        return []


def _stored_files(base: Path) -> list[tuple[str, Path]]:
    found = []
    for shard in _subdirs(base):
        try:
            entries = list(os.scandir(shard))
        except OSError:
            continue
        for entry in entries:
            match = _STORED_NAME.fullmatch(entry.name)
            if match and match.group(1)[:2] == shard.name:
                found.append((match.group(1), Path(entry.path)))
    return found


def _write_error(exc: OSError) -> StoreWriteFailed:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFull(detail=str(exc))
    if exc.errno == errno.EROFS:
        return ReadOnlyStorage(detail=str(exc))
    return StoreWriteFailed(detail=str(exc))
