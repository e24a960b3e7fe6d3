"""Compaction drops superseded versions and deletions, and loses nothing live."""

from mobile.store.journal import Journal


def test_compaction_shrinks_the_log_and_keeps_every_live_document(tmp_path):
    journal = Journal(tmp_path, {"t": ["n"]})
    for n in range(50):
        journal.commit([("t", f"d{n}", {"n": n, "pad": "x" * 100})])
    for n in range(50):
        journal.commit([("t", f"d{n}", {"n": n + 1000})])
    journal.commit([("t", "d0", None)])
    journal.commit([("t", "x", {"n": -1}), ("t", "y", {"n": -2})])
    journal.commit([("t", "y", None)])
    before = sum(p.stat().st_size for p in tmp_path.glob("journal-*.log"))
    assert journal.garbage_ratio() > 0.5

    journal.compact()

    (log,) = tmp_path.glob("journal-*.log")
    assert log.name == "journal-2.log"
    assert log.stat().st_size < before / 2
    assert journal.garbage_ratio() == 0
    journal.close()
    reopened = Journal(tmp_path, {"t": ["n"]})
    assert reopened.read("t", "d0") is None
    assert reopened.read("t", "y") is None
    assert reopened.read("t", "x") == {"n": -1}
    assert [reopened.read("t", f"d{n}")["n"] for n in range(1, 50)] == list(range(1001, 1050))
    assert reopened.select("t", n=1049) == [("d49", (1049,))]


def test_leftovers_of_an_interrupted_compaction_are_ignored(tmp_path):
    journal = Journal(tmp_path)
    journal.commit([("t", "a", {"v": 1})])
    journal.close()
    (tmp_path / "journal-2.log.tmp").write_bytes(b"half a compaction")

    reopened = Journal(tmp_path)

    assert reopened.read("t", "a") == {"v": 1}
    assert not list(tmp_path.glob("*.tmp"))
