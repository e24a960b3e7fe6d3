"""A supervisor's synced logs on the tablet (``LogsService``), from the pulled
``synced_record`` items: the latest work first, and each filter keeps what it says."""

from datetime import datetime, timedelta

import pytest

from mobile.services.logs import LogFilter, LogsService, detail_lines
from mobile.services.today import ESTATE_TIME
from tests.domain.conftest import complaint, patrol_round, shift_handover

NOW = datetime(2024, 5, 3, 12, 0, tzinfo=ESTATE_TIME)


def _synced(record_id, kind, payload, author):
    return {"kind": "synced_record", "key": record_id, "version": 1, "deleted": False, "data": {
        "id": record_id, "estate_id": "hxy", "kind": kind, "revision": 1, "author": author,
        "received_at": "2024-05-02T09:00:00+00:00", "payload": payload, "photos": [],
    }}  # fmt: skip


@pytest.fixture
def logs(store):
    abnormal = patrol_round()
    abnormal["checkpoints"][0].update(abnormal=True, note="配电箱门锁损坏")
    # the domain example is from 2024-05-01: overdue by now (24 h to reply)
    late = complaint()
    on_time = complaint() | {"received_at": (NOW - timedelta(hours=2)).isoformat()}
    items = [
        _synced("round-abnormal", "patrol_round", abnormal, "staff-7"),
        _synced("handover", "shift_handover", shift_handover(), "staff-7"),
        _synced("complaint-late", "complaint", late, "staff-2"),
        _synced("complaint-new", "complaint", on_time, "staff-2"),
        _synced("unreadable", "meter_reading", {"x": 1}, "staff-9"),
    ]
    store.reference.apply_page(items, 1, "scope")
    return LogsService(store)


def _ids(logs, **wanted):
    return [entry.id for entry in logs.entries(LogFilter(**wanted), NOW)]


def test_every_readable_record_is_listed_latest_work_first(logs):
    assert _ids(logs) == ["complaint-new", "handover", "round-abnormal", "complaint-late"]


def test_each_filter_keeps_only_what_it_names(logs):
    assert _ids(logs, kind="shift_handover") == ["handover"]
    assert _ids(logs, staff="staff-2") == ["complaint-new", "complaint-late"]
    assert _ids(logs, day="2024-05-02") == ["handover"]
    assert _ids(logs, abnormal_only=True) == ["round-abnormal"]
    assert _ids(logs, overdue_only=True) == ["complaint-late"]
    assert _ids(logs, staff="staff-7", overdue_only=True) == []


def test_the_detail_names_fields_and_labels_codes_in_either_language(logs):
    entry = logs.entry("handover", NOW)

    assert "班次：夜班" in detail_lines(entry, "zh_CN")
    assert "Shift: Night shift" in detail_lines(entry, "en")
    assert "交班时间：2024-05-02 08:00" in detail_lines(entry, "zh_CN")
    assert logs.authors() == ["staff-2", "staff-7", "staff-9"]
