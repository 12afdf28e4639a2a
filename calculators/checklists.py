"""Threshold checklists: evaluates a checklist from dataset/checklists.json against the answers given so far.

Conditions are evaluated with three values (True, False, None for "not yet known"), so the result is decided
as soon as the answers allow, and otherwise names the next question to ask: one question at a time. Every text is
rendered by `calculators.periods`, and an outcome's time limits come from its provider event's deadline rules.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import Field

from . import dataset, periods, rules
from .collections.checklists import (
    AllOf,
    AnswerIn,
    AnswerIs,
    AnyOf,
    Checklist,
    Condition,
    LookupIs,
    Negation,
    Outcome,
    Question,
    RatioAtLeast,
)
from .errors import InputError, shown
from .models import Result, Step, Strict
from .rules import TimeLimit

INCOMPLETE = "incomplete"


class AnsweredQuestion(Strict):
    """A question and the answer given to it."""

    key: str
    question: str
    answer: str
    answer_label: str


class NextQuestion(Strict):
    """The next question to ask, with what it accepts."""

    key: str
    text: str
    hint: str | None
    kind: str
    allowed: list[str] = Field(description="Allowed answers; for a lookup, see `lookup`; for a number, any ≥ 0.")
    allowed_labels: list[str]
    multiple: bool = Field(default=False, description="Several answers may be chosen (the source says 'any of'); "
                                                      "give them comma-separated. 'none' stands alone.")
    lookup: str | None
    citation: str


class RecordItem(Strict):
    """One thing to record for this outcome, and the provision that says so."""

    text: str
    citation: str


class CheckResult(Result):
    """The outcome so far: decided (an outcome id) or 'incomplete' with the next question."""

    checklist: str
    title: str
    outcome: str = Field(description="An outcome id of the checklist, or 'incomplete'.")
    label: str | None = None
    summary: str | None = None
    next_question: NextQuestion | None = None
    answers: list[AnsweredQuestion]
    next_steps: list[str] = Field(default_factory=list)
    record_keeping: list[RecordItem] = Field(default_factory=list, description="What to record, for what happened.")
    event: str | None = Field(default=None, description="The provider event whose rules are `time_limits` "
                                                        "(`obligations --event` gives their dates).")
    time_limits: list[TimeLimit] = Field(default_factory=list, description="Every deadline rule that may apply, the "
                                                                           "shortest first, each with its condition.")


def list_checklists() -> list[dict[str, Any]]:
    """Every checklist: id, title, description and its question keys."""
    return [{"id": c.id, "title": periods.render(c.title), "description": periods.render(c.description),
             "questions": [q.key for q in c.questions]} for c in dataset.load("checklists").records]


def evaluate(checklist_id: str, answers: dict[str, str]) -> CheckResult:
    """The checklist's outcome for these answers, or 'incomplete' and the next question."""
    envelope = dataset.load("checklists")
    checklist = envelope.by_id(checklist_id)
    if checklist is None:
        ids = ", ".join(c.id for c in envelope.records)
        raise InputError("checklist", f"no checklist {shown(checklist_id)}; choose one of: {ids}")
    given = _validated(checklist, answers)
    warnings: list[str] = []
    for question in checklist.questions:
        if question.key in given and question.ask_if is not None and _holds(question.ask_if, given, checklist) is False:
            warnings.append(f"The answer to '{question.key}' was not used: that question does not apply here.")
            del given[question.key]

    answered = [question for question in checklist.questions if question.key in given]
    steps = [Step(text=_reason(question, given[question.key]), citation=question.citation) for question in answered]
    result: dict[str, Any] = {
        "checklist": checklist.id, "title": periods.render(checklist.title), "warnings": warnings,
        "dataset_version": dataset.RELEASE_VERSION, "as_at": envelope.as_at,
        "answers": [AnsweredQuestion(key=q.key, question=periods.render(q.text), answer=given[q.key],
                                     answer_label=_label(q, given[q.key])) for q in answered],
    }
    for outcome in checklist.outcomes:
        verdict = _holds(outcome.when, given, checklist)
        if verdict is False:
            continue
        if verdict is True:
            label, summary = periods.render(outcome.label), periods.render(outcome.summary)
            limits = rules.time_limits(outcome.event) if outcome.event else []
            steps.append(Step(text=f"{label}. {summary}", citation=outcome.citation))
            steps += [Step(text=f"Time limit: {limit.period} after {limit.after}. It applies "
                                f"{rules.lower_first(limit.applies_when)}.", citation=limit.citation) for limit in limits]
            return CheckResult(
                **result, outcome=outcome.id, label=label, summary=summary, explanation=steps,
                next_steps=[periods.render(text) for text in outcome.next_steps],
                record_keeping=_record_keeping(checklist, outcome), event=outcome.event, time_limits=limits,
            )
        break
    question = _next_question(checklist, given)
    steps.append(Step(text=f"Not decided yet. The next question: {periods.render(question.text)}",
                      citation=question.citation))
    return CheckResult(**result, outcome=INCOMPLETE, explanation=steps, next_question=_describe(question))


def _record_keeping(checklist: Checklist, outcome: Outcome) -> list[RecordItem]:
    """The record-keeping items for this outcome only: none for a disclosure that did not happen."""
    if not outcome.record_keeping:
        return []
    return [RecordItem(text=item.text, citation=item.citation) for item in checklist.record_keeping
            if item.applies_to is None or outcome.id in item.applies_to]


def _validated(checklist: Checklist, answers: dict[str, str]) -> dict[str, str]:
    """The answers with each key known and each value allowed; otherwise an InputError naming the key."""
    questions = {question.key: question for question in checklist.questions}
    clean: dict[str, str] = {}
    for key, raw in answers.items():
        question = questions.get(key)
        if question is None:
            raise InputError("answer", f"{checklist.id} has no question {shown(key)}; its keys are: {', '.join(questions)}")
        value = str(raw).strip()
        if question.any_of:
            value = _several(question, value.lower())
        elif question.kind in ("yes-no", "choice"):
            value = value.lower()
            if value not in question.allowed():
                raise InputError(key, f"{shown(value)} is not an allowed answer; allowed: {', '.join(question.allowed())}")
        elif question.kind == "lookup":
            if dataset.load(question.lookup).by_id(value) is None:
                raise InputError(key, f"{shown(value)} is not an id in the {question.lookup} collection "
                                      f"(see dataset/{question.lookup}.json)")
        else:
            value = _number(key, value)
        clean[key] = value
    return clean


def _several(question: Question, value: str) -> str:
    """An 'any of' answer: each value allowed, 'none' alone, in the order the choices are listed."""
    chosen = {part.strip() for part in value.split(",") if part.strip()}
    unknown = sorted(chosen - set(question.allowed()))
    if not chosen or unknown:
        raise InputError(question.key, f"{', '.join(unknown) or repr(value)} is not an allowed answer; choose one or "
                                       f"more of: {', '.join(question.allowed())}")
    if "none" in chosen and len(chosen) > 1:
        raise InputError(question.key, "'none' cannot be chosen together with another answer")
    return ",".join(choice for choice in question.allowed() if choice in chosen)


def _chosen(value: str) -> list[str]:
    """The answers given to a question: one, or several for an 'any of' question (ids never hold a comma)."""
    return value.split(",")


def _number(key: str, value: str) -> str:
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise InputError(key, f"{shown(value)} is not a number") from None
    if not number.is_finite() or number < 0:
        raise InputError(key, f"{shown(value)} must be a number of 0 or more")
    return value


def _holds(condition: Condition, given: dict[str, str], checklist: Checklist) -> bool | None:
    """True, False, or None when the answers so far do not decide it."""
    if isinstance(condition, AnswerIs):
        return None if condition.answer not in given else condition.is_ in _chosen(given[condition.answer])
    if isinstance(condition, AnswerIn):
        return None if condition.answer not in given else any(
            value in condition.in_ for value in _chosen(given[condition.answer]))
    if isinstance(condition, LookupIs):
        if condition.lookup not in given:
            return None
        question = next(q for q in checklist.questions if q.key == condition.lookup)
        record = dataset.load(question.lookup).by_id(given[condition.lookup])
        return bool(getattr(record, condition.field) == condition.is_)
    if isinstance(condition, RatioAtLeast):
        return _ratio_holds(condition, given)
    if isinstance(condition, AllOf):
        verdicts = [_holds(part, given, checklist) for part in condition.all]
        return False if False in verdicts else (None if None in verdicts else True)
    if isinstance(condition, AnyOf):
        verdicts = [_holds(part, given, checklist) for part in condition.any]
        return True if True in verdicts else (None if None in verdicts else False)
    assert isinstance(condition, Negation)
    verdict = _holds(condition.not_, given, checklist)
    return None if verdict is None else not verdict


def _ratio_holds(condition: RatioAtLeast, given: dict[str, str]) -> bool | None:
    numerator_key, denominator_key = condition.ratio
    if numerator_key not in given or denominator_key not in given:
        return None
    numerator, denominator = Decimal(given[numerator_key]), Decimal(given[denominator_key])
    if denominator == 0:
        raise InputError(denominator_key, "must be more than 0 to work out a proportion")
    if numerator > denominator:
        raise InputError(numerator_key, f"cannot be more than {denominator_key} ({denominator})")
    return numerator / denominator >= condition.at_least


def _next_question(checklist: Checklist, given: dict[str, str]) -> Question:
    for question in checklist.questions:
        if question.key not in given and (question.ask_if is None or _holds(question.ask_if, given, checklist) is True):
            return question
    raise ValueError(f"checklist {checklist.id} is undecided but has no question left to ask: a data error")


def _reason(question: Question, answer: str) -> str:
    if question.any_of:
        return " ".join(_reason(question.model_copy(update={"any_of": False}), value) for value in _chosen(answer))
    reason = question.reasons.get(answer) or question.reasons.get("*")
    return periods.render(reason) if reason else f"{periods.render(question.text)} {_label(question, answer)}."


def _label(question: Question, answer: str) -> str:
    if question.kind == "yes-no":
        return "Yes" if answer == "yes" else "No"
    if question.kind == "choice":
        return "; ".join(periods.render(choice.label) for choice in question.choices if choice.value in _chosen(answer))
    if question.kind == "lookup":
        record = dataset.load(question.lookup).by_id(answer)
        return getattr(record, "name", None) or getattr(record, "title", None) or answer
    return answer


def _describe(question: Question) -> NextQuestion:
    labels = ["Yes", "No"] if question.kind == "yes-no" else [periods.render(choice.label) for choice in question.choices]
    return NextQuestion(key=question.key, text=periods.render(question.text), hint=periods.render(question.hint),
                        kind=question.kind, allowed=question.allowed(), allowed_labels=labels, multiple=question.any_of,
                        lookup=question.lookup,
                        citation=question.citation)
