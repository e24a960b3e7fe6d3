"""Each filter of the logs narrows the list to what it says, and exports follow it."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest

from tests.server.dashboard.world import CST


def shown(world, web, **filters) -> set[str]:
    page = web.get(world.url + "/logs", params=filters, timeout=30)
    assert page.status_code == 200, page.text
    return set(re.findall(r'<tr data-record="([^"]+)"', page.text))


@pytest.fixture(scope="module")
def web(world):
    return world.sign_in("boss")


def test_kind_keeps_one_kind(world, web):
    assert shown(world, web, kind="complaint") == {
        world.records[name]
        for name in ("hxy_overdue_complaint", "hxy_major_complaint", "hxy_fresh_complaint")
    }


def test_staff_keeps_what_one_account_synced(world, web):
    assert shown(world, web, staff="wang") == {
        world.records[name]
        for name in ("hxy_abnormal_round", "hxy_round_0", "hxy_round_1", "hxy_round_2")
    }


def test_abnormal_only_keeps_abnormal_rounds_and_unhappy_visits(world, web):
    assert shown(world, web, abnormal="1") == {
        world.records["hxy_abnormal_round"],
        world.records["hxy_visit"],
    }


def test_overdue_only_keeps_complaints_past_their_deadline(world, web):
    assert shown(world, web, overdue="1") == {
        world.records["hxy_overdue_complaint"],
        world.records["hxy_major_complaint"],
    }


def test_search_finds_chinese_text_anywhere_in_the_record(world, web):
    assert shown(world, web, q="渗水") == {
        world.records["hxy_major_complaint"],
        world.records["hxy_visit"],
    }
    assert shown(world, web, q="夜间巡查路线") == {world.records["hxy_abnormal_round"]}


def test_the_date_range_is_on_the_day_the_server_received_the_record(world, web):
    today = datetime.now(CST).date()
    tomorrow = today + timedelta(days=1)

    assert len(shown(world, web, date_from=str(today), date_to=str(today))) == 8
    assert shown(world, web, date_from=str(tomorrow)) == set()


def test_a_date_that_is_no_date_is_a_400(world, web):
    page = web.get(world.url + "/logs", params={"date_from": "yesterday"}, timeout=30)

    assert page.status_code == 400
    assert 'data-code="bad_filter"' in page.text


def test_the_export_holds_exactly_the_filtered_rows(world, web):
    csv_text = web.get(
        world.url + "/logs/export.csv", params={"staff": "wang", "abnormal": "1"}, timeout=30
    ).content.decode("utf-8-sig")

    lines = csv_text.strip().splitlines()
    assert len(lines) == 2
    assert lines[1].startswith(world.records["hxy_abnormal_round"])
