"""Deadline rules, notification timeframes and provider events: every record in the data can be computed."""

from __future__ import annotations

import datetime as dt

import pytest

from calculators import dataset
from calculators.errors import InputError
from calculators.notifications import notification_due
from calculators.rules import deadline_for_rule, list_rules, obligations_for_event

RULES = dataset.load("deadline-rules").records
TRIGGERS = dataset.load("trigger-events").records
EVENTS = dataset.load("provider-events").records


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_every_rule_computes_or_says_why_not(rule):
    start = "2025-03-14T10:00" if rule.convention == "elapsed-hours" else "2025-03-14"
    if rule.convention in ("not-computable", "length-in-days"):
        with pytest.raises(InputError) as caught:
            deadline_for_rule(rule.id, start)
        assert caught.value.field == "rule"
        return
    result = deadline_for_rule(rule.id, start)
    assert result.rule == rule.id and result.citation == rule.source.cite()
    assert result.explanation[0].citation == rule.source.cite()
    due = result.due.date() if isinstance(result.due, dt.datetime) else result.due
    assert due >= dt.date(2025, 3, 14)
    if rule.basis == "protocol" or rule.kind != "deadline":
        assert "roll-over" in result.convention or "not moved" in result.convention or "no roll" in result.convention


def test_listed_kinds_agree_with_what_the_rule_gives():
    # issue 24: --list-rules said `deadline` for reg 34(2), which --rule refuses as a length of time.
    for listed in list_rules():
        start = "2025-03-14T10:00" if listed["convention"] == "elapsed-hours" else "2025-03-14"
        if listed["kind"] == "length":
            with pytest.raises(InputError, match="kind length"):
                deadline_for_rule(listed["id"], start)
        else:
            assert deadline_for_rule(listed["id"], start).kind == listed["kind"]
    assert {r["id"]: r["kind"] for r in list_rules()}["ssr-reg-34-2-short-term-engagement"] == "length"


def test_a_window_is_not_rolled_but_a_deadline_is():
    # 8 years after Sunday 15 June 2025 is Wednesday 15 June 2033 (reg 30(1)(a), a window).
    assert deadline_for_rule("ssr-reg-30-1-a", "2025-06-15").due == dt.date(2033, 6, 15)
    # 28 days after Sunday 18 May 2025 is Sunday 15 June 2025 (reg 35(1), a deadline): Monday 16 June.
    assert deadline_for_rule("ssr-reg-35-1", "2025-05-18").due == dt.date(2025, 6, 16)


@pytest.mark.parametrize("event", TRIGGERS, ids=lambda event: event.id)
def test_every_trigger_event_gives_a_due_time_and_who_is_responsible(event):
    result = notification_due(event.id, "2025-03-14T10:00")
    assert result.responsible == event.responsible and result.citation == event.source.cite()
    if event.timeframe_hours:
        assert (result.due - result.at).total_seconds() == event.timeframe_hours * 3600
    else:
        assert result.due == dt.date(2025, 4, event.monthly_by_day)
    assert result.mht_notifies == (event.id == "mht-hearing")


def test_concluded_event_counts_24_hours_from_conclusion():
    result = notification_due("restrictive-intervention-used", "2025-03-14T10:00", "2025-03-15T08:00")
    assert result.due.isoformat() == "2025-03-16T08:00:00+11:00"
    with pytest.raises(InputError) as caught:
        notification_due("restrictive-intervention-used", "2025-03-14T10:00", "2025-03-14T09:00")
    assert caught.value.field == "concluded"


@pytest.mark.parametrize("event", [e for e in TRIGGERS if e.timeframe_hours], ids=lambda event: event.id)
def test_concluded_gives_both_times_and_warns_only_when_they_differ(event):
    # Table 1, note *: 24 hours after the event concluded; the row: timeframe_hours after the event. Concluded
    # 24 - timeframe_hours hours after the event, the two end at the same instant (a 48-hour row cannot be
    # matched that way; concluded 24 hours later it is).
    at = dt.datetime(2025, 3, 14, 10, tzinfo=dt.timezone(dt.timedelta(hours=11)))
    same = notification_due(event.id, at, at + dt.timedelta(hours=event.timeframe_hours - 24))
    assert same.due == same.row_due == same.concluded_due and same.warnings == [] and same.applied == "concluded-note"
    later = notification_due(event.id, at, at + dt.timedelta(hours=event.timeframe_hours))
    assert later.concluded_due > later.row_due and later.due == later.concluded_due
    assert any("later than the row's" in warning for warning in later.warnings)
    plain = notification_due(event.id, at)
    assert plain.applied == "row" and plain.due == plain.row_due and plain.concluded_due is None


def test_only_the_mht_hearing_has_a_weekend_exception():
    # IMHA protocol, 'Contacting consumers', note (ii) is about MHT urgent hearings on the weekend only; other
    # events on a Saturday keep their Table 1 timeframe.
    saturday = "2025-05-03T10:00"
    for event in TRIGGERS:
        result = notification_due(event.id, saturday)
        if event.id == "mht-hearing":
            assert result.due is None and result.exception == "urgent-weekend-hearing" and result.applied is None
            assert result.row_due is None and result.intake_response is None
        else:
            assert result.due is not None and result.exception is None and result.warnings == []


def test_a_weekend_hearing_still_checks_the_conclusion_time():
    with pytest.raises(InputError) as caught:
        notification_due("mht-hearing", "2025-05-03T10:00", "2025-05-03T09:00")
    assert caught.value.field == "concluded"


def test_right_to_communicate_list_is_the_services_to_send():
    # IMHA protocol, 'IMHA SharePoint portal notification', item 1: 'designated mental health services must: [...]
    # send a consolidated list of these events [...] to the Department of Health monthly, no later than the 5th'.
    result = notification_due("right-to-communicate-restricted", "2025-06-12T10:00")
    assert result.responsible == "designated-mental-health-service"
    assert result.responsibility.startswith("An authorised psychiatrist who makes a direction under section 54")
    assert "no later than the 5th of each month" in result.responsible_note
    assert any(step.text.startswith("Who sends it:") for step in result.explanation)


@pytest.mark.parametrize("event", EVENTS, ids=lambda event: event.id)
def test_every_provider_event_names_existing_rules_and_checklists(event):
    rule_ids = {rule.id for rule in RULES}
    assert all(obligation.rule in rule_ids for obligation in event.obligations)
    result = obligations_for_event(event.id, "2025-04-14")
    assert [o.rule for o in result.obligations] == [o.rule for o in event.obligations]
    assert result.obligations or result.warnings, "an event without a computed deadline must say why"


def test_every_period_the_regulations_set_has_a_provider_event():
    # Issue 11 item 5: a provider (or worker) who does not know the regulation number finds every SSR period through
    # `obligations --list`. Reg 34(2) is not counted from an event (it is the length of an engagement).
    listed = {o.rule for event in EVENTS for o in event.obligations}
    ssr = {rule.id for rule in RULES if rule.id.startswith("ssr-") and rule.convention not in ("not-computable",
                                                                                              "length-in-days")}
    assert ssr - listed == set()
    assert {"change-to-premises", "schedule-2-matter-known", "registration-further-information",
            "wces-exclusion-decision"} <= {event.id for event in EVENTS}


def test_key_personnel_change_over_easter():
    # Worked by hand: 14 April 2025 + 7 days = Monday 21 April 2025, Easter Monday -> Tuesday 22 April (reg 35(2)(a));
    # + 28 days = Monday 12 May 2025 (reg 35(4)(b)).
    due = {o.rule: o.due for o in obligations_for_event("change-to-key-personnel", "2025-04-14").obligations}
    assert due["ssr-reg-35-2-a"] == dt.date(2025, 4, 22)
    assert due["ssr-reg-35-4-b"] == dt.date(2025, 5, 12)


def test_protocol_periods_cite_the_protocol_not_s_44():
    # issue 24: s 44 of the Interpretation of Legislation Act 1984 governs Acts and subordinate instruments only; a
    # protocol's date stands as written, and the step saying so cites the protocol.
    from calculators.deadlines import ILA_S44_SCOPE, day_period
    from calculators.retention import PROS, earliest_destruction

    protocol_rules = [rule for rule in RULES if rule.basis == "protocol"]
    results = [deadline_for_rule(rule.id, "2025-03-14T10:00" if rule.convention == "elapsed-hours" else "2025-03-15")
               for rule in protocol_rules]
    monthly = notification_due("right-to-communicate-restricted", "2025-09-10")
    retention = earliest_destruction("2001-03-03", "1990-05-02")
    for result in [*results, monthly, retention]:
        for step in result.explanation:
            assert "s 44" not in (step.citation or "") and "s 44" not in step.text, step
    assert any(step.citation == f"{PROS} (the period as written)" for step in retention.explanation)
    assert any(step.citation == f"{monthly.citation} (the period as written)" for step in monthly.explanation)
    # With no protocol named (deadline --basis protocol), the step says s 44 does not reach it.
    bare = day_period("2025-04-11", 7, "protocol").explanation
    assert [step.citation for step in bare if step.citation] == [ILA_S44_SCOPE]
