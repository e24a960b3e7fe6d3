"""A long list comes 50 rows a page, each row on exactly one page, whether the database
pages it or the flags are read from the records first."""

from __future__ import annotations

import re

import pytest


@pytest.fixture(scope="module")
def more(world):
    return world.push_rounds(100, abnormal_every=2)


def rows_of(world, web, **params) -> list[str]:
    page = web.get(world.url + "/logs", params=params, timeout=30)
    assert page.status_code == 200
    return re.findall(r'<tr data-record="([^"]+)"', page.text)


def test_the_timeline_pages_every_record_once(world, more):
    web = world.sign_in("boss")

    pages = [rows_of(world, web, page=n) for n in (1, 2, 3)]

    assert [len(p) for p in pages] == [50, 50, 8]
    assert len(set().union(*pages)) == 108
    assert set(more) <= set().union(*pages)


def test_a_flag_filter_pages_only_the_matching_records(world, more):
    web = world.sign_in("boss")

    pages = [rows_of(world, web, abnormal="1", page=n) for n in (1, 2)]

    assert [len(p) for p in pages] == [50, 2]
    assert set(more[::2]) <= set().union(*pages)


def test_a_page_past_the_end_shows_the_last(world, more):
    web = world.sign_in("boss")

    assert rows_of(world, web, page=99) == rows_of(world, web, page=3)
