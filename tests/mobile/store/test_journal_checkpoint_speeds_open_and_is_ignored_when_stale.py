"""The index checkpoint saves replaying the log, and is never trusted blindly."""

from mobile.store.journal import Journal


def test_reopen_after_close_uses_the_checkpoint_and_sees_later_writes(tmp_path):
    journal = Journal(tmp_path, {"t": ["state"]})
    journal.commit([("t", "a", {"state": "pending"})])
    journal.close()
    assert list(tmp_path.glob("index-*.bin"))

    journal = Journal(tmp_path, {"t": ["state"]})
    journal.commit([("t", "b", {"state": "synced"})])
    # killed now: no checkpoint covers "b"; the log after the checkpoint is replayed
    journal._release_process_lock()

    reopened = Journal(tmp_path, {"t": ["state"]})
    assert reopened.select("t", state="pending") == [("a", ("pending",))]
    assert reopened.select("t", state="synced") == [("b", ("synced",))]


def test_checkpoint_for_other_indexed_fields_is_ignored(tmp_path):
    journal = Journal(tmp_path, {"t": ["state"]})
    journal.commit([("t", "a", {"state": "pending", "kind": "complaint"})])
    journal.close()

    reopened = Journal(tmp_path, {"t": ["kind"]})

    assert reopened.select("t", kind="complaint") == [("a", ("complaint",))]


def test_damaged_checkpoint_is_ignored_and_the_log_replayed(tmp_path):
    journal = Journal(tmp_path, {"t": ["state"]})
    journal.commit([("t", "a", {"state": "pending"})])
    journal.close()
    (index,) = tmp_path.glob("index-*.bin")
    index.write_bytes(index.read_bytes()[:-5])

    reopened = Journal(tmp_path, {"t": ["state"]})

    assert reopened.read("t", "a") == {"state": "pending"}


def test_long_run_without_a_clean_close_still_leaves_little_to_replay(tmp_path, monkeypatch):
    monkeypatch.setattr("mobile.store.journal.CHECKPOINT_AFTER_LINES", 10)
    journal = Journal(tmp_path)
    for n in range(35):
        journal.commit([("t", f"d{n}", {"n": n})])
    journal._release_process_lock()  # killed: no close, no final checkpoint

    reopened = Journal(tmp_path)

    assert reopened._lines_past_checkpoint <= 10
    assert sorted(reopened.read("t", i)["n"] for i in reopened.ids("t")) == list(range(35))
