"""A deadline rule's period in words, rendered from dataset/deadline-rules.json and never retyped.

Checklists, provider events and the site's guides write `{period:RULE-ID}` (in the data) or a `period`
placeholder (in a page, see scripts/site_build.py) where a period belongs; the words come from the rule, so the places that state a period cannot
disagree with the rule that holds it (issue 17).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import overload

from . import dataset, deadlines
from .collections.base import Envelope, R
from .collections.deadline_rules import DeadlineRule

PLACEHOLDER = re.compile(r"\{period:([a-z0-9]+(?:-[a-z0-9]+)*)\}")
UNITS = {"statutory-days": "day", "plain-days": "day", "length-in-days": "day", "elapsed-hours": "hour",
         "calendar-months": "month", "calendar-years": "year"}
NAMES = {"statutory-days": "statutory day period", "plain-days": "plain day period",
         "calendar-months": "calendar months", "calendar-years": "calendar years",
         "day-of-following-month": "day of the following month"}


def rule(rule_id: str, day: dt.date | None = None) -> DeadlineRule:
    """The deadline rule with this id: its version in force on `day`, or without a day the latest version (the law
    as amended). A KeyError (a data error, caught by the tests) when there is none."""
    rules = dataset.load("deadline-rules")
    if rules.by_id(rule_id) is None:
        raise KeyError(f"no deadline rule {rule_id!r}")
    record: DeadlineRule = version(rules, rule_id, day)
    return record


def version(envelope: Envelope[R], record_id: str, day: dt.date | None) -> R:
    """A known record's version in force on `day` (see LawRecord.supersedes), or its latest version."""
    if day is not None:
        found = envelope.version_on(record_id, day)
        assert found is not None
        return found
    latest = record_id
    while (later := next((r for r in envelope.records if getattr(r, "supersedes", None) == latest), None)) is not None:
        latest = later.id
    found = envelope.by_id(latest)
    assert found is not None
    return found


def period_text(record: DeadlineRule) -> str | None:
    """The period in words: '7 days', '12 months', 'the 5th of the following month'; None when it has none."""
    if record.convention in UNITS:
        unit = UNITS[record.convention]
        return f"{record.period} {unit}{'' if record.period == 1 else 's'}"
    if record.convention == "day-of-following-month" and record.period:
        return f"the {_ordinal(record.period)} of the following month"
    if record.convention == "annual-dates":
        dates = [dt.date(2001, int(mm_dd[:2]), int(mm_dd[3:])) for mm_dd in record.annual_dates]
        return " and ".join(f"{day.day} {day:%B}" for day in dates) + " each year"
    return None


def convention_text(record: DeadlineRule) -> str | None:
    """How the period is counted: the same words a computed result gives as its `convention`."""
    if record.convention in NAMES:
        return deadlines.convention_name(NAMES[record.convention], deadlines.Basis(record.basis), record.kind)
    if record.convention == "elapsed-hours":
        return deadlines.HOURS_CONVENTION
    if record.convention == "annual-dates":
        return deadlines.ANNUAL_CONVENTION
    return None


@overload
def render(text: str, day: dt.date | None = None) -> str: ...


@overload
def render(text: None, day: dt.date | None = None) -> None: ...


def render(text: str | None, day: dt.date | None = None) -> str | None:
    """The text with every `{period:RULE-ID}` replaced by that rule's period in words (as in force on `day`)."""
    if text is None:
        return None
    return PLACEHOLDER.sub(lambda match: _words(rule(match.group(1), day)), text)


def _words(record: DeadlineRule) -> str:
    words = period_text(record)
    if words is None:
        raise KeyError(f"deadline rule {record.id!r} has no period to state")
    return words


def rules_named(text: str | None) -> list[str]:
    """The rule ids a text's placeholders name."""
    return PLACEHOLDER.findall(text or "")


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
