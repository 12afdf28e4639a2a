"""Provider events: what happened, in a provider's words, and every deadline rule that follows from it.

Where which rule applies turns on facts the event does not settle (is the change also a staffing change? is the
provider a supported residential service?), the event carries the screening questions that settle them, each from
the provision that states the condition, and each rule says which answers it needs (`when`). A reader who is not
sure answers "not sure", and the rules that turn on that question are listed as rules that may apply.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from ..models import Strict
from ..types import refers_to
from .base import LawRecord

NOT_SURE = "not-sure"
"""The answer every screening question also allows: it decides nothing."""
Key = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


class ScreeningChoice(Strict):
    """One answer to a screening question."""

    value: Key
    label: str


class ScreeningQuestion(Strict):
    """A question whose answer decides which of the event's rules apply (one at a time, on the page)."""

    key: Key
    text: str
    hint: str | None = None
    choices: list[ScreeningChoice] = Field(min_length=2, description=f"The answers besides '{NOT_SURE}', which is "
                                                                     "always allowed.")
    ask_if: dict[str, str] = Field(default_factory=dict, description="Asked only after these answers (key: value).")
    citation: str = Field(description="The provision that states the condition the question asks about.")

    def allowed(self) -> list[str]:
        """Every answer the question accepts, 'not sure' last."""
        return [choice.value for choice in self.choices] + [NOT_SURE]


class EventObligation(Strict):
    """A deadline rule that may follow from the event, and when it applies."""

    rule: str = Field(description="An id in the deadline-rules collection.", json_schema_extra=refers_to("deadline-rules"))
    applies_when: str = Field(description="The condition, in plain English, under which this rule applies.")
    when: dict[str, str] = Field(default_factory=dict, description="The answers to the event's screening questions "
                                                                   "(key: value) under which the rule applies; "
                                                                   "empty when it applies whatever the answers.")


class ProviderEvent(LawRecord):
    """An event a registered social service provider may face, with the obligations it triggers."""

    name: str
    description: str
    clock_starts: str = Field(description="The date to enter: what starts the clock.")
    questions: list[ScreeningQuestion] = Field(default_factory=list, description="The questions that decide which "
                                                                                 "obligations apply, in order.")
    obligations: list[EventObligation] = Field(default_factory=list)
    checklist: str | None = Field(default=None, description="A checklist (checklists collection) that helps decide.",
                                  json_schema_extra=refers_to("checklists"))
    notes: str | None = None

    @model_validator(mode="after")
    def _answers_are_asked(self) -> ProviderEvent:
        """Every condition names a question asked before it and one of that question's own answers."""
        asked: dict[str, list[str]] = {}
        for question in self.questions:
            if NOT_SURE in (choice.value for choice in question.choices):
                raise ValueError(f"{question.key}: '{NOT_SURE}' is always allowed; it is not listed as a choice")
            _check_answers(question.ask_if, asked, f"question {question.key}")
            asked[question.key] = [choice.value for choice in question.choices]
        for obligation in self.obligations:
            _check_answers(obligation.when, asked, f"rule {obligation.rule}")
        return self


def _check_answers(answers: dict[str, str], asked: dict[str, list[str]], where: str) -> None:
    for key, value in answers.items():
        if key not in asked:
            raise ValueError(f"{where}: no earlier question {key!r}")
        if value not in asked[key]:
            raise ValueError(f"{where}: {value!r} is not an answer to {key!r}")
