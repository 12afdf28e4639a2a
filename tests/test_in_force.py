"""Law in time: every law-stating record says when it is in force, and no calculator applies it outside that.

The boundary tests ask every calculator, for every record with a stated commencement, about the day before it
(refused, naming the date field and the commencement) and the day itself (answered)."""

from __future__ import annotations

import datetime as dt

import pytest

from calculators import dataset, notifications, penalties, rules
from calculators.clock import long_date
from calculators.collections import COLLECTIONS
from calculators.collections.base import NOT_STATED, Envelope, LawRecord
from calculators.errors import InputError

NOT_LAW = {"scenarios", "public-holidays"}  # training stories; holidays are dated facts generated from the Act


def _stated(collection: str) -> list:
    return [record for record in dataset.load(collection).records if record.in_force.starts is not None]


def _before(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=1)


def _refused(call, field: str, starts: dt.date) -> None:
    with pytest.raises(InputError) as caught:
        call()
    assert caught.value.field == field
    assert long_date(starts) in caught.value.message, caught.value.message
    assert "not in force" in caught.value.message


def test_every_collection_but_stories_and_holidays_states_law():
    assert {name for name, model in COLLECTIONS.items() if not issubclass(model, LawRecord)} == NOT_LAW


@pytest.mark.parametrize("collection", sorted(set(COLLECTIONS) - NOT_LAW))
def test_every_law_record_has_a_cited_commencement_or_says_it_is_not_stated(collection):
    for record in dataset.load(collection).records:
        in_force = record.in_force
        if in_force.starts is None:
            assert in_force.from_source == NOT_STATED, record.id
        else:
            assert in_force.from_source.document and in_force.from_source.provision, record.id


def test_commencements_are_the_ones_the_sources_state():
    """Hand-checked: SSR 2023 reg 3; IMHA protocol 'From 1 September 2023'; sources/FACTS.md for the CISS; the MAP FAQ's Key messages."""
    starts = {name: {record.in_force.starts for record in dataset.load(name).records} for name in COLLECTIONS
              if name not in NOT_LAW}
    assert starts["trigger-events"] == {dt.date(2023, 9, 1)}
    assert starts["provider-events"] == {dt.date(2024, 7, 1)}
    assert starts["relevant-agencies"] == starts["regulatory-entities"] == {dt.date(2024, 7, 1)}
    assert starts["soa-s284-purposes"] == {dt.date(2018, 9, 3)}
    assert starts["ciss-threshold-parts"] == {dt.date(2018, 9, 27)}
    assert starts["prescribed-entities"] == starts["overridden-provisions"] == {None}
    rules_by_source = {record.id: record.in_force.starts for record in dataset.load("deadline-rules").records}
    assert all(rules_by_source[i] == dt.date(2024, 7, 1) for i in rules_by_source if i.startswith("ssr-"))
    sch5 = {record.infringement_penalty.in_force.starts for record in dataset.load("offences").records
            if record.infringement_penalty is not None}
    assert sch5 == {dt.date(2024, 7, 1)}
    # FACTS.md, Commencement dates: the Act's regulatory scheme, its offences among them, begins on 1 July 2024;
    # the CISS offences with the scheme on 27 September 2018.
    offences = {record.id: record.in_force.starts for record in dataset.load("offences").records}
    assert {offences[i] for i in offences if i.startswith("ssra-")} == {dt.date(2024, 7, 1)}
    assert {offences[i] for i in offences if i.startswith("cwsa-")} == {dt.date(2018, 9, 27)}


@pytest.mark.parametrize("record", _stated("deadline-rules"), ids=lambda record: record.id)
def test_rule_boundaries(record):
    starts = record.in_force.starts
    if record.convention == "elapsed-hours":
        before, on = f"{_before(starts).isoformat()}T23:59", f"{starts.isoformat()}T00:00"
    else:
        before, on = _before(starts), starts
    _refused(lambda: rules.deadline_for_rule(record.id, before), "from", starts)
    if record.convention in ("not-computable", "length-in-days"):
        with pytest.raises(InputError) as caught:
            rules.deadline_for_rule(record.id, on)
        assert caught.value.field == "rule"  # refused for having no period, not for the date
    else:
        assert rules.deadline_for_rule(record.id, on).due is not None


@pytest.mark.parametrize("record", _stated("trigger-events"), ids=lambda record: record.id)
def test_trigger_event_boundaries(record):
    starts = record.in_force.starts
    _refused(lambda: notifications.notification_due(record.id, f"{_before(starts).isoformat()}T23:59"), "at", starts)
    assert notifications.notification_due(record.id, f"{starts.isoformat()}T00:00").due is not None


@pytest.mark.parametrize("record", _stated("provider-events"), ids=lambda record: record.id)
def test_provider_event_boundaries(record):
    starts = record.in_force.starts
    _refused(lambda: rules.obligations_for_event(record.id, _before(starts)), "on", starts)
    assert rules.obligations_for_event(record.id, starts).on == starts


@pytest.mark.parametrize("record", [r for r in dataset.load("offences").records
                                    if r.in_force.starts or (r.infringement_penalty and r.infringement_penalty.in_force)],
                         ids=lambda record: record.id)
def test_offence_boundaries(record):
    kind = "infringement" if record.infringement_penalty is not None else "maximum"
    stated = getattr(record, f"{kind}_penalty")
    starts = max(day for day in (record.in_force.starts, stated.in_force and stated.in_force.starts) if day)
    offender = "individual" if (stated.individual or stated.any_offender) else "body-corporate"
    _refused(lambda: penalties.offence_penalty(record.id, offender, _before(starts), kind), "on", starts)
    try:
        result = penalties.offence_penalty(record.id, offender, starts, kind)
    except InputError as error:  # the law applies; only the value of a penalty unit that year is not recorded
        assert error.field == "on" and "first financial year recorded" in error.message
    else:
        assert result.rounded > 0


def test_penalty_unit_values_apply_only_in_their_financial_year():
    records = dataset.load("penalty-units").records
    for record in records:
        assert penalties.penalty(1, record.in_force.starts).unit_value == record.penalty_unit
        assert penalties.penalty(1, record.in_force.to).unit_value == record.penalty_unit
    first, last = min(records, key=lambda r: r.starts), max(records, key=lambda r: r.starts)
    with pytest.raises(InputError) as caught:
        penalties.penalty(1, _before(first.starts))
    assert caught.value.field == "on"
    after = penalties.penalty(1, last.ends + dt.timedelta(days=1))
    assert after.unit_value_recorded is False and after.value_year == last.financial_year
    assert "Estimate, not the official amount" in after.unit_value_notice
    assert penalties.penalty(1, last.ends).unit_value_recorded is True


def _with_amended_rule(monkeypatch) -> None:
    """reg 37 amended (a made-up amendment, for the test only): 14 days until 31 December 2026, then 10 days."""
    document = dataset.raw("deadline-rules")
    cited = {"document": "A test amendment (not law)", "provision": "reg 2"}
    for record in document["records"]:
        if record["id"] == "ssr-reg-37":
            record["in_force"] = {**record["in_force"], "to": "2026-12-31", "to_source": cited}
            amended = {**record, "id": "ssr-reg-37-as-amended", "supersedes": "ssr-reg-37", "period": 10,
                       "quote": "the prescribed time is 10 days after the request is made",
                       "in_force": {"from": "2027-01-01", "from_source": cited, "to": None, "to_source": None}}
    document["records"].append(amended)
    envelope = Envelope[COLLECTIONS["deadline-rules"]].model_validate(document)
    real_load = dataset.load
    monkeypatch.setattr(dataset, "load", lambda name: envelope if name == "deadline-rules" else real_load(name))


def test_an_amended_rule_applies_each_version_on_its_own_dates(monkeypatch):
    _with_amended_rule(monkeypatch)
    # Thursday 31 December 2026 + 14 days = Thursday 14 January 2027 (first version: the start decides).
    assert rules.deadline_for_rule("ssr-reg-37", "2026-12-31").due == dt.date(2027, 1, 14)
    # Friday 1 January 2027 + 10 days = Monday 11 January 2027 (the amended version).
    amended = rules.deadline_for_rule("ssr-reg-37", "2027-01-01")
    assert amended.due == dt.date(2027, 1, 11) and amended.period == 10
    assert any("A test amendment" in (step.citation or "") for step in amended.explanation)


def test_an_amendment_must_end_the_earlier_version_the_day_before():
    document = dataset.raw("deadline-rules")
    record = next(r for r in document["records"] if r["id"] == "ssr-reg-37")
    document["records"].append({**record, "id": "ssr-reg-37-as-amended", "supersedes": "ssr-reg-37"})
    with pytest.raises(ValueError, match="must end"):
        Envelope[COLLECTIONS["deadline-rules"]].model_validate(document)

