"""Law in time: a provision is applied only to dates on which it was in force.

Every law-stating record carries `in_force` (dataset/*.json). A calculator asks `require` before it gives a
figure or a due date: outside the stated period it refuses with an InputError naming the date field, the
provision and its commencement (or end), so no answer applies law that did not exist. A commencement the
sources do not state never refuses; the working says it is not stated.
"""

from __future__ import annotations

import datetime as dt

from .clock import long_date
from .collections.base import InForce
from .errors import InputError
from .models import Step, step


def require(what: str, in_force: InForce, day: dt.date, field: str, called: str | None = None) -> Step:
    """A step saying when `what` is in force, or an InputError when `day` is outside that period.

    `what` names the provision in a sentence, e.g. 'the infringement penalty for s 48(1) of the Social
    Services Regulation Act 2021 (Vic)'; `called`, a shorter name for the working when the steps before it
    already name the provision (e.g. 'this rule'); the refusal always names `what`."""
    if in_force.starts is not None and day < in_force.starts:
        assert not isinstance(in_force.from_source, str)
        raise InputError(field, f"{what} was not in force on {long_date(day)}: it applies from "
                                f"{long_date(in_force.starts)} ({in_force.from_source.cite()}). No answer is given "
                                f"for a date on which it was not law")
    if in_force.to is not None and day > in_force.to:
        assert in_force.to_source is not None
        raise InputError(field, f"{what} was no longer in force on {long_date(day)}: it applied until "
                                f"{long_date(in_force.to)} ({in_force.to_source.cite()}). No answer is given "
                                f"for a date on which it was not law")
    return describe(called or what, in_force)


def describe(what: str, in_force: InForce) -> Step:
    """One step of working: since when (and until when) `what` is in force, with the citation of each date."""
    if in_force.starts is None:
        return step(f"The sources do not say when {what} began. So no date is refused for that reason.")
    assert not isinstance(in_force.from_source, str)
    text = f"{_capitalised(what)} is in force from {long_date(in_force.starts)}"
    if in_force.to is not None:
        text += f" until {long_date(in_force.to)}"
    return step(f"{text}.", in_force.from_source.cite())


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
