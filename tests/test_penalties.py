"""Penalties: financial years, exact money, rounding, and refusals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import InputError, dataset, offence_penalty, penalty
from calculators.penalties import financial_year_of

units = st.decimals(min_value=Decimal("0.001"), max_value=Decimal(10000), places=3)
days_in_2024_25 = st.dates(min_value=dt.date(2024, 7, 1), max_value=dt.date(2025, 6, 30))


@given(a=units, b=units, day=days_in_2024_25)
def test_penalties_are_linear_in_units_within_a_year(a, b, day):
    together = penalty(a + b, day)
    assert Decimal(together.amount) == Decimal(penalty(a, day).amount) + Decimal(penalty(b, day).amount)
    assert Decimal(together.amount) == (a + b) * Decimal("197.59")


@given(n=units, day=days_in_2024_25)
def test_rounded_is_the_nearest_dollar_with_halves_up(n, day):
    result = penalty(n, day)
    exact = Decimal(result.amount)
    assert abs(exact - result.rounded) <= Decimal("0.5")
    if exact - int(exact) == Decimal("0.5"):
        assert result.rounded == int(exact) + 1


@pytest.mark.parametrize("day, year", [
    (dt.date(2024, 6, 30), "2023-24"), (dt.date(2024, 7, 1), "2024-25"), (dt.date(2025, 1, 1), "2024-25"),
])
def test_financial_year_runs_from_1_july(day, year):
    assert financial_year_of(day) == year


def test_a_year_without_a_recorded_value_uses_the_latest_and_warns():
    result = penalty(2, "2025-07-01")
    assert result.financial_year == "2025-26" and result.value_year == "2024-25"
    assert result.unit_value == Decimal("197.59")
    assert len(result.warnings) == 1 and "2025-26" in result.warnings[0]


def test_no_date_means_today_in_melbourne(monkeypatch):
    import calculators.penalties as module
    monkeypatch.setattr(module, "today_in_melbourne", lambda: dt.date(2023, 12, 25))
    result = penalty(1)
    assert result.on == dt.date(2023, 12, 25) and result.unit_value == Decimal("192.31")


def test_explanation_cites_the_value_and_the_multiplication():
    result = penalty(6, "2024-09-01")
    citations = [step.citation or "" for step in result.explanation]
    assert any("Endnotes" in citation for citation in citations)
    assert any("Monetary Units Act 2004" in citation for citation in citations)
    assert "6 penalty units × $197.59 = $1,185.54." in [step.text for step in result.explanation]


@pytest.mark.parametrize("value, field", [
    ("-1", "units"), ("0", "units"), ("abc", "units"), ("NaN", "units"), ("-Infinity", "units"), ("", "units"),
    (True, "units"),
])
def test_bad_units_are_refused(value, field):
    with pytest.raises(InputError) as caught:
        penalty(value, "2024-09-01")
    assert caught.value.field == field


@pytest.mark.parametrize("on", ["2024-13-01", "2024-02-30", "01/09/2024", "20240901", "2019-06-30"])
def test_bad_dates_are_refused(on):
    with pytest.raises(InputError) as caught:
        penalty(1, on)
    assert caught.value.field == "on"


def _stated_offenders(record):
    for kind in ("maximum", "infringement"):
        units = getattr(record, f"{kind}_penalty")
        if units is None:
            continue
        for offender, figure in (("individual", units.individual), ("body-corporate", units.body_corporate)):
            yield kind, offender, units.any_offender or figure


@pytest.mark.parametrize("record", dataset.load("offences").records, ids=lambda record: record.id)
def test_every_offence_gives_a_penalty_for_each_offender_the_source_names(record):
    for kind, offender, units in _stated_offenders(record):
        if units is None:
            with pytest.raises(InputError) as caught:
                offence_penalty(record.id, offender, "2024-09-01", kind)
            assert caught.value.field == "offender"
            continue
        result = offence_penalty(record.id, offender, "2024-09-01", kind)
        assert result.units == units and result.kind == kind
        assert Decimal(result.amount) == units * Decimal("197.59")
        assert result.explanation[0].citation == record.source.cite()


def test_offence_refusals_name_their_field():
    with pytest.raises(InputError) as caught:
        offence_penalty("ssra-s47-1", "company")
    assert caught.value.field == "offender"
    with pytest.raises(InputError) as caught:
        offence_penalty("ssra-s48-1", "individual", kind="maximum")
    assert caught.value.field == "kind"
