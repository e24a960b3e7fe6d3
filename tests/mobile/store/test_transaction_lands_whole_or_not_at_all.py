"""Several writes grouped in a transaction become one journal line."""

import pytest

from mobile.store.journal import Journal


def test_writes_in_a_transaction_share_one_line(tmp_path):
    journal = Journal(tmp_path)
    with journal.transaction():
        journal.commit([("records", "r1", {"v": 1})])
        journal.commit([("drafts", "form", None)])
        journal.commit([("records", "r2", {"v": 2})])
    (log,) = tmp_path.glob("journal-*.log")

    assert log.read_bytes().count(b"\n") == 1
    assert journal.read("records", "r2") == {"v": 2}


def test_transaction_that_raises_writes_nothing(tmp_path):
    journal = Journal(tmp_path)
    with pytest.raises(RuntimeError), journal.transaction():
        journal.commit([("records", "r1", {"v": 1})])
        raise RuntimeError("the form failed half way")

    assert journal.read("records", "r1") is None
    journal.close()
    assert Journal(tmp_path).read("records", "r1") is None


def test_reads_inside_a_transaction_see_its_own_writes(tmp_path):
    journal = Journal(tmp_path, {"t": ["state"]})
    journal.commit([("t", "kept", {"state": "old"})])
    with journal.transaction():
        journal.commit([("t", "new", {"state": "pending"})])
        journal.commit([("t", "kept", None)])

        assert journal.read("t", "new") == {"state": "pending"}
        assert not journal.contains("t", "kept")
        assert journal.ids("t") == ["new"]
        assert journal.select("t", state="pending") == [("new", ("pending",))]
        journal.commit([("t", "new", None)])
        assert journal.count("t") == 0

    assert journal.read("t", "new") is None
    assert journal.read("t", "kept") is None
