"""Records retention: PROS 22/05 class 1.3, as quoted in the IMHA protocol (sources/imha-opt-out-protocol-2023.txt).

A record of non-legal advocacy "can be destroyed 25 years after the action has been completed, provided the
client has reached 25 years of age". A 29 February anniversary in a common year is read as every period of years
is (calculators.deadlines.MISSING_DAY_READING: 28 February); where that reading decides the date, a warning gives
the later date that meets both readings.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field, ValidationInfo, field_validator

from .clock import long_date
from .dataset import RELEASE_VERSION
from .deadlines import MISSING_DAY_READING, Basis, add_years, days_after, start_called, year_period
from .models import Result, Step, Strict, parse
from .types import IsoDate

YEARS = 25
PROS = ("PROS 22/05 Retention and Disposal Authority for Records of the Legal Aid Function, class 1.3, "
        "as quoted in the IMHA Protocol (Mental Health and Wellbeing Act 2022 (Vic)), 'Storage of consumer health data'")
PROS_WORDS = ("Pursuant to PROS 22/05 Retention and Disposal Authority for Records of the Legal Aid Function, number "
              "1.3, records documenting the management of any matters including non-legal assistance such as "
              "non-legal advocacy can be destroyed 25 years after the action has been completed, provided the client "
              "has reached 25 years of age.")
"""The protocol's words ('Storage of consumer health data'), verbatim."""
AS_AT = dt.date(2023, 9, 1)
"""The IMHA protocol's commencement: the law this rule is stated as at."""


class RetentionQuestion(Strict):
    """When the action was completed and when the client was born."""

    born: IsoDate = Field(description="The client's date of birth.")
    completed: IsoDate = Field(description="The day the action (the advocacy matter) was completed.")

    @field_validator("completed")
    @classmethod
    def _not_before_birth(cls, completed: dt.date, info: ValidationInfo) -> dt.date:
        born = info.data.get("born")
        if born is not None and completed < born:
            raise ValueError(f"the action cannot be completed before the client was born ({born.isoformat()})")
        return completed


class RetentionResult(Result):
    """The earliest day the record may lawfully be destroyed, and which condition set it."""

    earliest_destruction: dt.date
    period_ends: dt.date = Field(description="The 25th anniversary of completion; the 25 years end with this day.")
    client_turns_25: dt.date
    governed_by: str = Field(description="'completion' or 'age': the condition that sets the date.")


def earliest_destruction(completed: dt.date | str, born: dt.date | str) -> RetentionResult:
    """The earliest lawful destruction date of a record under PROS 22/05 class 1.3."""
    question = parse(RetentionQuestion, {"completed": completed, "born": born})
    with start_called("completed"):
        counted = year_period(question.completed, YEARS, Basis.PROTOCOL, kind="waiting-period", written_in=PROS,
                              written_words=PROS_WORDS)
    period_ends, after_period = counted.period_ends, counted.due
    leap_completion = add_years(question.completed, YEARS, "completed")[1]
    turns_25, leap_birth = add_years(question.born, YEARS, "born")
    governed_by = "age" if turns_25 > after_period else "completion"
    earliest = max(after_period, turns_25)
    steps = [
        Step(text="You may destroy a record of non-legal advocacy only when two things are true. First, 25 years "
                  "have passed since the action was completed. Second, the client is at least 25 years old.",
             citation=PROS, quote=PROS_WORDS),
        Step(text=f"The action was completed on {long_date(question.completed)}. The 25 years are counted from the "
                  f"next day, so they end on its 25th anniversary."),
        *counted.explanation,
        *([Step(text=MISSING_DAY_READING)] if leap_birth and not leap_completion else []),
        Step(text=f"The client, born {long_date(question.born)}, reaches 25 on {long_date(turns_25)}."
                  + (f" {turns_25.year} has no 29 February, so that is its last day of February." if leap_birth else "")),
        Step(text=f"Both must be true, so the later date applies. You may destroy the record on or after "
                  f"{long_date(earliest)}. {'The client’s age sets' if governed_by == 'age' else 'The 25 years after completion set'} "
                  f"this date."),
    ]
    warnings = _other_reading(earliest, after_period, leap_completion, turns_25, leap_birth)
    return RetentionResult(
        earliest_destruction=earliest, period_ends=period_ends, client_turns_25=turns_25, governed_by=governed_by,
        explanation=steps, warnings=warnings, dataset_version=RELEASE_VERSION, as_at=AS_AT,
    )


def _other_reading(earliest: dt.date, after_period: dt.date, leap_completion: bool, turns_25: dt.date,
                   leap_birth: bool) -> list[str]:
    """A warning when reading a missing 29 February as 1 March instead (a day later) would give a later earliest
    day: the destruction of a record is a restriction, so the date that meets both readings is given too."""
    other = max(days_after(after_period, 1) if leap_completion else after_period,
                days_after(turns_25, 1) if leap_birth else turns_25)
    if other == earliest:
        return []
    return [f"The reading of 29 February decides this date. This tool takes a missing 29 February as 28 February, "
            f"as for every period of years. Read as 1 March instead, the earliest day is {long_date(other)}. To "
            f"meet both readings, do not destroy the record before {long_date(other)}."]
