"""Retention under PROS 22/05 class 1.3: both conditions, the later date, never early."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import InputError, earliest_destruction
from calculators.deadlines import add_months
from calculators.deadlines import add_years as anniversary


@given(born=st.dates(min_value=dt.date(1920, 1, 1), max_value=dt.date(2030, 1, 1)),
       gap=st.integers(min_value=0, max_value=40000))
def test_never_before_either_condition_is_met(born, gap):
    completed = born + dt.timedelta(days=gap)
    result = earliest_destruction(completed, born)
    assert result.earliest_destruction > completed.replace(year=completed.year + 25, day=min(completed.day, 28))
    assert result.earliest_destruction >= result.client_turns_25
    assert result.earliest_destruction == max(result.period_ends + dt.timedelta(days=1), result.client_turns_25)


def test_leap_day_anniversary_is_the_last_day_of_february_as_for_months():
    # issue 24: one reading of a missing corresponding day, for years as for months (a year is 12 months).
    assert anniversary(dt.date(2004, 2, 29), 25) == (dt.date(2029, 2, 28), True)
    assert anniversary(dt.date(2004, 2, 29), 24) == (dt.date(2028, 2, 29), False)
    assert anniversary(dt.date(2028, 2, 29), 1)[0] == add_months(dt.date(2028, 2, 29), 12) == dt.date(2029, 2, 28)


def test_leap_day_warning_only_when_it_decides():
    # Completed 29 February 2004: the 25 years end on 28 February 2029, so destruction from 1 March 2029; read as
    # 1 March, from 2 March 2029. The warning gives the date that meets both readings.
    warnings = earliest_destruction("2004-02-29", "1980-01-01").warnings
    assert len(warnings) == 1 and "before Friday 2 March 2029" in warnings[0]
    assert not earliest_destruction("2004-03-10", "2004-02-29").warnings


def test_explanation_quotes_the_authority():
    result = earliest_destruction("2010-06-30", "1985-01-01")
    assert result.earliest_destruction == dt.date(2035, 7, 1)
    assert "PROS 22/05" in (result.explanation[0].citation or "")


@pytest.mark.parametrize("completed, born, field", [
    ("2001-01-01", "2002-01-01", "completed"), ("2001-02-30", "1990-01-01", "completed"),
    ("2001-01-01", "not a date", "born"),
])
def test_bad_input_names_the_field(completed, born, field):
    with pytest.raises(InputError) as caught:
        earliest_destruction(completed, born)
    assert caught.value.field == field


@given(completed=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2060, 12, 31)))
def test_retention_and_the_retention_rule_count_elapsed_the_same_way(completed):
    # One convention for "after N has elapsed" (calculators.deadlines.first_day_elapsed): the retention calculator
    # and the deadline rule imha-records-retention give the same day, the day after the 25th anniversary.
    from calculators.rules import deadline_for_rule
    rule = deadline_for_rule("imha-records-retention", completed)
    adult = earliest_destruction(completed, dt.date(1900, 1, 1))
    assert rule.due == adult.earliest_destruction == rule.period_ends + dt.timedelta(days=1)
    assert rule.period_ends == adult.period_ends
