"""Deadline rules from the dataset applied to a start: `deadline --rule ID --from ...`.

The rule says which convention counts the period and on what basis; the conventions themselves live in
`calculators.deadlines`. Adding a rule is a data change (dataset/deadline-rules.json), not a code change.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import Field

from . import dataset, deadlines, in_force
from .clock import MELBOURNE, long_date, parse_instant
from .collections.deadline_rules import DeadlineRule, RuleCondition
from .errors import InputError, shown
from .models import Result, Step, Strict, parse
from .public_holidays import calendar
from .types import IsoDate


class _StartDate(Strict):
    """A start date for questions that need a date only."""

    start: IsoDate = Field(alias="from")


class RuleDeadlineResult(deadlines.DeadlineResult):
    """A deadline computed from a dataset rule, naming the rule, what it requires and its citation."""

    rule: str
    title: str
    obligation: str
    trigger: str
    kind: str = Field(description="deadline, waiting-period or window (see dataset/deadline-rules.json).")
    conditions: list[RuleCondition] = Field(default_factory=list,
                                            description="Further conditions of the rule, which `due` does not count.")
    citation: str


def rule(rule_id: str, day: dt.date | None = None) -> DeadlineRule:
    """The deadline rule with this id (its version in force on `day`, if given), or an InputError naming `rule`."""
    rules = dataset.load("deadline-rules")
    record: DeadlineRule | None = rules.by_id(rule_id) if day is None else rules.version_on(rule_id, day)
    if record is None:
        raise InputError("rule", f"no deadline rule {shown(rule_id)} in the dataset; choose one of the listed rules")
    return record


def list_rules() -> list[dict[str, Any]]:
    """Every deadline rule: id, title, convention, period and citation."""
    return [{"id": r.id, "title": r.title, "convention": r.convention, "period": r.period, "basis": r.basis,
             "kind": r.kind, "citation": r.source.cite()} for r in dataset.load("deadline-rules").records]


def deadline_for_rule(rule_id: str, start: dt.date | dt.datetime | str, field: str = "from") -> RuleDeadlineResult:
    """When the rule's period ends, counted from `start` (a date, or a date and time for hour rules).

    Refused, naming `field`, when the rule was not in force on the day the clock starts."""
    day = _start_day(rule(rule_id), start, field)
    record = rule(rule_id, day)
    dated = in_force.require(f"{record.source.provision} ({record.title})", record.in_force, day, field)
    with deadlines.start_called(field):
        computed = _compute(record, start)
    first = Step(text=f"{record.title}: {record.obligation} The period: \u201c{record.quote}\u201d",
                 citation=record.source.cite())
    warnings = list(computed.warnings)
    conditions = [_condition_step(condition, record) for condition in record.conditions]
    warnings += [condition.text for condition in conditions]
    if record.notes:
        warnings.append(record.notes)
    fields = computed.model_dump(exclude={"explanation", "warnings"})
    return RuleDeadlineResult(
        **fields, explanation=[first, dated, *computed.explanation, *conditions], warnings=warnings, rule=record.id,
        title=record.title, obligation=record.obligation, trigger=record.trigger, kind=record.kind,
        conditions=record.conditions, citation=record.source.cite(),
    )


def _condition_step(condition: RuleCondition, record: DeadlineRule) -> Step:
    """What a further condition of the rule adds to the date counted (so far: a minimum age)."""
    return Step(text=f"A further condition: \u201c{condition.quote}\u201d. The date counted here does not apply "
                     f"it: the {condition.of} must also have reached {condition.years} years of age, which needs the "
                     f"{condition.of}'s date of birth.", citation=record.source.cite())


def _start_day(record: DeadlineRule, start: object, field: str) -> dt.date:
    """The day the clock starts (in Melbourne, for an instant), to decide which law applies."""
    if record.convention == "elapsed-hours":
        return parse_instant(start, field).astimezone(MELBOURNE).date()
    try:
        return parse(_StartDate, {"from": start}).start
    except InputError as error:
        raise InputError(field, error.message) from None


def _compute(record: DeadlineRule, start: dt.date | str) -> deadlines.DeadlineResult:
    basis, kind, period = record.basis, record.kind, record.period
    if record.convention == "annual-dates":
        return _next_annual_date(record, start)
    if period is not None and record.convention in ("statutory-days", "plain-days"):
        return deadlines.day_period(start, period, basis, kind)
    if period is not None and record.convention == "elapsed-hours":
        return deadlines.hour_period(start, period, basis)
    if period is not None and record.convention == "calendar-months":
        return deadlines.month_period(start, period, basis, kind)
    if period is not None and record.convention == "calendar-years":
        return deadlines.year_period(start, period, basis, kind)
    if period is not None and record.convention == "day-of-following-month":
        return deadlines.day_of_following_month(start, period, basis, kind)
    raise InputError("rule", f"{record.id} sets no countable period. {record.notes or ''}".strip())


def _next_annual_date(record: DeadlineRule, start: dt.date | str) -> deadlines.DeadlineResult:
    """The first of the rule's annual dates on or after `start` (a protocol date: not rolled over)."""
    day = parse(_StartDate, {"from": start}).start
    candidates = sorted(dt.date(year, int(mm_dd[:2]), int(mm_dd[3:]))
                        for year in (day.year, day.year + 1) if year <= dt.MAXYEAR for mm_dd in record.annual_dates)
    due = next((candidate for candidate in candidates if candidate >= day), None)
    if due is None:
        raise InputError("from", f"the next of the rule's dates after {long_date(day)} is later than the last day "
                                 f"this tool can count to, {deadlines.LAST_DAY_TEXT}")
    dates = " and ".join(dt.date(2001, int(d[:2]), int(d[3:])).strftime("%d %B").lstrip("0") for d in record.annual_dates)
    holidays = calendar()
    return deadlines.DeadlineResult(
        due=due, start=day, period_ends=due, period=len(record.annual_dates), unit="days", basis=deadlines.Basis(record.basis),
        convention="annual dates (fixed dates each year; not moved for weekends or holidays)",
        explanation=[Step(text=f"The dates each year are {dates}; the first on or after {long_date(day)} is "
                               f"{long_date(due)}.", citation=record.source.cite())],
        warnings=[], dataset_version=dataset.RELEASE_VERSION, as_at=holidays.as_at,
    )


class EventObligationResult(Strict):
    """One obligation that follows from a provider event, and when it is due."""

    rule: str
    title: str
    applies_when: str
    due: dt.date | None
    convention: str | None
    kind: str
    citation: str
    explanation: list[Step]
    warnings: list[str]


class ObligationsResult(Result):
    """Every obligation that follows from a provider event, each with its due date and citation."""

    event: str
    name: str
    on: dt.date
    clock_starts: str
    obligations: list[EventObligationResult]
    checklist: str | None
    notes: str | None


def list_events() -> list[dict[str, Any]]:
    """The provider events: id, name and what starts the clock."""
    return [{"id": e.id, "name": e.name, "clock_starts": e.clock_starts, "rules": [o.rule for o in e.obligations]}
            for e in dataset.load("provider-events").records]


def obligations_for_event(event_id: str, on: dt.date | str) -> ObligationsResult:
    """Every deadline that follows from the event, counted from `on`, so no regulation number need be known."""
    events = dataset.load("provider-events")
    if events.by_id(event_id) is None:
        raise InputError("event", f"no provider event {shown(event_id)}; choose one of: "
                                  f"{', '.join(record.id for record in events.records)}")
    try:
        day = parse(_StartDate, {"from": on}).start
    except InputError as error:
        raise InputError("on", error.message) from None
    event = events.version_on(event_id, day)
    assert event is not None
    dated = in_force.require(f"{event.source.provision} ({event.name.lower()})", event.in_force, day, "on")
    obligations = []
    for obligation in event.obligations:
        computed = deadline_for_rule(obligation.rule, day, "on")
        obligations.append(EventObligationResult(
            rule=computed.rule, title=computed.title, applies_when=obligation.applies_when, due=computed.due,
            convention=computed.convention, kind=computed.kind, citation=computed.citation,
            explanation=computed.explanation, warnings=computed.warnings,
        ))
    steps = [Step(text=f"{event.name}: {event.description} The clock starts: {event.clock_starts.lower()}",
                  citation=event.source.cite()), dated]
    steps += [Step(text=f"{o.title}: due {long_date(o.due)}. Applies: {o.applies_when}", citation=o.citation)
              for o in obligations]
    if event.notes:
        steps.append(Step(text=event.notes, citation=event.source.cite()))
    return ObligationsResult(
        event=event.id, name=event.name, on=day, clock_starts=event.clock_starts, obligations=obligations,
        checklist=event.checklist, notes=event.notes, explanation=steps,
        warnings=list(dict.fromkeys(w for o in obligations for w in o.warnings)) or ([event.notes] if event.notes and not obligations else []),
        dataset_version=dataset.RELEASE_VERSION, as_at=events.as_at,
    )
