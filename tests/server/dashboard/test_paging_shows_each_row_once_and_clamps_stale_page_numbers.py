"""The list's paging (server.dashboard.paging.Page)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from server.dashboard.paging import Page


def test_the_middle_page_has_both_neighbours():
    page = Page(2, total=120, size=50)

    assert (page.offset, page.first_row, page.last_row) == (50, 51, 100)
    assert (page.has_previous, page.has_next, page.count) == (True, True, 3)


def test_the_last_page_holds_the_rest():
    page = Page(3, total=120, size=50)

    assert (page.first_row, page.last_row, page.has_next) == (101, 120, False)


def test_a_page_past_the_end_is_read_as_the_last():
    assert Page(99, total=120, size=50).number == 3


def test_a_page_below_one_is_read_as_the_first():
    assert Page(-4, total=120, size=50).number == 1


def test_an_empty_list_has_one_empty_page():
    page = Page(1, total=0, size=50)

    assert (page.count, page.first_row, page.last_row) == (1, 0, 0)
    assert not page.has_previous and not page.has_next


def test_a_page_of_no_rows_is_refused():
    with pytest.raises(ValueError):
        Page(1, total=10, size=0)


@given(total=st.integers(0, 2000), size=st.integers(1, 120))
def test_the_pages_together_show_every_row_exactly_once(total, size):
    shown = []
    for number in range(1, Page(1, total, size).count + 1):
        page = Page(number, total, size)
        shown.extend(range(page.offset, page.last_row))

    assert shown == list(range(total))
