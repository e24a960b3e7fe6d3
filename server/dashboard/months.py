"""Calendar months in China Standard Time, where the estates are: the monthly figures
count a record in the month its work was done, as the tablet recorded that time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from server.dashboard.summaries import CHINA


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        """``2026-11``; ValueError for anything else (or a month out of range)."""
        year, _, month = text.strip().partition("-")
        if len(year) != 4 or len(month) != 2 or not (year + month).isdigit():
            raise ValueError(text)
        value = cls(int(year), int(month))
        if not 1 <= value.month <= 12 or value.year < 2000:
            raise ValueError(text)
        return value

    @classmethod
    def of(cls, moment: datetime) -> Month:
        local = moment.astimezone(CHINA)
        return cls(local.year, local.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def start(self) -> datetime:
        return datetime(self.year, self.month, 1, tzinfo=CHINA)

    def plus(self, months: int) -> Month:
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1)

    @property
    def end(self) -> datetime:
        """The start of the next month (the range is start <= t < end)."""
        return self.plus(1).start

    def last(self, count: int) -> list[Month]:
        """The ``count`` months ending with this one, oldest first."""
        return [self.plus(offset) for offset in range(1 - count, 1)]


def month_of(value: object) -> Month | None:
    """The month of an ISO time a tablet recorded; None for one without a zone or no time."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    return Month.of(moment)


def month_choices(now: datetime, chosen: Month, count: int = 24) -> list[Month]:
    """The months a figures page offers, newest first: the last ``count`` up to now's,
    and ``chosen`` if it is not among them."""
    months = Month.of(now).last(count)
    return sorted({*months, chosen}, reverse=True)
