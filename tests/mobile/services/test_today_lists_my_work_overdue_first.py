"""Today's work: my routes, work orders, visit tasks and complaints, overdue first."""

from datetime import datetime, timedelta

import pytest

from mobile.services.session import Estate, SignedIn
from mobile.services.today import ESTATE_TIME, TodayService, describe_overdue
from tests.domain.conftest import complaint

# 20:00 estate time: the day routes (due 18:00) are two hours overdue.
NOW = datetime(2026, 5, 4, 20, 0, tzinfo=ESTATE_TIME)


class SignedInAs:
    def __init__(self, username, role):
        self.current = SignedIn(
            "http://s", "t", 1, username, username, role, (Estate("hxy", "华夏苑"),), "2030"
        )


def _route(key, shift):
    return {"kind": "route", "key": key, "version": 1, "deleted": False, "data": {
        "id": key, "estate_id": "hxy", "name": f"{key} 路线", "shift": shift,
        "checkpoint_ids": ["c1", "c2"], "expected_minutes": 30,
    }}  # fmt: skip


def _work_order(key, technician, created_at, status="assigned"):
    return {"kind": "work_order", "key": key, "version": 1, "deleted": False, "data": {
        "id": key, "technician_id": technician, "category": "water", "description": key,
        "source": "owner", "status": status, "created_at": created_at.isoformat(),
        "place": "2栋 泵房",
    }}  # fmt: skip


def _room(n):
    return {"kind": "room", "key": f"r{n}", "version": 1, "deleted": False,
            "data": {"id": f"r{n}", "unit_id": "u1", "number": str(n)}}  # fmt: skip


@pytest.fixture
def reference(store):
    def apply(*items):
        store.reference.apply_page(list(items), store.reference.cursor() + 1, "scope")

    return apply


def test_a_patrol_officer_sees_today_s_routes_with_the_missed_day_route_first(store, reference):
    reference(_route("night", "night"), _route("day", "day"))

    items = TodayService(store, SignedInAs("xunluo1", "patrol")).items(NOW)

    assert [item.key for item in items] == ["day", "night"]
    assert items[0].overdue_by == timedelta(hours=2)
    assert describe_overdue(items[0].overdue_by).zh == "已超时 2小时0分"
    assert items[1].due_at == datetime(2026, 5, 5, 6, 0, tzinfo=ESTATE_TIME)
    assert "夜查" in items[1].detail.zh


def test_a_route_walked_this_shift_day_is_off_the_list(store, reference):
    today = TodayService(store, SignedInAs("xunluo1", "patrol"))
    reference(_route("day", "day"), _route("night", "night"))
    today.items(NOW)
    record = store.records.create(
        "patrol_round", {"route_id": "day", "started_at": "2026-05-04T09:00:00+08:00"}
    )

    today.record_saved(record)

    assert [item.key for item in today.items(NOW)] == ["night"]


def test_a_technician_sees_only_their_open_orders_most_overdue_first(store, reference):
    reference(
        _work_order("late", "weixiu1", NOW - timedelta(days=2)),
        _work_order("later", "weixiu1", NOW - timedelta(days=3)),
        _work_order("fresh", "weixiu1", NOW - timedelta(hours=1)),
        _work_order("done", "weixiu1", NOW - timedelta(days=5), status="done"),
        _work_order("theirs", "weixiu2", NOW - timedelta(days=5)),
        _route("day", "day"),
    )

    items = TodayService(store, SignedInAs("weixiu1", "technician")).items(NOW)

    assert [item.key for item in items] == ["later", "late", "fresh"]
    assert [item.overdue for item in items] == [True, True, False]


def test_complaints_i_received_are_followed_until_closed(store):
    mine = store.records.create("complaint", {**complaint(), "received_by": "kefu1"})
    store.records.create("complaint", {**complaint(), "received_by": "kefu2"})

    items = TodayService(store, SignedInAs("kefu1", "service")).items(NOW)

    assert [(item.kind, item.key) for item in items] == [("complaint", mine.id)]
    assert items[0].overdue  # received in 2024, promised a reply within 24 h


def test_today_reads_only_the_kinds_it_lists_and_then_answers_from_memory(
    store, reference, monkeypatch
):
    """Instant with 10,000 rooms: the rooms are never read, and a second look at Today
    reads nothing again (the store is asked, not timed: a busy machine times nothing)."""
    reference(*[_room(n) for n in range(10_000)], _route("day", "day"), _route("night", "night"),
              *[_work_order(f"wo{n}", "weixiu9", NOW) for n in range(200)])  # fmt: skip
    today = TodayService(store, SignedInAs("xunluo1", "patrol"))
    read: list[tuple[str, str]] = []
    for name in ("all", "get"):
        method = getattr(store.reference, name)
        monkeypatch.setattr(
            store.reference, name,
            lambda kind, *rest, _m=method, _n=name: read.append((_n, kind)) or _m(kind, *rest),
        )  # fmt: skip
    find = store.records.find
    monkeypatch.setattr(
        store.records, "find",
        lambda **query: read.append(("find", query.get("kind"))) or find(**query),
    )  # fmt: skip

    first = today.items(NOW)
    read_first = list(read)
    again = today.items(NOW)

    assert first == again and len(first) == 2
    assert read_first and all(kind != "room" for _, kind in read_first)
    assert read == read_first  # the second look read nothing
