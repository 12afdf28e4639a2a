"""Deadline conventions: unit checks of the working, and properties that hold for every input."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from calculators import InputError, day_of_following_month, day_period, hour_period, month_period
from calculators.deadlines import add_months, is_business_day
from calculators.public_holidays import calendar

HOLIDAYS = calendar()
starts = st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2100, 10, 31))
periods = st.integers(min_value=1, max_value=60)


@given(start=starts, days=periods)
@settings(max_examples=400)
def test_statutory_period_is_never_before_the_plain_one_nor_on_a_holiday(start, days):
    statutory = day_period(start, days)
    plain = day_period(start, days, "protocol")
    assert plain.due == start + dt.timedelta(days=days)
    assert statutory.due >= plain.due
    assert statutory.due.weekday() < 5
    assert not HOLIDAYS.holidays_on(statutory.due)
    # and it is the first such day: every day skipped was a weekend or a holiday
    skipped = (plain.due + dt.timedelta(days=n) for n in range((statutory.due - plain.due).days))
    assert not any(is_business_day(day, HOLIDAYS) for day in skipped)


@given(
    start=st.datetimes(min_value=dt.datetime(2019, 1, 1), max_value=dt.datetime(2035, 12, 1),
                       timezones=st.just(dt.UTC)),
    hours=st.integers(min_value=1, max_value=24 * 60),
)
@settings(max_examples=300)
def test_an_hour_period_is_exactly_n_hours_of_elapsed_time(start, hours):
    result = hour_period(start, hours)
    assert (result.due - start).total_seconds() == hours * 3600
    assert result.due.tzinfo is not None and str(result.due.tzinfo) == "Australia/Melbourne"


@given(start=starts, months=st.integers(min_value=1, max_value=24))
def test_calendar_months_land_on_the_same_day_or_the_months_last_day(start, months):
    due = month_period(start, months, "protocol").due
    assert (due.year * 12 + due.month) - (start.year * 12 + start.month) == months
    next_day = due + dt.timedelta(days=1)
    assert due.day == start.day or (due.day < start.day and next_day.month != due.month)


def test_days_over_easter_2025_name_each_holiday():
    result = day_period("2025-04-11", 7)
    text = " ".join(step.text for step in result.explanation)
    assert result.due == dt.date(2025, 4, 22)
    for holiday in ("Good Friday", "Easter Saturday", "Easter Sunday", "Easter Monday"):
        assert holiday in text
    assert "Tuesday 22 April 2025" in result.explanation[-1].text
    assert "s 44" in result.convention


def test_protocol_deadline_on_a_holiday_stays_and_says_why():
    result = day_period("2025-04-11", 7, "protocol")
    assert result.due == dt.date(2025, 4, 18)
    assert any("not extended" in step.text for step in result.explanation)
    assert "no roll-over" in result.convention


def test_estimated_grand_final_friday_is_warned_about():
    # 2027: the Friday before the last Saturday in September is 24 September (an estimate).
    result = day_period("2027-09-17", 7)
    assert result.due == dt.date(2027, 9, 27)
    assert any("Grand Final" in warning and "2027" in warning for warning in result.warnings)


def test_due_friday_in_an_unannounced_grand_final_season_is_warned_about():
    result = day_period("2030-10-03", 1)  # Friday 4 October 2030
    assert result.due == dt.date(2030, 10, 4)
    assert any("not yet fixed" in warning for warning in result.warnings)


def test_known_grand_final_friday_needs_no_warning():
    assert day_period("2025-09-19", 7).warnings == []


def test_melbourne_cup_day_carries_the_regional_caveat():
    result = day_period("2025-10-28", 7)  # day 7 is Tuesday 4 November 2025, Melbourne Cup Day
    assert result.due == dt.date(2025, 11, 5)
    assert any("Melbourne Cup" in warning for warning in result.warnings)


def test_daylight_saving_end_is_explained():
    result = hour_period("2025-04-05T09:00", 24)
    assert result.due.isoformat() == "2025-04-06T08:00:00+10:00"
    assert any("Daylight saving ended" in step.text for step in result.explanation)


def test_explicit_offset_resolves_the_autumn_fold():
    first = hour_period("2025-04-06T02:30+11:00", 1)
    second = hour_period("2025-04-06T02:30+10:00", 1)
    assert first.due.isoformat() == "2025-04-06T02:30:00+10:00"
    assert second.due.isoformat() == "2025-04-06T03:30:00+10:00"


@pytest.mark.parametrize("start, message", [
    ("2025-10-05T02:30", "does not exist"),
    ("2025-04-06T02:00", "happened twice"),
    ("2025-04-06", "needs a date and time"),
    ("yesterday", "needs a date and time"),
])
def test_hour_period_refuses_times_it_cannot_place(start, message):
    with pytest.raises(InputError) as caught:
        hour_period(start, 3)
    assert caught.value.field == "from" and message in caught.value.message


@pytest.mark.parametrize("call, field", [
    (lambda: day_period("2025-04-11", 0), "days"),
    (lambda: day_period("2025-04-11", -1), "days"),
    (lambda: day_period("2025-04-11", "1.5"), "days"),
    (lambda: day_period("2025-02-29", 3), "from"),
    (lambda: day_period("2018-12-31", 3), "from"),
    (lambda: day_period("2100-12-30", 3), "from"),
    (lambda: day_period("2025-04-11T09:00", 3), "from"),
    (lambda: day_period("2025-04-11", 3, "contract"), "basis"),
    (lambda: month_period("2025-01-31", 0), "months"),
    (lambda: day_of_following_month("2025-01-31", 31), "day-of-next-month"),
    (lambda: hour_period("2025-01-31T09:00", 0), "hours"),
])
def test_bad_input_names_its_field(call, field):
    with pytest.raises(InputError) as caught:
        call()
    assert caught.value.field == field


def test_add_months_clamps_to_the_last_day():
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2025, 1, 31), 1) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2025, 8, 31), 1) == dt.date(2025, 9, 30)
    assert add_months(dt.date(2025, 11, 15), 3) == dt.date(2026, 2, 15)


@given(start=st.dates(min_value=dt.date(2024, 7, 1), max_value=dt.date(2033, 11, 7)))
def test_a_waiting_period_has_elapsed_on_the_day_after_its_last_day_and_never_moves(start):
    from calculators.rules import deadline_for_rule
    result = deadline_for_rule("ssr-reg-43-1-a", start)
    assert result.period_ends == add_months(start, 12)
    assert result.due == result.period_ends + dt.timedelta(days=1)
    assert "waiting period" in result.convention


def test_a_holiday_is_named_as_the_act_names_it():
    # Public Holidays Act 1993 (Vic) s 6(d): Monday 10 March 2025 is Labour Day; 14 days from 24 February end then.
    result = day_period("2025-02-24", 14)
    assert any("Labour Day" in step.text for step in result.explanation)
    assert not any("Labor Day" in step.text for step in result.explanation)


@given(start=st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2025, 12, 31)), years=st.integers(1, 10),
       kind=st.sampled_from(["deadline", "waiting-period", "window"]))
@example(start=dt.date(2028, 2, 29), years=2, kind="window").via("reg 30(1)(c) from 29 February 2028")
@example(start=dt.date(2024, 2, 29), years=1, kind="waiting-period").via("a year from 29 February 2024")
@example(start=dt.date(2024, 2, 29), years=4, kind="deadline").via("29 February to 29 February")
@settings(deadline=None)
def test_years_and_months_read_a_missing_day_the_same_way(start, years, kind):
    # issue 24: one reading of a missing corresponding day: N years end where 12N months do (29 February -> 28
    # February), and only a restriction (a waiting period or a window) whose end that reading decides is warned of.
    from calculators.deadlines import year_period
    by_years, by_months = year_period(start, years, kind=kind), month_period(start, 12 * years, kind=kind)
    assert by_years.period_ends == by_months.period_ends == add_months(start, 12 * years)
    assert by_years.due == by_months.due
    missing = by_years.period_ends.day != start.day
    warned = [w for w in by_years.warnings if "missing day" in w]
    assert bool(warned) == (missing and kind != "deadline")
    assert bool(warned) == bool([w for w in by_months.warnings if "missing day" in w])
