"""A kill mid-append leaves a torn last line: it was never acknowledged, so it is cut.
A bad line with good lines after it is damage, not a torn tail: opening refuses."""

import pytest

from mobile.store.errors import StoreCorrupted
from mobile.store.journal import Journal


def _log(directory):
    (log,) = directory.glob("journal-*.log")
    return log


def _journal_with_two_documents(directory):
    journal = Journal(directory)
    journal.commit([("t", "a", {"v": 1})])
    journal.commit([("t", "b", {"v": 2})])
    journal.close()
    for index in directory.glob("index-*.bin"):
        index.unlink()  # make the next open replay the log itself


def test_torn_last_line_is_cut_and_earlier_documents_survive(tmp_path):
    _journal_with_two_documents(tmp_path)
    intact_size = _log(tmp_path).stat().st_size
    with open(_log(tmp_path), "ab") as log:
        log.write(b'1234abcd [["t","c",{"v":')

    journal = Journal(tmp_path)

    assert journal.read("t", "a") == {"v": 1}
    assert journal.read("t", "b") == {"v": 2}
    assert journal.read("t", "c") is None
    assert _log(tmp_path).stat().st_size == intact_size
    journal.commit([("t", "c", {"v": 3})])
    journal.close()
    assert Journal(tmp_path).read("t", "c") == {"v": 3}


def test_complete_line_with_wrong_checksum_at_the_end_is_cut(tmp_path):
    _journal_with_two_documents(tmp_path)
    data = _log(tmp_path).read_bytes()
    _log(tmp_path).write_bytes(data[:-3] + b"X}\n")  # last line's body changed, checksum kept

    journal = Journal(tmp_path)

    assert journal.read("t", "a") == {"v": 1}
    assert journal.read("t", "b") is None


def test_damaged_line_followed_by_good_lines_is_reported_not_dropped(tmp_path):
    _journal_with_two_documents(tmp_path)
    data = bytearray(_log(tmp_path).read_bytes())
    data[12] ^= 0xFF  # inside the first line
    _log(tmp_path).write_bytes(bytes(data))

    with pytest.raises(StoreCorrupted) as raised:
        Journal(tmp_path)

    assert "损坏" in raised.value.text.zh


def test_document_damaged_on_disk_after_open_is_reported_when_read(tmp_path):
    journal = Journal(tmp_path)
    journal.commit([("t", "a", {"v": "水泵房"}), ("t", "b", {"v": "消防栓"})])
    data = bytearray(_log(tmp_path).read_bytes())
    data[data.index("消防栓".encode())] ^= 0x01
    _log(tmp_path).write_bytes(bytes(data))

    assert journal.read("t", "a") == {"v": "水泵房"}  # its neighbour in the line is intact
    with pytest.raises(StoreCorrupted):
        journal.read("t", "b")
