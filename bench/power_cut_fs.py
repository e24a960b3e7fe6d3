"""A recording file-system shim and what a power cut would leave of it.

In the style of ALICE and CrashMonkey: while a workload runs on a real folder,
``Recorder`` wraps the ``os`` functions the store writes through (``open``,
``write``, ``pwrite``, ``ftruncate``, ``fsync``, ``fdatasync``, ``replace``,
``rename``, ``mkdir``, ``unlink``, ``rmdir``) and writes down, for everything
under that folder, each change and each flush, with the workload's own marks
("this save returned") in between. ``crash_states`` then replays that trace
and, at chosen cut points, rebuilds the folder as a power cut would leave it.

The model of a power cut (see docs/store.md, "Power cuts"):

- a file's contents are durable up to its last ``fsync``/``fdatasync``; the
  changes after it survive as a prefix, and the first change that does not
  survive whole is torn: either cut at any byte, or with any of its 4 KiB
  pages lost (a lost page past the old end reads as zeros);
- a directory's entries are durable up to its last ``fsync``; each entry
  change after it (a create, a rename, an unlink) survives or not, each on its
  own; a rename is atomic (it lands whole or not at all);
- a file or directory that no surviving entry names is gone.

Writes that do not go through these functions (a file opened for writing with
the builtin ``open``) would escape the record: ``Recorder`` refuses them, and
``check_complete`` compares the model's view with the real folder at the end.
"""

from __future__ import annotations

import builtins
import os
import random
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PAGE = 4096

Event = tuple  # ("create", dir, name, node, kind) | ("write", node, offset, data) |
# ("truncate", node, size) | ("sync", node) | ("rename", dir, old, new, node) |
# ("unlink", dir, name) | ("mark", payload)


class EscapedRecording(AssertionError):
    """The workload changed the folder in a way the recorder did not see."""


class Recorder:
    """Record every change under ``root`` while active.

    What ``root`` already holds is noted first as made and flushed (the trace up
    to ``start``), so a folder rebuilt after one cut can be recorded again.
    """

    ROOT = 0

    def __init__(self, root: Path) -> None:
        self.root = os.path.abspath(root)
        self.trace: list[Event] = []
        self._real = {}
        self._nodes: dict[tuple[int, int], int] = {}  # (st_dev, st_ino) -> node
        self._fds: dict[int, int] = {}  # open fd -> node
        self._next_node = 1
        self._nodes[self._key(os.stat(self.root))] = self.ROOT
        self._adopt()
        self.start = len(self.trace)

    def _adopt(self) -> None:
        for directory, subdirectories, files in os.walk(self.root):
            parent = self._node_of(os.stat(directory))
            for name in sorted(subdirectories):
                node = self._new_node(os.path.join(directory, name))
                self.trace.append(("create", parent, name, node, "dir"))
            for name in sorted(files):
                path = os.path.join(directory, name)
                node = self._new_node(path)
                with open(path, "rb") as handle:
                    data = handle.read()
                self.trace += [
                    ("create", parent, name, node, "file"),
                    ("write", node, 0, data),
                    ("sync", node),
                ]
            self.trace.append(("sync", parent))

    def mark(self, payload: Any) -> None:
        """Note a point of the workload (e.g. "this save was acknowledged")."""
        self.trace.append(("mark", payload))

    # -- identifying what a call touches ---------------------------------------

    @staticmethod
    def _key(st: os.stat_result) -> tuple[int, int]:
        return st.st_dev, st.st_ino

    def _inside(self, path: Any) -> str | None:
        if isinstance(path, int):
            return None
        absolute = os.path.abspath(os.fsdecode(path))
        if absolute == self.root or absolute.startswith(self.root + os.sep):
            return absolute
        return None

    def _node_of(self, st: os.stat_result) -> int:
        try:
            return self._nodes[self._key(st)]
        except KeyError:
            raise EscapedRecording("a file the recorder never saw being made") from None

    def _new_node(self, path: str) -> int:
        node, self._next_node = self._next_node, self._next_node + 1
        self._nodes[self._key(os.lstat(path))] = node
        return node

    def _parent(self, path: str) -> tuple[int, str]:
        parent, name = os.path.split(path)
        return self._node_of(os.stat(parent)), name

    # -- the wrapped functions ---------------------------------------------------

    def _open(self, path, flags, mode=0o777, *, dir_fd=None):
        inside = self._inside(path)
        if inside is None or dir_fd is not None:
            return self._real["open"](path, flags, mode, dir_fd=dir_fd)
        existed = os.path.lexists(inside)
        fd = self._real["open"](path, flags, mode)
        if not existed:
            node = self._new_node(inside)
            self.trace.append(("create", *self._parent(inside), node, "file"))
        else:
            node = self._node_of(os.fstat(fd))
            if flags & os.O_TRUNC:
                self.trace.append(("truncate", node, 0))
        self._fds[fd] = node
        return fd

    def _close(self, fd):
        self._fds.pop(fd, None)
        return self._real["close"](fd)

    def _write(self, fd, data):
        written = self._real["write"](fd, data)
        if fd in self._fds:
            end = os.lseek(fd, 0, os.SEEK_CUR)
            self.trace.append(("write", self._fds[fd], end - written, bytes(data[:written])))
        return written

    def _pwrite(self, fd, data, offset):
        written = self._real["pwrite"](fd, data, offset)
        if fd in self._fds:
            self.trace.append(("write", self._fds[fd], offset, bytes(data[:written])))
        return written

    def _ftruncate(self, fd, size):
        self._real["ftruncate"](fd, size)
        if fd in self._fds:
            self.trace.append(("truncate", self._fds[fd], size))

    def _sync(self, name: str) -> Callable[[int], None]:
        def sync(fd):
            self._real[name](fd)
            if fd in self._fds:
                self.trace.append(("sync", self._fds[fd]))

        return sync

    def _rename(self, name: str) -> Callable[..., None]:
        def rename(src, dst, *, src_dir_fd=None, dst_dir_fd=None):
            old, new = self._inside(src), self._inside(dst)
            if old is None and new is None:
                return self._real[name](src, dst, src_dir_fd=src_dir_fd, dst_dir_fd=dst_dir_fd)
            if os.path.dirname(old or "") != os.path.dirname(new or ""):
                raise EscapedRecording(f"a rename across directories: {src} -> {dst}")
            node = self._node_of(os.lstat(old))
            self._real[name](src, dst)
            directory, old_name = self._parent(old)
            self.trace.append(("rename", directory, old_name, os.path.basename(new), node))

        return rename

    def _mkdir(self, path, mode=0o777, *, dir_fd=None):
        inside = self._inside(path)
        self._real["mkdir"](path, mode, dir_fd=dir_fd)
        if inside is not None:
            node = self._new_node(inside)
            self.trace.append(("create", *self._parent(inside), node, "dir"))

    def _remove(self, name: str) -> Callable[..., None]:
        def remove(path, *, dir_fd=None):
            inside = self._inside(path)
            self._real[name](path, dir_fd=dir_fd)
            if inside is not None:
                self.trace.append(("unlink", *self._parent(inside)))

        return remove

    def _builtin_open(self, file, mode="r", *args, **kwargs):
        if self._inside(file) is not None and any(c in mode for c in "wax+"):
            raise EscapedRecording(f"{file} opened for writing past the recorder")
        return self._real["builtin_open"](file, mode, *args, **kwargs)

    # -- switching on and off -------------------------------------------------------

    def __enter__(self) -> Recorder:
        wrappers = {
            "open": self._open,
            "close": self._close,
            "write": self._write,
            "pwrite": self._pwrite,
            "ftruncate": self._ftruncate,
            "fsync": self._sync("fsync"),
            "fdatasync": self._sync("fdatasync"),
            "replace": self._rename("replace"),
            "rename": self._rename("rename"),
            "mkdir": self._mkdir,
            "unlink": self._remove("unlink"),
            "remove": self._remove("remove"),
            "rmdir": self._remove("rmdir"),
        }
        self._real = {name: getattr(os, name) for name in wrappers}
        self._real["builtin_open"] = builtins.open
        for name, wrapper in wrappers.items():
            setattr(os, name, wrapper)
        builtins.open = self._builtin_open
        return self

    def __exit__(self, *exc_info) -> None:
        for name, function in self._real.items():
            if name == "builtin_open":
                builtins.open = function
            else:
                setattr(os, name, function)


# -- replaying the trace ----------------------------------------------------------------


@dataclass
class _File:
    durable: bytes = b""
    pending: list[tuple] = field(default_factory=list)  # ("write", off, data) | ("truncate", n)
    current: bytearray = field(default_factory=bytearray)


@dataclass
class _Directory:
    durable: dict[str, int] = field(default_factory=dict)
    pending: list[tuple] = field(default_factory=list)  # ("link"|"rename"|"unlink", ...)
    current: dict[str, int] = field(default_factory=dict)


def _apply_content(content: bytearray, change: tuple) -> None:
    if change[0] == "truncate":
        del content[change[1] :]
        return
    _, offset, data = change
    if offset > len(content):
        content.extend(bytes(offset - len(content)))
    content[offset : offset + len(data)] = data


def _apply_entry(entries: dict[str, int], change: tuple) -> None:
    kind = change[0]
    if kind == "link":
        entries[change[1]] = change[2]
    elif kind == "rename":
        _, old, new, node = change
        entries.pop(old, None)
        entries[new] = node
    else:
        entries.pop(change[1], None)


def _torn(content: bytearray, change: tuple, rng: random.Random) -> None:
    """Apply part of a write, as a cut mid-way leaves it."""
    if change[0] != "write":
        return  # a truncate lands whole or not at all
    _, offset, data = change
    if not data:
        return
    if rng.random() < 0.5:
        _apply_content(content, ("write", offset, data[: rng.randrange(len(data))]))
        return
    old_end = len(content)
    for start in range(0, len(data), PAGE):
        if rng.random() < 0.5:
            _apply_content(content, ("write", offset + start, data[start : start + PAGE]))
        elif offset + start >= old_end:  # the size got there, the page did not
            piece = len(data[start : start + PAGE])
            _apply_content(content, ("write", offset + start, bytes(piece)))


class Model:
    """The folder as the trace says it is, with what of it is durable."""

    def __init__(self) -> None:
        self.files: dict[int, _File] = {}
        self.directories: dict[int, _Directory] = {Recorder.ROOT: _Directory()}

    def apply(self, event: Event) -> None:
        kind = event[0]
        if kind == "create":
            _, directory, name, node, what = event
            if what == "dir":
                self.directories[node] = _Directory()
            else:
                self.files[node] = _File()
            self._entry(directory, ("link", name, node))
        elif kind == "write" or kind == "truncate":
            file = self.files[event[1]]
            change = ("write", event[2], event[3]) if kind == "write" else ("truncate", event[2])
            file.pending.append(change)
            _apply_content(file.current, change)
        elif kind == "sync":
            self._sync(event[1])
        elif kind == "rename":
            _, directory, old, new, node = event
            self._entry(directory, ("rename", old, new, node))
        elif kind == "unlink":
            self._entry(event[1], ("unlink", event[2]))

    def _entry(self, directory: int, change: tuple) -> None:
        state = self.directories[directory]
        state.pending.append(change)
        _apply_entry(state.current, change)

    def _sync(self, node: int) -> None:
        if node in self.files:
            file = self.files[node]
            file.durable, file.pending = bytes(file.current), []
        else:
            directory = self.directories[node]
            directory.durable, directory.pending = dict(directory.current), []

    # -- what is there ------------------------------------------------------------------

    def _surviving_content(self, file: _File, rng: random.Random) -> bytes:
        content = bytearray(file.durable)
        survive = rng.randint(0, len(file.pending))
        for change in file.pending[:survive]:
            _apply_content(content, change)
        if survive < len(file.pending):
            _torn(content, file.pending[survive], rng)
        return bytes(content)

    def _surviving_entries(self, directory: _Directory, rng: random.Random) -> dict[str, int]:
        entries = dict(directory.durable)
        for change in directory.pending:
            if rng.random() < 0.5:
                _apply_entry(entries, change)
        return entries

    def write_crash_state(self, target: Path, rng: random.Random) -> None:
        """Build in ``target`` (an empty folder) what a power cut now could leave."""
        entries_of = lambda d: self._surviving_entries(d, rng)  # noqa: E731
        self._write_tree(Recorder.ROOT, Path(target), rng, entries_of)

    def write_current_state(self, target: Path) -> None:
        """Build in ``target`` the folder as the running program sees it (nothing lost)."""
        self._write_tree(Recorder.ROOT, Path(target), None, lambda d: d.current)

    def _write_tree(self, node: int, target: Path, rng, entries_of) -> None:
        for name, child in sorted(entries_of(self.directories[node]).items()):
            path = target / name
            if child in self.directories:
                path.mkdir()
                self._write_tree(child, path, rng, entries_of)
            else:
                file = self.files[child]
                path.write_bytes(
                    bytes(file.current) if rng is None else self._surviving_content(file, rng)
                )


def crash_states(
    trace: Sequence[Event], cuts: Sequence[int]
) -> Iterator[tuple[int, Model, list[Any]]]:
    """For each cut (a number of events), the model at that point and the marks so far."""
    model, marks, position = Model(), [], 0
    for cut in sorted(cuts):
        while position < cut:
            event = trace[position]
            if event[0] == "mark":
                marks.append(event[1])
            else:
                model.apply(event)
            position += 1
        yield cut, model, marks


def check_complete(trace: Sequence[Event], root: Path, scratch: Path) -> None:
    """Raise ``EscapedRecording`` unless replaying ``trace`` rebuilds ``root`` exactly."""
    model = Model()
    for event in trace:
        if event[0] != "mark":
            model.apply(event)
    scratch.mkdir()
    model.write_current_state(scratch)
    if _snapshot(scratch) != _snapshot(root):
        raise EscapedRecording(f"the trace does not rebuild {root}")


def _snapshot(root: Path) -> dict[str, bytes | None]:
    found: dict[str, bytes | None] = {}
    for directory, subdirectories, files in os.walk(root):
        for name in subdirectories:
            found[os.path.relpath(os.path.join(directory, name), root)] = None
        for name in files:
            path = os.path.join(directory, name)
            if stat.S_ISREG(os.lstat(path).st_mode):
                with open(path, "rb") as handle:
                    found[os.path.relpath(path, root)] = handle.read()
    return found
