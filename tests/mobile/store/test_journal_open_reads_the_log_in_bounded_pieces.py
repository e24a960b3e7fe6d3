"""Opening replays the log past the checkpoint as a stream: it reads bounded pieces,
never the whole rest of the log at once, so memory at open does not grow with the
journal. A torn tail and real damage are still told apart across pieces."""

import os

import pytest

from mobile.store import journal as journal_module
from mobile.store.errors import StoreCorrupted
from mobile.store.journal import Journal

PIECE = 4096


@pytest.fixture
def small_pieces(monkeypatch):
    monkeypatch.setattr(journal_module, "READ_PIECE", PIECE)


@pytest.fixture
def pread_sizes(monkeypatch):
    sizes, real_pread = [], os.pread

    def pread(fd, length, offset):
        sizes.append(length)
        return real_pread(fd, length, offset)

    monkeypatch.setattr(os, "pread", pread)
    return sizes


def _journal_without_checkpoint(directory, documents: int) -> int:
    """A closed journal of ``documents`` one-line saves and one big transaction, whose
    checkpoint is gone (so opening replays the whole log); returns the log's size."""
    journal = Journal(directory)
    for n in range(documents):
        journal.commit([("t", f"d{n}", {"n": n, "note": "消防栓完好" * (n % 20)})])
    journal.commit([("t", f"big{n}", {"n": n, "note": "x" * 900}) for n in range(20)])
    journal.close()
    for index in directory.glob("index-*.bin"):
        index.unlink()
    (log,) = directory.glob("journal-*.log")
    return log.stat().st_size


def test_a_log_hundreds_of_pieces_long_opens_reading_one_piece_at_a_time(
    tmp_path, small_pieces, pread_sizes
):
    log_size = _journal_without_checkpoint(tmp_path, 3000)
    assert log_size > 100 * PIECE

    journal = Journal(tmp_path)

    assert max(pread_sizes) <= PIECE
    assert sum(pread_sizes) >= log_size  # the whole log was replayed, piece by piece
    assert journal.count("t") == 3020
    assert journal.read("t", "d2999")["n"] == 2999
    assert journal.read("t", "big19")["note"] == "x" * 900  # a line longer than a piece
    journal.close()


def test_a_torn_tail_past_many_pieces_is_cut(tmp_path, small_pieces):
    log_size = _journal_without_checkpoint(tmp_path, 1000)
    (log,) = tmp_path.glob("journal-*.log")
    with open(log, "ab") as torn:
        torn.write(b'0badf00d [["t","late",{"n":' + b"7" * (3 * PIECE))

    journal = Journal(tmp_path)

    assert journal.count("t") == 1020
    assert log.stat().st_size == log_size
    journal.close()


def test_damage_followed_by_good_lines_pieces_later_is_refused(tmp_path, small_pieces):
    _journal_without_checkpoint(tmp_path, 1000)
    (log,) = tmp_path.glob("journal-*.log")
    data = bytearray(log.read_bytes())
    data[100] ^= 0xFF  # in one of the first lines; the rest of the log is intact
    log.write_bytes(bytes(data))

    with pytest.raises(StoreCorrupted):
        Journal(tmp_path)
