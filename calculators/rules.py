"""Deadline rules from the dataset applied to a start: `deadline --rule ID --from ...`.

The rule says which convention counts the period and on what basis; the conventions themselves live in
`calculators.deadlines`. Adding a rule is a data change (dataset/deadline-rules.json), not a code change.
Provider events (`obligations --event ...`) list the rules that follow from an event; every period is stated in
words by `calculators.periods`, from the rule.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field

from . import dataset, deadlines, in_force, periods
from .clock import MELBOURNE, long_date, parse_instant
from .collections.deadline_rules import DeadlineRule, RuleCondition
from .collections.provider_events import NOT_SURE, EventObligation, ProviderEvent, ScreeningQuestion
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
    kind: str = Field(description="deadline, waiting-period or window (see dataset/deadline-rules.json); a rule of "
                                  "kind length gives no date.")
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
    basis, kind, period, cited = record.basis, record.kind, record.period, record.source.cite()
    if record.convention == "annual-dates":
        return _next_annual_date(record, start)
    if period is not None and record.convention in ("statutory-days", "plain-days"):
        return deadlines.day_period(start, period, basis, kind, cited)
    if period is not None and record.convention == "elapsed-hours":
        return deadlines.hour_period(start, period, basis)
    if period is not None and record.convention == "calendar-months":
        return deadlines.month_period(start, period, basis, kind, cited)
    if period is not None and record.convention == "calendar-years":
        return deadlines.year_period(start, period, basis, kind, cited)
    if period is not None and record.convention == "day-of-following-month":
        return deadlines.day_of_following_month(start, period, basis, kind, cited)
    if record.convention == "length-in-days":
        raise InputError("rule", f"{record.id} is a length of time (kind length), not a period counted from an event. "
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
    kind: str = Field(description="deadline, waiting-period, window or length (a length of time: no date).")
    convention: str | None = Field(description="How the period is counted; null when it is not counted.")
    applies_when: str
    citation: str


class EventObligationResult(TimeLimit):
    """One obligation that follows from a provider event, and its date."""

    due: dt.date | None
    date_label: str = Field(description="What `due` is: 'Due', 'Earliest day' or 'Last day'.")
    applies: Literal["yes", "may"] = Field(description="'yes' when the rule applies on the answers given (or whatever "
                                                       "they are); 'may' when they do not settle it.")
    explanation: list[Step]
    warnings: list[str]


class ScreeningAnswer(Strict):
    """A screening question and the answer given to it."""

    key: str
    question: str
    answer: str
    answer_label: str


class NextScreeningQuestion(Strict):
    """The next question that decides which rules apply, in the shape of a checklist's next question."""

    key: str
    text: str
    hint: str | None
    kind: Literal["choice"] = "choice"
    allowed: list[str] = Field(description="The answers; 'not-sure' is always the last.")
    allowed_labels: list[str]
    multiple: bool = False
    citation: str


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
    obligations: list[EventObligationResult] = Field(description="The rules that apply or may apply, in the event's "
                                                                  "order (the shortest first).")
    answers: list[ScreeningAnswer] = Field(default_factory=list, description="The screening questions answered.")
    next_question: NextScreeningQuestion | None = Field(
        default=None, description="The next question that decides which rules apply; null when none is left.")
    ruled_out: list[str] = Field(default_factory=list, description="The rules the answers rule out.")
    checklist: str | None
    notes: str | None


def list_events() -> list[dict[str, Any]]:
    """The provider events: id, name, what starts the clock, and each rule with its period in words."""
    return [{"id": e.id, "name": periods.render(e.name), "clock_starts": periods.render(e.clock_starts),
             "rules": [o.rule for o in e.obligations],
             "periods": [periods.period_text(rule(o.rule)) for o in e.obligations]}
            for e in dataset.load("provider-events").records]


def obligations_for_event(event_id: str, on: dt.date | str, answers: dict[str, str] | None = None) -> ObligationsResult:
    """Every deadline that follows from the event, counted from `on`, so no regulation number need be known.

    `answers` (key: value) answer the event's screening questions: a rule they rule out is left out (`ruled_out`),
    one they settle `applies` "yes", and one that still turns on a question, or on an answer "not-sure", "may" apply.
    The next question to ask, if any, is `next_question`; without answers every rule is listed, each with its
    condition."""
    events = dataset.load("provider-events")
    event(event_id)  # an unknown id is refused before the date is read
    try:
        day = parse(_StartDate, {"from": on}).start
    except InputError as error:
        raise InputError("on", error.message) from None
    record = event(event_id, day)
    given, warnings = _screening_answers(record, answers or {})
    name, description = periods.render(record.name, day), periods.render(record.description, day)
    clock_starts, notes = periods.render(record.clock_starts, day), periods.render(record.notes, day)
    dated = in_force.require(f"{record.source.provision} ({lower_first(name)})", record.in_force, day, "on",
                             called="the law for this event")
    obligations: list[EventObligationResult] = []
    ruled_out: list[TimeLimit] = []
    undecided: set[str] = set()  # the questions a rule that may apply still turns on
    for obligation in record.obligations:
        verdict = _applies(obligation.when, given)
        if verdict is False:
            ruled_out.append(time_limit(obligation, day))
            continue
        if verdict is None:
            undecided.update(obligation.when)
        computed = deadline_for_rule(obligation.rule, day, "on")
        obligations.append(EventObligationResult(
            **time_limit(obligation, day).model_dump(), due=computed.due, date_label=DATE_LABELS[computed.kind],
            applies="yes" if verdict else "may", explanation=computed.explanation, warnings=computed.warnings,
        ))
    steps = [Step(text=f"{name}. {description} The clock starts: {lower_first(clock_starts)}.",
                  citation=record.source.cite()), dated]
    asked = [question for question in record.questions if question.key in given]
    steps += [Step(text=f"{question.text} {_answer_label(question, given[question.key])}.", citation=question.citation)
              for question in asked]
    steps += [Step(text=f"{o.title}. {o.date_label}: {long_date(o.due)}, {o.period} after {o.after}. "
                        f"{'It may apply' if o.applies == 'may' else 'It applies'} {lower_first(o.applies_when)}.",
                   citation=o.citation)
              for o in obligations]
    if ruled_out:
        steps.append(Step(text=" ".join(f"Your answers rule out: {limit.title}." for limit in ruled_out),
                          citation="; ".join(dict.fromkeys(limit.citation for limit in ruled_out))))
    if notes:
        steps.append(Step(text=notes, citation=record.source.cite()))
    following = _next_screening_question(record, given, undecided)
    return ObligationsResult(
        event=record.id, name=name, on=day, clock_starts=clock_starts, obligations=obligations,
        answers=[ScreeningAnswer(key=q.key, question=q.text, answer=given[q.key], answer_label=_answer_label(q, given[q.key]))
                 for q in asked],
        next_question=following, ruled_out=[limit.rule for limit in ruled_out],
        checklist=record.checklist, notes=notes, explanation=steps,
        warnings=warnings + (list(dict.fromkeys(w for o in obligations for w in o.warnings))
                             or ([notes] if notes and not record.obligations else [])),
        dataset_version=dataset.RELEASE_VERSION, as_at=events.as_at,
    )


def _screening_answers(record: ProviderEvent, answers: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """The answers, each to a question of the event and allowed by it (else an InputError naming it), without those
    to a question not asked on the other answers (each with a warning saying so)."""
    questions = {question.key: question for question in record.questions}
    given: dict[str, str] = {}
    for key, raw in answers.items():
        question = questions.get(key)
        if question is None:
            keys = ", ".join(questions) or "none: it has no screening questions"
            raise InputError("answer", f"{record.id} asks no question {shown(key)}; its questions are: {keys}")
        value = str(raw).strip().lower()
        if value not in question.allowed():
            raise InputError(key, f"{shown(value)} is not an allowed answer; allowed: {', '.join(question.allowed())}")
        given[key] = value
    warnings = []
    for question in record.questions:
        if question.key in given and not _asked(question, given):
            warnings.append(f"The answer to '{question.key}' was not used: that question does not apply here.")
            del given[question.key]
    return given, warnings


def _asked(question: ScreeningQuestion, given: dict[str, str]) -> bool:
    """Whether the question is asked on these answers: every answer it depends on was given."""
    return all(given.get(key) == value for key, value in question.ask_if.items())


def _applies(when: dict[str, str], given: dict[str, str]) -> bool | None:
    """True when the answers give every answer the rule needs, False when one contradicts it, else None (a
    question not yet answered, or answered 'not sure')."""
    if any(key in given and given[key] not in (value, NOT_SURE) for key, value in when.items()):
        return False
    return True if all(given.get(key) == value for key, value in when.items()) else None


def _next_screening_question(record: ProviderEvent, given: dict[str, str],
                             undecided: set[str]) -> NextScreeningQuestion | None:
    """The first question not yet answered that is asked on these answers and still decides a rule."""
    for question in record.questions:
        if question.key not in given and question.key in undecided and _asked(question, given):
            return NextScreeningQuestion(
                key=question.key, text=question.text, hint=question.hint, allowed=question.allowed(),
                allowed_labels=[choice.label for choice in question.choices] + ["Not sure"], citation=question.citation)
    return None


def _answer_label(question: ScreeningQuestion, answer: str) -> str:
    return next((choice.label for choice in question.choices if choice.value == answer), "Not sure")


def lower_first(text: str) -> str:
    """'The change occurs.' as 'the change occurs', to follow 'after' in a sentence."""
    return (text[:1].lower() + text[1:]).rstrip(".")
