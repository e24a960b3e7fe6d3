"""The power-cut harness is only worth its zero if it fails a store that skips a
flush. Each case takes one fsync out of the store; the harness must report losses."""

import os

import pytest

from bench.power_cut import run_cuts
from mobile.store import journal, photos


class _OsWithoutFdatasync:
    """The ``os`` module as the journal sees it, except that fdatasync does nothing."""

    def __getattr__(self, name):
        return getattr(os, name)

    @staticmethod
    def fdatasync(fd):
        pass


def _journal_append_without_fdatasync(monkeypatch):
    monkeypatch.setattr(journal, "os", _OsWithoutFdatasync())


def _journal_without_directory_fsync(monkeypatch):
    monkeypatch.setattr(journal, "fsync_directory", lambda directory: None)


def _photos_without_directory_fsync(monkeypatch):
    monkeypatch.setattr(photos, "fsync_directory", lambda directory: None)


@pytest.mark.parametrize(
    "take_out",
    [
        _journal_append_without_fdatasync,
        _journal_without_directory_fsync,
        _photos_without_directory_fsync,
    ],
)
def test_harness_reports_lost_saves_when_one_fsync_is_taken_out(tmp_path, monkeypatch, take_out):
    take_out(monkeypatch)

    outcome = run_cuts(40, seed=11, saves=30, work=tmp_path)

    assert outcome.lost + outcome.damaged + outcome.open_failures > 0
    assert outcome.findings
