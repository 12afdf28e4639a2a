"""Public holidays: the calendar gives python-holidays' Victorian holidays for every year it covers (the recorded
years from the dataset, later ones computed from the Act's rules), warns when it computed them, and refuses beyond."""

from __future__ import annotations

import datetime as dt

import holidays
import pytest
from dateutil.easter import easter

from calculators import InputError, day_period, hour_period
from calculators.holiday_rules import LAST_YEAR, easter_sunday, holidays_in
from calculators.public_holidays import calendar

CALENDAR = calendar()
ACT_NAMES = {"Labor Day": "Labour Day"}  # Public Holidays Act 1993 (Vic) s 6(d); python-holidays says "Labor Day"


def library_holidays(year: int) -> set[tuple[dt.date, str]]:
    """python-holidays' Victorian public holidays in a year, with the Act's names."""
    found = holidays.Australia(subdiv="VIC", years=year)
    return {(day, ACT_NAMES.get(name, name)) for day, names in found.items() for name in names.split("; ")}


def calendar_holidays(year: int) -> set[tuple[dt.date, str]]:
    """The holidays the calculators count in a year, looked up day by day as a deadline does."""
    day, found = dt.date(year, 1, 1), set()
    while day.year == year:
        found |= {(day, holiday.name) for holiday in CALENDAR.holidays_on(day)}
        day += dt.timedelta(days=1)
    return found


def test_the_calendar_covers_2019_to_2100_recording_2019_to_2035():
    assert (CALENDAR.first_year, CALENDAR.last_recorded_year, CALENDAR.last_year) == (2019, 2035, 2100)
    assert holidays.Australia.end_year == LAST_YEAR  # the last year python-holidays computes


@pytest.mark.parametrize("year", range(2019, LAST_YEAR + 1))
def test_every_year_counted_is_the_librarys(year):
    assert calendar_holidays(year) == library_holidays(year)


@pytest.mark.parametrize("year", range(2019, LAST_YEAR + 1))
def test_the_acts_rules_give_the_librarys_holidays_but_for_appointed_days(year):
    # The rules are s 6 as it now stands. The library also knows the days appointed in their year (2020's Grand
    # Final Friday moved to 23 October; the 2022 mourning day) and the sovereign's day's earlier name.
    computed = {(holiday.date, holiday.name) for holiday in holidays_in(year)}
    expected = library_holidays(year)
    if year == 2020:
        expected = expected - {(dt.date(2020, 10, 23), "Friday before the AFL Grand Final")} | {
            (dt.date(2020, 9, 25), "Friday before the AFL Grand Final")}
    if year == 2022:
        expected = expected - {(dt.date(2022, 9, 22), "National Day of Mourning for Queen Elizabeth II")}
    expected = {(day, "King's Birthday" if name == "Queen's Birthday" else name) for day, name in expected}
    assert computed == expected


def test_easter_by_the_computus():
    # Easter 2038 is 25 April, the latest possible; 2285, 22 March, the earliest; 2036 is 13 April.
    assert easter_sunday(2038) == dt.date(2038, 4, 25)
    assert easter_sunday(2285) == dt.date(2285, 3, 22)
    assert easter_sunday(2036) == dt.date(2036, 4, 13)
    assert all(easter_sunday(year) == easter(year) for year in range(1583, 10000))


def test_a_computed_grand_final_friday_is_an_estimate_with_its_caveat():
    (friday,) = CALENDAR.holidays_on(dt.date(2036, 9, 26))
    assert friday.estimated and "estimate" in (friday.caveat or "")
    assert 2036 in CALENDAR.estimated_years and 2100 in CALENDAR.estimated_years
    (cup,) = CALENDAR.holidays_on(dt.date(2036, 11, 4))
    assert not cup.estimated and "ss 8, 8A" in (cup.caveat or "")
    assert cup.source.provision.startswith("s 6(j)")


def test_anzac_day_on_easter_monday_is_one_day_with_both():
    # 2095: Easter Sunday is 24 April, so Easter Monday is 25 April (ANZAC Day); s 6 appoints no other day.
    names = {holiday.name for holiday in CALENDAR.holidays_on(dt.date(2095, 4, 25))}
    assert names == {"ANZAC Day", "Easter Monday"}
    assert not CALENDAR.holidays_on(dt.date(2095, 4, 26))


def test_a_deadline_in_a_computed_year_warns_that_its_holidays_are_computed():
    result = day_period("2036-04-04", 7)  # day 7 is Good Friday 11 April 2036
    assert result.due == dt.date(2036, 4, 15)
    assert any("computed" in warning and "2036" in warning for warning in result.warnings)


def test_a_deadline_in_a_recorded_year_has_no_computed_warning():
    assert day_period("2035-04-06", 7).warnings == []


def test_a_deadline_rolling_from_a_recorded_into_a_computed_year_warns():
    result = day_period("2035-12-21", 10)  # Monday 31 December 2035; then New Year's Day 2036, a Tuesday
    assert result.due == dt.date(2035, 12, 31)
    assert result.warnings == []
    rolled = day_period("2035-12-22", 10)  # day 10 is New Year's Day, Tuesday 1 January 2036
    assert rolled.due == dt.date(2036, 1, 2)
    assert any("computed" in warning and "2036" in warning for warning in rolled.warnings)


@pytest.mark.parametrize("start, days, fragment", [
    ("2101-01-01", 7, "after 2100"),
    ("2100-12-20", 20, "after 2100"),  # day 20 is in 2101
    ("2018-12-31", 3, "before 2019"),
])
def test_beyond_the_years_covered_is_refused_naming_the_field(start, days, fragment):
    with pytest.raises(InputError) as caught:
        day_period(start, days)
    assert caught.value.field == "from" and fragment in caught.value.message


def test_a_protocol_deadline_after_2100_is_answered_without_holidays():
    # No holiday moves a protocol deadline, so the years covered do not limit it.
    assert day_period("2101-01-01", 7, "protocol").due == dt.date(2101, 1, 8)


def test_an_hour_period_in_2036_crosses_the_end_of_daylight_saving():
    # Summer time ends on the first Sunday in April (6 April 2036) at 3:00 am AEDT (IANA rule AV, from 2008).
    result = hour_period("2036-04-05T09:00", 24)
    assert result.due.isoformat() == "2036-04-06T08:00:00+10:00"
    assert result.warnings == []
