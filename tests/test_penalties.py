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


@pytest.mark.parametrize("on", ["2024-13-01", "2024-02-30", "01/09/2024", "20240901", "2018-06-30"])
def test_bad_dates_are_refused(on):
    with pytest.raises(InputError) as caught:
        penalty(1, on)
    assert caught.value.field == "on"


def _stated_offenders(record):
    """Each kind and offender with the units the source gives, or None where it gives none or the offender
    cannot commit the offence (`committed_by`)."""
    for kind in ("maximum", "infringement"):
        units = getattr(record, f"{kind}_penalty")
        if units is None:
            continue
        for offender, figure in (("individual", units.individual), ("body-corporate", units.body_corporate)):
            can_commit = record.committed_by is None or offender in record.committed_by.offenders
            yield kind, offender, (units.any_offender or figure) if can_commit else None


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


def test_a_workers_duty_is_not_priced_for_a_body_corporate():
    # SSR 2023 reg 44 ('Notification to employer of investigation or referral'): s 91(1) is the duty of the person
    # whose conduct is investigated; Sch 5 item 6 gives one figure, 6 penalty units.
    with pytest.raises(InputError) as caught:
        offence_penalty("ssra-s91-1", "body-corporate", "2024-09-01")
    assert caught.value.field == "offender" and "reg 44" in caught.value.message
    result = offence_penalty("ssra-s91-1", "individual", "2024-09-01")
    assert "any offender" not in result.explanation[0].text
    assert any(step.text.startswith("Who commits it:") and "reg 44" in step.citation for step in result.explanation)


def test_s204_1_is_priced_from_the_notice_form_for_an_individual_only():
    # issue 24: the only source is the Schedule 6 form's words to the person given the notice ("you can face a fine
    # of up to 10 penalty units"); nothing states a figure for a body corporate, so none is given.
    result = offence_penalty("ssra-s204-1", "individual", "2024-09-01", "maximum")
    assert result.units == Decimal("10") and "any offender" not in result.explanation[0].text
    assert any(step.text.startswith("Where the figure comes from:") and "you can face a fine of up to 10 penalty units"
               in step.text for step in result.explanation)
    with pytest.raises(InputError) as caught:
        offence_penalty("ssra-s204-1", "body-corporate", "2024-09-01", "maximum")
    assert caught.value.field == "offender"
    assert "the sources state no maximum penalty for a body corporate, so no figure is given" in caught.value.message
    assert offence_penalty("ssra-s204-1", "body-corporate", "2024-09-01", "infringement").units == Decimal("1")


def test_ciss_offence_penalties_carry_chapter_6_protections():
    # CISS Ministerial Guidelines, Chapter 6: good faith and reasonable care protects individuals, 'not
    # organisations'; the offences do not apply to a child, their parents or people living with the child.
    for record in dataset.load("offences").records:
        if not record.id.startswith("cwsa-ciss-"):
            assert offence_penalty(record.id, "individual", "2024-09-01", "infringement"
                                   if record.maximum_penalty is None else None).protections == []
            continue
        person = offence_penalty(record.id, "individual", "2025-03-01")
        company = offence_penalty(record.id, "body-corporate", "2025-03-01")
        assert [p.id for p in person.protections] == ["good-faith-and-reasonable-care", "child-parents-and-household"]
        assert all(p.available for p in person.protections)
        assert not any(p.available for p in company.protections)
        good_faith = person.protections[0]
        assert "applies only to individuals, not organisations" in good_faith.quote
        assert "Protection for individual workers" in good_faith.citation
        assert any(step.text.startswith("Protection:") for step in person.explanation)
        assert any(step.text.startswith("Not available to a body corporate") for step in company.explanation)
