"""Deadline rules from the dataset applied to a start: `deadline --rule ID --from ...`.

The rule says which convention counts the period and on what basis; the conventions themselves live in
`calculators.deadlines`. Adding a rule is a data change (dataset/deadline-rules.json), not a code change.
Provider events (`obligations --event ...`) list the rules that follow from an event; every period is stated in
words by `calculators.periods`, from the rule.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import Field

from . import dataset, deadlines, in_force, periods
from .clock import MELBOURNE, long_date, parse_instant
from .collections.deadline_rules import DeadlineRule, RuleCondition
from .collections.provider_events import EventObligation, ProviderEvent
from .errors import InputError, shown
from .models import Result, Step, Strict, parse
from .plain import meanings
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
    """Every deadline rule: id, title, convention, period (a number, and in words) and citation."""
    return [{"id": r.id, "title": periods.render(r.title), "convention": r.convention, "period": r.period,
             "period_text": periods.period_text(r), "basis": r.basis, "kind": r.kind, "citation": r.source.cite()}
            for r in dataset.load("deadline-rules").records]


def deadline_for_rule(rule_id: str, start: dt.date | dt.datetime | str, field: str = "from") -> RuleDeadlineResult:
    """When the rule's period ends, counted from `start` (a date, or a date and time for hour rules).

    Refused, naming `field`, when the rule was not in force on the day the clock starts."""
    day = _start_day(rule(rule_id), start, field)
    record = rule(rule_id, day)
    title, obligation = periods.render(record.title, day), periods.render(record.obligation, day)
    trigger = periods.render(record.trigger, day)
    dated = in_force.require(f"{record.source.provision} ({title})", record.in_force, day, field, called="this rule")
    with deadlines.start_called(field):
        computed = _compute(record, start)
    body = f"{obligation} The words that set the period: \u201c{record.quote}\u201d"
    first = Step(text=" ".join(part for part in (f"{title}.", meanings(f"{title}. {body}"), body) if part),
                 citation=record.source.cite())
    warnings = list(computed.warnings)
    conditions = [_condition_step(condition, record) for condition in record.conditions]
    warnings += [condition.text for condition in conditions]
    if record.notes:
        warnings.append(periods.render(record.notes, day))
    fields = computed.model_dump(exclude={"explanation", "warnings"})
    return RuleDeadlineResult(
        **fields, explanation=[first, dated, *computed.explanation, *conditions], warnings=warnings, rule=record.id,
        title=title, obligation=obligation, trigger=trigger, kind=record.kind, conditions=record.conditions,
        citation=record.source.cite(),
    )


def _condition_step(condition: RuleCondition, record: DeadlineRule) -> Step:
    """What a further condition of the rule adds to the date counted (so far: a minimum age)."""
    return Step(text=f"A further condition: \u201c{condition.quote}\u201d. The date counted here does not check it. "
                     f"The {condition.of} must also be at least {condition.years} years old, and that needs the "
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
    if record.convention == "length-in-days":
        raise InputError("rule", f"{record.id} is a length of time, not a period counted from an event. "
                                 f"{periods.render(record.notes) or ''}".strip())
    raise InputError("rule", f"{record.id} sets no countable period. {periods.render(record.notes) or ''}".strip())


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
        convention=deadlines.ANNUAL_CONVENTION,
        explanation=[Step(text=f"The dates each year are {dates}; the first on or after {long_date(day)} is "
                               f"{long_date(due)}.", citation=record.source.cite())],
        warnings=[], dataset_version=dataset.RELEASE_VERSION, as_at=holidays.as_at,
    )


DATE_LABELS = {"deadline": "Due", "waiting-period": "Earliest day", "window": "Last day"}
"""What the computed date is, by the rule's kind."""


class TimeLimit(Strict):
    """A deadline rule that may follow from an event, in words: its period, what starts it, how it is counted, and
    when it applies. Every field comes from the rule or the event, so no period is retyped (issue 17)."""

    rule: str
    title: str
    period: str | None = Field(description="The rule's period in words, e.g. '7 days'; null when it has none.")
    after: str = Field(description="What starts the clock, worded to follow 'after': the rule's trigger.")
    kind: str = Field(description="deadline, waiting-period or window.")
    convention: str | None = Field(description="How the period is counted; null when it is not counted.")
    applies_when: str
    citation: str


class EventObligationResult(TimeLimit):
    """One obligation that follows from a provider event, and its date."""

    due: dt.date | None
    date_label: str = Field(description="What `due` is: 'Due', 'Earliest day' or 'Last day'.")
    explanation: list[Step]
    warnings: list[str]


def time_limit(obligation: EventObligation, day: dt.date | None = None) -> TimeLimit:
    """The event's obligation in words, from its rule (the version in force on `day`, or the latest)."""
    record = periods.rule(obligation.rule, day)
    return TimeLimit(rule=obligation.rule, title=periods.render(record.title, day), period=periods.period_text(record),
                     after=lower_first(periods.render(record.trigger, day)), kind=record.kind,
                     convention=periods.convention_text(record), applies_when=periods.render(obligation.applies_when, day),
                     citation=record.source.cite())


def event(event_id: str, day: dt.date | None = None) -> ProviderEvent:
    """The provider event with this id (its version in force on `day`, or the latest), or an InputError naming
    the field `event`."""
    events = dataset.load("provider-events")
    if events.by_id(event_id) is None:
        raise InputError("event", f"no provider event {shown(event_id)}; choose one of: "
                                  f"{', '.join(other.id for other in events.records)}")
    record: ProviderEvent = periods.version(events, event_id, day)
    return record


def time_limits(event_id: str, day: dt.date | None = None) -> list[TimeLimit]:
    """Every rule that may follow from the event, in the event's order (the shortest first), each with its condition."""
    return [time_limit(obligation, day) for obligation in event(event_id, day).obligations]


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
    """The provider events: id, name, what starts the clock, and each rule with its period in words."""
    return [{"id": e.id, "name": periods.render(e.name), "clock_starts": periods.render(e.clock_starts),
             "rules": [o.rule for o in e.obligations],
             "periods": [periods.period_text(rule(o.rule)) for o in e.obligations]}
            for e in dataset.load("provider-events").records]


def obligations_for_event(event_id: str, on: dt.date | str) -> ObligationsResult:
    """Every deadline that follows from the event, counted from `on`, so no regulation number need be known."""
    events = dataset.load("provider-events")
    event(event_id)  # an unknown id is refused before the date is read
    try:
        day = parse(_StartDate, {"from": on}).start
    except InputError as error:
        raise InputError("on", error.message) from None
    record = event(event_id, day)
    name, description = periods.render(record.name, day), periods.render(record.description, day)
    clock_starts, notes = periods.render(record.clock_starts, day), periods.render(record.notes, day)
    dated = in_force.require(f"{record.source.provision} ({lower_first(name)})", record.in_force, day, "on",
                             called="the law for this event")
    obligations = []
    for obligation in record.obligations:
        computed = deadline_for_rule(obligation.rule, day, "on")
        obligations.append(EventObligationResult(
            **time_limit(obligation, day).model_dump(), due=computed.due, date_label=DATE_LABELS[computed.kind],
            explanation=computed.explanation, warnings=computed.warnings,
        ))
    steps = [Step(text=f"{name}. {description} The clock starts: {lower_first(clock_starts)}.",
                  citation=record.source.cite()), dated]
    steps += [Step(text=f"{o.title}. {o.date_label}: {long_date(o.due)}, {o.period} after {o.after}. "
                        f"It applies {lower_first(o.applies_when)}.", citation=o.citation)
              for o in obligations]
    if notes:
        steps.append(Step(text=notes, citation=record.source.cite()))
    return ObligationsResult(
        event=record.id, name=name, on=day, clock_starts=clock_starts, obligations=obligations,
        checklist=record.checklist, notes=notes, explanation=steps,
        warnings=list(dict.fromkeys(w for o in obligations for w in o.warnings)) or ([notes] if notes and not obligations else []),
        dataset_version=dataset.RELEASE_VERSION, as_at=events.as_at,
    )


def lower_first(text: str) -> str:
    """'The change occurs.' as 'the change occurs', to follow 'after' in a sentence."""
    return (text[:1].lower() + text[1:]).rstrip(".")
