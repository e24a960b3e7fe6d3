"""Paging of a list: which rows a page shows and which pages exist (as sqladmin's
``Pagination``)."""

from __future__ import annotations

from dataclasses import dataclass

PAGE_SIZE = 50


def page_number(raw: str) -> int:
    """The page a link asks for (``?page=``); anything but a plain number is the first."""
    return int(raw) if raw.isdigit() and len(raw) < 9 else 1


@dataclass(frozen=True)
class Page:
    """Page ``number`` (from 1) of ``total`` rows, ``size`` a page.

    A number past the last page is read as the last page, and anything below 1 as the
    first, so a stale link (rows removed meanwhile) still shows something. ``more``: the
    rows were counted only up to ``total`` and there are more (a long list is not
    counted to its end; a filter narrows it).
    """

    number: int
    total: int
    size: int = PAGE_SIZE
    more: bool = False

    def __post_init__(self) -> None:
        if self.size < 1:
            raise ValueError("a page holds at least one row")
        object.__setattr__(self, "number", min(max(1, self.number), self.count))

    @property
    def count(self) -> int:
        """How many pages there are; an empty list still has one (empty) page."""
        return max(1, -(-self.total // self.size))

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.count

    @property
    def first_row(self) -> int:
        """1-based position of the page's first row; 0 when there are none."""
        return self.offset + 1 if self.total else 0

    @property
    def last_row(self) -> int:
        return min(self.offset + self.size, self.total)
