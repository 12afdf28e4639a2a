"""Victoria's public holidays as a lookup, read once from dataset/public-holidays.json."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from . import dataset
from .collections import PublicHoliday
from .errors import InputError


@dataclass(frozen=True)
class HolidayCalendar:
    """The holidays by date, and the years the data covers."""

    by_date: dict[dt.date, tuple[PublicHoliday, ...]]
    first_year: int
    last_year: int
    as_at: dt.date
    estimated_years: frozenset[int]

    def holidays_on(self, day: dt.date) -> tuple[PublicHoliday, ...]:
        """The public holidays falling on this day (usually none)."""
        return self.by_date.get(day, ())

    def check_covered(self, day: dt.date, field: str) -> None:
        """Refuse a date whose holidays the data does not hold, naming the input field."""
        if not self.first_year <= day.year <= self.last_year:
            raise InputError(
                field,
                f"{day.isoformat()} is outside the years this tool holds Victorian public holidays for "
                f"({self.first_year}-{self.last_year})",
            )


@cache
def calendar() -> HolidayCalendar:
    """The holiday calendar, built once."""
    envelope = dataset.load("public-holidays")
    by_date: dict[dt.date, tuple[PublicHoliday, ...]] = {}
    for holiday in envelope.records:
        by_date[holiday.date] = by_date.get(holiday.date, ()) + (holiday,)
    years = [day.year for day in by_date]
    estimated = frozenset(holiday.date.year for holiday in envelope.records if holiday.estimated)
    return HolidayCalendar(by_date, min(years), max(years), envelope.as_at, estimated)
