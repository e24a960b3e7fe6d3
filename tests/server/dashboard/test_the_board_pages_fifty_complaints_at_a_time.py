"""The complaints board shows 50 open complaints a page, each on exactly one page and in
the board's order across pages; its count of open complaints takes them all."""

from __future__ import annotations

import re

import pytest

MORE = 60


@pytest.fixture(scope="module")
def more(world):
    return world.push_complaints(MORE)


def rows_of(world, web, **params) -> list[str]:
    page = web.get(world.url + "/complaints", params={"estate": "hxy", **params}, timeout=30)
    assert page.status_code == 200
    return re.findall(r'<tr class="[^"]*" data-record="([^"]+)"', page.text)


def test_every_open_complaint_is_on_exactly_one_page(world, more):
    web = world.sign_in("boss")

    first, second = rows_of(world, web, page=1), rows_of(world, web, page=2)

    assert len(first) == 50 and 10 < len(second) < 50
    assert not set(first) & set(second)
    assert set(more) <= set(first) | set(second)
    whole = web.get(world.url + "/complaints", params={"estate": "hxy"}, timeout=30).text
    assert f"未办结 {len(first) + len(second)} 件" in whole


def test_the_new_complaints_keep_the_board_s_order_across_pages(world, more):
    """Same severity, received a minute apart: their deadlines come in the order they were
    received, and so do they on the pages."""
    web = world.sign_in("boss")

    shown = rows_of(world, web, page=1) + rows_of(world, web, page=2)

    assert [record for record in shown if record in set(more)] == more


def test_a_page_past_the_end_shows_the_last_and_a_word_shows_the_first(world, more):
    web = world.sign_in("boss")

    assert rows_of(world, web, page=99) == rows_of(world, web, page=2)
    assert rows_of(world, web, page="abc") == rows_of(world, web, page=1)
