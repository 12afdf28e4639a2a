"""Training scenarios: worked examples for trainers, each a golden case told as a story, with its embed link."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from .base import Record

Calculator = Literal["penalty", "deadline", "notify", "obligations", "check", "retention"]


class Scenario(Record):
    """A story, the calculator inputs, the expected answer and the law, ready to embed in a course.

    Each scenario names the golden case (tests/cases/<golden_case>.json) it is drawn from; the tests check
    that its inputs and expected answer are the golden case's and that the engine gives that answer."""

    title: str
    story: str = Field(description="The situation, told as a trainer would tell it.")
    question: str = Field(description="What the learner is asked to work out.")
    calculator: Calculator
    golden_case: str = Field(description="The id of the golden case this scenario is drawn from.")
    args: list[str] = Field(min_length=1, description="The command line (without `python -m calculators`).")
    expected: dict[str, Any] = Field(description="Result keys and their expected values (a subset of the result).")
    answer: str = Field(description="The answer in plain English, as the learner should find it.")
    embed: str = Field(description="The embed page, pre-filled, relative to the site root.")
