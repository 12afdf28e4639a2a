"""Deadline rules: each period a source document sets, with what starts the clock and how it is counted."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from ..models import Strict
from .base import LawRecord

Convention = Literal[
    "statutory-days",          # ILA s 44: event day not counted; ends on a weekend/holiday -> next business day
    "plain-days",              # protocol/guideline: counted as written, no roll-over
    "elapsed-hours",           # clock hours in Australia/Melbourne
    "calendar-months",         # same day number N months later, or that month's last day
    "calendar-years",          # same date N years later, read as 12N months (29 Feb -> 28 Feb in a common year)
    "day-of-following-month",  # by day N of the month after the event
    "annual-dates",            # fixed dates each year (e.g. reports due 31 May and 30 November)
    "length-in-days",          # a length of time, not counted from an event (reg 34(2): an engagement of N days or less)
    "not-computable",          # a timeframe without a countable period ("as soon as practicable")
]


class RuleCondition(Strict):
    """A further condition the source attaches to the period, so the period alone does not settle the date."""

    kind: Literal["minimum-age"] = Field(description="minimum-age: a person must also have reached an age.")
    of: Literal["client"] = Field(description="Whose age.")
    years: int = Field(gt=0)
    quote: str = Field(description="The source's words for the condition, verbatim.")


class DeadlineRule(LawRecord):
    """One timeframe set by an Act, a regulation, or a protocol or guideline."""

    title: str = Field(description="Short name, e.g. 'Notify a change to key personnel'.")
    obligation: str = Field(description="What must be done, and by whom.")
    trigger: str = Field(description="What starts the clock, in the source's words where possible.")
    period: int | None = Field(default=None, gt=0, description="How many units; null for annual dates or no period. "
                                                                  "Checklists, provider events and the site's pages "
                                                                  "state it only through this field (issue 17).")
    convention: Convention
    basis: Literal["legislation", "protocol"] = Field(description="legislation: an Act or regulation (s 44 applies); "
                                                                  "protocol: a protocol or guideline.")
    kind: Literal["deadline", "waiting-period", "window", "length"] = Field(
        default="deadline", description="deadline: a time limited for doing a thing (s 44 rolls it past holidays); "
                                        "waiting-period: something may be done only after the period has elapsed, "
                                        "so the earliest day is the day after the period's last day; window: the "
                                        "last day of a period in which something may be done; length: a length of "
                                        "time, not counted from an event, so no date is computed (convention "
                                        "length-in-days). Only deadlines roll over.")
    annual_dates: list[str] = Field(default_factory=list, description="'MM-DD' dates, for annual-dates rules.")
    quote: str = Field(description="The words of the source that set the timeframe.")
    conditions: list[RuleCondition] = Field(
        default_factory=list, description="Further conditions the source attaches, which the period does not count.")
    notes: str | None = None

    @model_validator(mode="after")
    def _period_matches_convention(self) -> DeadlineRule:
        needs_period = self.convention not in ("annual-dates", "not-computable")
        if needs_period != (self.period is not None):
            raise ValueError(f"convention {self.convention} {'needs' if needs_period else 'takes no'} period")
        if (self.convention == "annual-dates") != bool(self.annual_dates):
            raise ValueError("annual_dates are given exactly when the convention is annual-dates")
        if self.convention == "statutory-days" and self.basis != "legislation":
            raise ValueError("statutory-days applies to legislation only; use plain-days for a protocol")
        if self.convention == "plain-days" and self.basis != "protocol":
            raise ValueError("plain-days is for protocols; a period set by legislation is statutory-days")
        if (self.kind == "length") != (self.convention == "length-in-days"):
            raise ValueError("kind length goes with convention length-in-days, and only with it")
        return self
