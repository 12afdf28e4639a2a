"""Victoria's public holidays as a lookup: the years dataset/public-holidays.json records, then computed years.

The dataset (read once) holds 2019 to its last year, with the days the Minister appointed; every later year to
holiday_rules.LAST_YEAR is computed from the Public Holidays Act 1993 (Vic) s 6, and a result relying on one says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from . import dataset, holiday_rules
from .collections import PublicHoliday
from .errors import InputError

COMPUTED_WARNING = (
    "Victoria's public holidays in {years} are computed from the Public Holidays Act 1993 (Vic) s 6, not taken "
    "from a published list. The Minister may appoint an extra or substitute day (ss 7, 8), and the date of the AFL "
    "Grand Final is set each year. Either could change this result."
)
FIRST_YEAR_REASON = "Easter Sunday and the Friday before the AFL Grand Final were added to s 6 in 2019"


@dataclass(frozen=True)
class HolidayCalendar:
    """The recorded holidays by date, the years recorded and computed, and which years' Grand Final is estimated."""

    by_date: dict[dt.date, tuple[PublicHoliday, ...]]
    first_year: int
    last_recorded_year: int
    last_year: int
    as_at: dt.date
    estimated_years: frozenset[int]

    def holidays_on(self, day: dt.date) -> tuple[PublicHoliday, ...]:
        """The public holidays falling on this day (usually none); none for a year outside those covered."""
        if self.is_computed(day):
            return computed_by_date(day.year).get(day, ())
        return self.by_date.get(day, ())

    def is_computed(self, day: dt.date) -> bool:
        """True for a day in a year after the recorded ones, whose holidays come from the Act's rules."""
        return self.last_recorded_year < day.year <= self.last_year

    def check_covered(self, day: dt.date, field: str) -> None:
        """Refuse a date whose holidays this tool cannot give, naming the input field."""
        if day.year < self.first_year:
            raise InputError(
                field,
                f"{day.isoformat()} is before {self.first_year}, the first year this tool holds Victorian public "
                f"holidays for ({FIRST_YEAR_REASON})",
            )
        if day.year > self.last_year:
            raise InputError(
                field,
                f"{day.isoformat()} is after {self.last_year}, the last year this tool computes Victorian public "
                f"holidays for (from the Public Holidays Act 1993 (Vic) s 6)",
            )

    def computed_warnings(self, days: Iterable[dt.date]) -> list[str]:
        """The warning for a result whose days fall in computed years (none when all are recorded)."""
        years = sorted({day.year for day in days if self.is_computed(day)})
        if not years:
            return []
        named = " and ".join(str(year) for year in years)
        return [COMPUTED_WARNING.format(years=named)]


@cache
def computed_by_date(year: int) -> dict[dt.date, tuple[PublicHoliday, ...]]:
    """A computed year's holidays by date, built once per year."""
    by_date: dict[dt.date, tuple[PublicHoliday, ...]] = {}
    for holiday in holiday_rules.holidays_in(year):
        by_date[holiday.date] = by_date.get(holiday.date, ()) + (holiday,)
    return by_date


@cache
def calendar() -> HolidayCalendar:
    """The holiday calendar, built once."""
    envelope = dataset.load("public-holidays")
    by_date: dict[dt.date, tuple[PublicHoliday, ...]] = {}
    for holiday in envelope.records:
        by_date[holiday.date] = by_date.get(holiday.date, ()) + (holiday,)
    years = [day.year for day in by_date]
    last_recorded = max(years)
    estimated = {holiday.date.year for holiday in envelope.records if holiday.estimated}
    estimated.update(range(last_recorded + 1, holiday_rules.LAST_YEAR + 1))
    return HolidayCalendar(by_date, min(years), last_recorded, holiday_rules.LAST_YEAR, envelope.as_at,
                           frozenset(estimated))
