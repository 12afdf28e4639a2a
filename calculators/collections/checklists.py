"""Threshold checklists as data: questions, the conditions that combine answers, and outcomes with reasons.

A condition is a small JSON tree, evaluated with three values (true, false, unknown) so a checklist can stop
as soon as the answers so far decide it:
  {"answer": KEY, "is": VALUE}            {"answer": KEY, "in": [VALUE, ...]}
  {"lookup": KEY, "field": FIELD, "is": VALUE}     (a field of the record chosen by a lookup question)
  {"ratio": [NUMERATOR_KEY, DENOMINATOR_KEY], "at_least": "0.97"}
  {"all": [CONDITION, ...]}   {"any": [CONDITION, ...]}   {"not": CONDITION}

Text never retypes a period: it writes `{period:RULE-ID}`, which `calculators.periods` renders from the deadline rule,
and an outcome with time limits names the provider event (`event`) whose rules it lists (issue 17).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from ..models import Strict
from ..types import DecimalString
from .base import LawRecord

AnswerKey = str


class AnswerIs(Strict):
    answer: AnswerKey
    is_: str = Field(alias="is")


class AnswerIn(Strict):
    answer: AnswerKey
    in_: list[str] = Field(alias="in", min_length=1)


class LookupIs(Strict):
    lookup: AnswerKey
    field: str
    is_: str | bool | None = Field(alias="is")


class RatioAtLeast(Strict):
    ratio: tuple[AnswerKey, AnswerKey]
    at_least: DecimalString


class AllOf(Strict):
    all: list[Condition] = Field(min_length=1)


class AnyOf(Strict):
    any: list[Condition] = Field(min_length=1)


class Negation(Strict):
    not_: Condition = Field(alias="not")


Condition = AnswerIs | AnswerIn | LookupIs | RatioAtLeast | AllOf | AnyOf | Negation


class Choice(Strict):
    """One allowed answer to a choice question."""

    value: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    label: str


class Question(Strict):
    """One question, asked only when `ask_if` holds; `reasons` explain what each answer means in law."""

    key: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    text: str
    hint: str | None = None
    kind: Literal["yes-no", "choice", "lookup", "number"]
    choices: list[Choice] = Field(default_factory=list, description="For choice questions.")
    any_of: bool = Field(default=False, description="A choice question where the source asks about 'any of' a list: "
                                                    "several answers may be given at once (comma-separated), and a "
                                                    "condition on one of them holds when it is among them. A 'none' "
                                                    "choice stands alone.")
    lookup: str | None = Field(default=None, description="For lookup questions: the collection the answer is an id of.")
    ask_if: Condition | None = None
    reasons: dict[str, str] = Field(default_factory=dict,
                                    description="Answer value (or '*' for any) → plain-English consequence.")
    citation: str

    @model_validator(mode="after")
    def _kind_has_what_it_needs(self) -> Question:
        if (self.kind == "choice") != bool(self.choices):
            raise ValueError(f"{self.key}: choices are given exactly for choice questions")
        if (self.kind == "lookup") != (self.lookup is not None):
            raise ValueError(f"{self.key}: lookup names a collection exactly for lookup questions")
        if self.any_of and self.kind != "choice":
            raise ValueError(f"{self.key}: any_of is for choice questions")
        return self

    def allowed(self) -> list[str]:
        """The answer values this question accepts (empty for lookup and number questions)."""
        if self.kind == "yes-no":
            return ["yes", "no"]
        return [choice.value for choice in self.choices]


class Outcome(Strict):
    """A possible result: the first outcome whose condition holds, once every earlier one fails, is the answer."""

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    when: Condition
    label: str = Field(description="The answer in one line, e.g. 'You must not share this information'.")
    summary: str
    next_steps: list[str] = Field(default_factory=list)
    citation: str
    record_keeping: bool = Field(default=False, description="Whether the checklist's record-keeping list applies "
                                                            "(the items whose applies_to names this outcome, or is null).")
    # Not marked refers_to: the CSV export would then flatten outcomes, whose conditions are recursive.
    # tests/test_periods.py checks that every event named here exists.
    event: str | None = Field(default=None, description="A provider event (provider-events collection) whose deadline "
                                                        "rules are this outcome's time limits: every rule that may "
                                                        "apply, the shortest first, each with its condition.")


class RecordKeeping(Strict):
    """What must be recorded, the provision that says so, and the outcomes it applies to."""

    text: str
    citation: str
    applies_to: list[str] | None = Field(
        default=None, description="The outcome ids this item applies to, by what happened (a request received, a "
                                  "disclosure, a refusal); null: every outcome that has record keeping.")


class Checklist(LawRecord):
    """A threshold checklist: questions in the order they are asked, and outcomes in the order they are tested."""

    title: str
    description: str
    questions: list[Question] = Field(min_length=1)
    outcomes: list[Outcome] = Field(min_length=2)
    record_keeping: list[RecordKeeping] = Field(default_factory=list)

    @model_validator(mode="after")
    def _keys_are_unique_and_known(self) -> Checklist:
        keys = [question.key for question in self.questions]
        if len(keys) != len(set(keys)):
            raise ValueError("question keys must be unique")
        if len({outcome.id for outcome in self.outcomes}) != len(self.outcomes):
            raise ValueError("outcome ids must be unique")
        keeping = {outcome.id for outcome in self.outcomes if outcome.record_keeping}
        for item in self.record_keeping:
            if item.applies_to is not None and not set(item.applies_to) <= keeping:
                raise ValueError(f"record keeping applies_to names outcomes without record keeping: "
                                 f"{sorted(set(item.applies_to) - keeping)}")
        for outcome_id in keeping:
            if not any(item.applies_to is None or outcome_id in item.applies_to for item in self.record_keeping):
                raise ValueError(f"outcome {outcome_id} has record keeping but no item applies to it")
        known = set(keys)
        for condition in [outcome.when for outcome in self.outcomes] + [q.ask_if for q in self.questions if q.ask_if]:
            unknown = _answer_keys(condition) - known
            if unknown:
                raise ValueError(f"conditions mention unknown question keys: {sorted(unknown)}")
        return self


def _answer_keys(condition: Condition) -> set[str]:
    if isinstance(condition, (AnswerIs, AnswerIn)):
        return {condition.answer}
    if isinstance(condition, LookupIs):
        return {condition.lookup}
    if isinstance(condition, RatioAtLeast):
        return set(condition.ratio)
    if isinstance(condition, AllOf):
        return set().union(*(_answer_keys(part) for part in condition.all))
    if isinstance(condition, AnyOf):
        return set().union(*(_answer_keys(part) for part in condition.any))
    return _answer_keys(condition.not_)
