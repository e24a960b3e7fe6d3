"""The power-cut harness replays what it recorded; a write that went around the
recorder would make it check a folder other than the real one. It refuses such a
write when it sees one, and a replay that does not rebuild the folder fails. What a
folder held before recording began counts as durable."""

import os
import random

import pytest

from bench.power_cut_fs import EscapedRecording, Recorder, check_complete, crash_states


def test_opening_a_file_for_writing_with_the_builtin_open_is_refused(tmp_path):
    with Recorder(tmp_path), pytest.raises(EscapedRecording):
        open(tmp_path / "note.txt", "w")  # noqa: SIM115 - refused before it opens


def test_a_replay_that_misses_a_write_fails_the_completeness_check(tmp_path):
    day = tmp_path / "day"
    day.mkdir()
    with Recorder(day) as recorder:
        fd = os.open(day / "log", os.O_WRONLY | os.O_CREAT, 0o600)
        os.write(fd, b"seen\n")
        os.close(fd)
    with open(day / "log", "ab") as behind_its_back:
        behind_its_back.write(b"unseen\n")

    with pytest.raises(EscapedRecording):
        check_complete(recorder.trace, day, tmp_path / "replayed")


def test_a_complete_record_rebuilds_the_folder(tmp_path):
    day = tmp_path / "day"
    day.mkdir()
    with Recorder(day) as recorder:
        os.mkdir(day / "db")
        fd = os.open(day / "db" / "a.tmp", os.O_WRONLY | os.O_CREAT, 0o600)
        os.pwrite(fd, b"hello", 0)
        os.fsync(fd)
        os.close(fd)
        os.replace(day / "db" / "a.tmp", day / "db" / "a")

    check_complete(recorder.trace, day, tmp_path / "replayed")


def test_what_the_folder_held_before_recording_survives_any_cut(tmp_path):
    day = tmp_path / "day"
    (day / "db").mkdir(parents=True)
    (day / "db" / "journal-1.log").write_bytes(b"already durable\n")
    with Recorder(day) as recorder:
        fd = os.open(day / "db" / "journal-1.log", os.O_WRONLY)
        os.pwrite(fd, b"not flushed\n", 16)
        os.close(fd)

    for seed in range(20):
        for _, model, _ in crash_states(recorder.trace, [len(recorder.trace)]):
            after = tmp_path / f"cut-{seed}"
            after.mkdir()
            model.write_crash_state(after, random.Random(seed))
            assert (after / "db" / "journal-1.log").read_bytes().startswith(b"already durable\n")
    check_complete(recorder.trace, day, tmp_path / "replayed")
