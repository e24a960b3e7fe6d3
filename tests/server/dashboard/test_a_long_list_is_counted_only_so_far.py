"""A list longer than the count limit is counted only up to it ("more than N"): counting
a million rows would cost more than the page. The rows shown are the same either way."""

from __future__ import annotations

from datetime import UTC, datetime

from server.dashboard import logs
from server.dashboard.logs import LogFilter, find_records


def test_a_list_longer_than_the_limit_says_there_are_more(
    db, patroller, push, new_record, monkeypatch
):
    push(patroller, *[new_record() for _ in range(7)])
    monkeypatch.setattr(logs, "COUNT_LIMIT", 5)
    monkeypatch.setattr(logs, "PAGE_SIZE", 2)

    def page(number: int):
        return find_records(
            db, estate_ids={"hxy"}, wanted=LogFilter(), now=datetime.now(UTC),
            language="zh", page_number=number,
        )  # fmt: skip

    first_rows, first = page(1)
    last_rows, last = page(3)
    every, _ = find_records(
        db, estate_ids={"hxy"}, wanted=LogFilter(), now=datetime.now(UTC), language="zh",
        page_number=None,
    )  # fmt: skip

    assert (first.total, first.more, first.count) == (5, True, 3)
    assert len(first_rows) == 2 and last.has_previous and not last.has_next
    assert len(every) == 7  # an export is never cut
    assert {s.record.id for s in first_rows}.isdisjoint(s.record.id for s in last_rows)
