"""Deadlines: one engine, each counting convention implemented once, every result explained.

Conventions: statutory day periods (Interpretation of Legislation Act 1984 (Vic) s 44), plain day periods
(protocols and guidelines), elapsed clock hours in Australia/Melbourne, calendar months, calendar years, and
"by day N of the following month". Under a legislative basis a period ending on a Saturday, Sunday or
Victorian public holiday ends on the next day that is none of these; under a protocol basis it ends where it
falls. `kind` says what the date is: a "deadline" (a time limited for doing a thing, which s 44 moves past
holidays), a "waiting-period" (something may be done only after the period has elapsed: the earliest day is
the day after the period's last day), or a "window" (the last day of a period in which something may be done).
Waiting periods and windows are never moved.
"""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from typing import Literal

from pydantic import AwareDatetime, Field

from .citations import AS_WRITTEN
from .clock import MELBOURNE, long_date, long_instant, month_year, parse_instant
from .dataset import RELEASE_VERSION
from .errors import InputError
from .models import Result, Step, Strict, parse, step
from .public_holidays import HolidayCalendar, calendar
from .types import DateOrInstant, IsoDate

ILA_S44 = "Interpretation of Legislation Act 1984 (Vic) s 44"
ILA_S44_SCOPE = (f"{ILA_S44} does not apply: it governs Acts and subordinate instruments only, so a protocol's "
                 f"period is as written")
HOLIDAYS_ACT = "Public Holidays Act 1993 (Vic) s 6"
MELBOURNE_TIME = "Summer Time Act 1972 (Vic); IANA time zone database, Australia/Melbourne"
HOURS_CONVENTION = "elapsed hours (Australia/Melbourne; no roll-over for weekends or holidays)"
ANNUAL_CONVENTION = "annual dates (fixed dates each year; not moved for weekends or holidays)"
MISSING_DAY_READING = (
    "A period of months or years ends on the same date in the later month. Where that month has no such date, the "
    "period ends on the last day of the month. So 29 February becomes 28 February in a common year, and 31 March "
    "plus one month is 30 April. The source documents do not define a month or a year, or say what happens then. "
    "This tool applies this one reading, the usual reading of a calendar month, to months and years alike. A year "
    "is counted as 12 calendar months, so 1 year and 12 months always end on the same day.")
"""The one reading of a missing corresponding day, stated in the working of every period of months or years."""
MAX_DAYS = 3660
MAX_HOURS = 24 * 366
MAX_MONTHS = 120
LAST_DAY_TEXT = "31 December 9999"  # dt.date.max: Python's calendar ends there


class Basis(str, Enum):
    """What sets the deadline, which decides whether s 44 applies."""

    LEGISLATION = "legislation"
    PROTOCOL = "protocol"


class DayPeriod(Strict):
    """A period of N days from the day of an event."""

    start: IsoDate = Field(alias="from", description="The day of the event; it is not counted.")
    days: int = Field(gt=0, le=MAX_DAYS)
    basis: Basis = Basis.LEGISLATION


class MonthPeriod(Strict):
    """A period of N calendar months from the day of an event."""

    start: IsoDate = Field(alias="from")
    months: int = Field(gt=0, le=MAX_MONTHS)
    basis: Basis = Basis.LEGISLATION


class YearPeriod(Strict):
    """A period of N years from the day of an event."""

    start: IsoDate = Field(alias="from")
    years: int = Field(gt=0, le=100)
    basis: Basis = Basis.LEGISLATION


class DayOfFollowingMonth(Strict):
    """'By day N of the month after the event' (monthly returns)."""

    start: IsoDate = Field(alias="from")
    day: int = Field(alias="day-of-next-month", ge=1, le=28, description="1 to 28, a day every month has.")
    basis: Basis = Basis.LEGISLATION


class HourPeriod(Strict):
    """N elapsed hours from an instant, in Australia/Melbourne."""

    start: AwareDatetime = Field(alias="from")
    hours: int = Field(gt=0, le=MAX_HOURS)
    basis: Basis = Basis.LEGISLATION


class DeadlineResult(Result):
    """When a period ends, under which convention, and why."""

    due: DateOrInstant = Field(description="YYYY-MM-DD for day periods; ISO 8601 with offset for hours.")
    start: DateOrInstant
    period_ends: DateOrInstant = Field(
        description="The period's last day as counted, before any roll-over; for a waiting period, the day before `due`.")
    period: int
    unit: Literal["days", "hours", "months", "years", "day-of-next-month"]
    basis: Basis
    convention: str


def day_period(start: dt.date | str, days: int | str, basis: Basis | str = Basis.LEGISLATION,
               kind: str = "deadline", written_in: str | None = None) -> DeadlineResult:
    """The last day of a period of `days` days after `start` (statutory under s 44, or plain)."""
    question = parse(DayPeriod, {"from": start, "days": days, "basis": basis})
    holidays = calendar()
    last = days_after(question.start, question.days)
    steps = [
        step(f"Do not count the day of the event, {long_date(question.start)}. Day 1 is the next day.",
             ILA_S44 if question.basis is Basis.LEGISLATION else None),
        step(f"Day {question.days} is {_describe(last, holidays)}."),
    ]
    name = "statutory day period" if question.basis is Basis.LEGISLATION else "plain day period"
    return _finish(question.start, last, question.days, "days", question.basis, steps, holidays, name, kind, written_in)


def month_period(start: dt.date | str, months: int | str, basis: Basis | str = Basis.LEGISLATION,
                 kind: str = "deadline", written_in: str | None = None) -> DeadlineResult:
    """The day `months` calendar months after `start`: the same day number, or the month's last day."""
    question = parse(MonthPeriod, {"from": start, "months": months, "basis": basis})
    return _calendar_period(question.start, question.months, "month", question.basis, kind, written_in)


def day_of_following_month(start: dt.date | str, day: int | str, basis: Basis | str = Basis.LEGISLATION,
                           kind: str = "deadline", written_in: str | None = None) -> DeadlineResult:
    """Day `day` of the calendar month after the month of `start` (e.g. a return due by the 5th)."""
    question = parse(DayOfFollowingMonth, {"from": start, "day-of-next-month": day, "basis": basis})
    holidays = calendar()
    following = add_months(question.start.replace(day=1), 1)
    last = following.replace(day=question.day)
    steps = [step(f"The event was in {month_year(question.start)}. Day {question.day} of the next month, "
                  f"{month_year(following)}, is {_describe(last, holidays)}.")]
    return _finish(question.start, last, question.day, "day-of-next-month", question.basis, steps, holidays,
                   "day of the following month", kind, written_in)


def year_period(start: dt.date | str, years: int | str, basis: Basis | str = Basis.LEGISLATION,
                kind: str = "deadline", written_in: str | None = None,
                written_words: str | None = None) -> DeadlineResult:
    """The same date `years` later, read as 12 × `years` calendar months: 29 February becomes 28 February in a
    common year, as a month period's missing day becomes the month's last day (one reading for both)."""
    question = parse(YearPeriod, {"from": start, "years": years, "basis": basis})
    return _calendar_period(question.start, question.years, "year", question.basis, kind, written_in, written_words)


def _calendar_period(start: dt.date, count: int, unit: str, basis: Basis, kind: str,
                     written_in: str | None, written_words: str | None = None) -> DeadlineResult:
    """A period of `count` calendar months or years (`unit`), its missing corresponding day read one way
    (MISSING_DAY_READING), with a warning where that reading decides a restriction."""
    holidays = calendar()
    last = add_months(start, count * (12 if unit == "year" else 1))
    plural = f"{unit}s"
    after = f"{_count(count, unit)} after {long_date(start)}"
    if last.day == start.day:
        steps = [step(f"A period of {plural} ends on the same date in the later month. {after} is "
                      f"{_describe(last, holidays)}.")]
        caveat = None
    else:
        steps = [step(MISSING_DAY_READING),
                 step(f"{month_year(last)} has no day {start.day}. So {after} is the last day of that month, "
                      f"{_describe(last, holidays)}.")]
        caveat = _missing_day_caveat(last, kind)
    return _finish(start, last, count, plural, basis, steps, holidays, f"calendar {plural}", kind, written_in, caveat,
                   written_words)


def _missing_day_caveat(last: dt.date, kind: str) -> str | None:
    """Where the period restricts something (a waiting period, a window), what the other reading of the missing
    day would give, and the date that meets both readings; None for a deadline, whose earlier end meets both."""
    other = days_after(last, 1)
    lead = (f"The reading of a missing day matters here. This period ends on {long_date(last)}, the last day of the "
            f"month. Read the other way, the missing day is {long_date(other)}, and the period ends then.")
    if kind == "waiting-period":
        later = days_after(other, 1)
        return (f"{lead} The earliest day would then be {long_date(later)}, not {long_date(other)}. To meet both "
                f"readings, wait until {long_date(later)}.")
    if kind == "window":
        return f"{lead} Acting by {long_date(last)}, as given here, meets both readings."
    return None


def hour_period(start: dt.date | str, hours: int | str, basis: Basis | str = Basis.LEGISLATION) -> DeadlineResult:
    """The instant exactly `hours` elapsed hours after `start`, shown in Melbourne time (either basis)."""
    moment = parse_instant(start, "from")
    question = parse(HourPeriod, {"from": moment, "hours": hours, "basis": basis})
    begins = question.start.astimezone(MELBOURNE)
    try:
        due = (begins.astimezone(dt.UTC) + dt.timedelta(hours=question.hours)).astimezone(MELBOURNE)
    except OverflowError:
        raise InputError("from", f"{_count(question.hours, 'hour')} after {long_instant(begins)} is later than the last "
                                 f"day this tool can count to, {LAST_DAY_TEXT}") from None
    steps = [
        step(f"The period starts at {long_instant(begins)}.", MELBOURNE_TIME),
        step(f"Count the hours as they pass: {_count(question.hours, 'hour')} is exactly {question.hours * 3600:,} "
             f"seconds later. Weekends and public holidays do not make it longer."),
    ]
    before, after = begins.utcoffset(), due.utcoffset()  # both set: Melbourne instants
    if before is not None and after is not None and before != after:
        change = "began during the period: clocks went forward an hour" if after > before else \
            "ended during the period: clocks went back an hour"
        steps.append(step(f"Daylight saving {change}. So Melbourne time moves from UTC{begins.isoformat()[-6:]} "
                          f"to UTC{due.isoformat()[-6:]}.", MELBOURNE_TIME))
    steps.append(step(f"The period ends at {long_instant(due)}."))
    holidays = calendar()
    return DeadlineResult(
        due=due, start=begins, period_ends=due, period=question.hours, unit="hours", basis=question.basis,
        convention=HOURS_CONVENTION, explanation=steps, warnings=[],
        dataset_version=RELEASE_VERSION, as_at=holidays.as_at,
    )


@contextmanager
def start_called(field: str) -> Iterator[None]:
    """Errors a convention raises about its start (its field "from") name the caller's field for it instead."""
    try:
        yield
    except InputError as error:
        if error.field != "from":
            raise
        raise error.renamed(field) from None


def days_after(day: dt.date, days: int, field: str = "from") -> dt.date:
    """The day `days` days after `day`; an InputError naming `field` past the calendar's last day."""
    if days > (dt.date.max - day).days:
        raise InputError(field, f"{_count(days, 'day')} after {long_date(day)} is later than the last day this tool can "
                                f"count to, {LAST_DAY_TEXT}")
    return day + dt.timedelta(days=days)


def add_months(day: dt.date, months: int, field: str = "from") -> dt.date:
    """The corresponding date `months` later, or the last day of that month when it has no such day."""
    year, month_index = divmod(day.month - 1 + months, 12)
    year += day.year
    if year > dt.MAXYEAR:
        raise InputError(field, f"{_count(months, 'month')} after {long_date(day)} is later than the last day this tool can "
                                f"count to, {LAST_DAY_TEXT}")
    last_day = month_calendar.monthrange(year, month_index + 1)[1]
    return dt.date(year, month_index + 1, min(day.day, last_day))


def add_years(day: dt.date, years: int, field: str = "from") -> tuple[dt.date, bool]:
    """The corresponding day `years` later, read as 12 × `years` months (add_months): 29 February in a common year
    becomes 28 February. Says whether the day was missing."""
    if day.year + years > dt.MAXYEAR:
        raise InputError(field, f"{_count(years, 'year')} after {long_date(day)} is later than the last day this tool can "
                                f"count to, {LAST_DAY_TEXT}")
    later = add_months(day, 12 * years, field)
    return later, later.day != day.day


def _count(number: int, unit: str) -> str:
    return f"{number} {unit}" if number == 1 else f"{number} {unit}s"


def convention_name(name: str, basis: Basis | str, kind: str = "deadline") -> str:
    """How a period is counted, in words: the convention's name and what its basis and kind do to the last day.

    The one wording every result, checklist and table gives, so a rule's counting is never described twice."""
    basis = Basis(basis)
    if kind == "waiting-period":
        return f"{name} (waiting period: from the day after the period ends; no roll-over)"
    if kind != "deadline":
        return f"{name} ({kind.replace('-', ' ')}: no roll-over)"
    if basis is Basis.LEGISLATION:
        return f"{name} (legislation: {ILA_S44})"
    return f"{name} (protocol or guideline: no roll-over for weekends or holidays)"


def first_day_elapsed(last: dt.date) -> dt.date:
    """The first day on which a period whose last day is `last` has elapsed: the next day.

    The one convention for "after N has elapsed" (reg 43(1)(a)(i), records retention): the day of the event is not
    counted, so the period runs to the end of its last day, and only on the following day has it elapsed."""
    return days_after(last, 1)


def elapsed_step(last: dt.date, basis: Basis) -> Step:
    """The working for a waiting period: when the period has elapsed, and why that is the day after its last day."""
    why = ("The day of the event is not counted, so the period runs to the end of that day."
           if basis is Basis.LEGISLATION else
           "The period runs to the end of that day: the reading that is never early.")
    return step(f"The period's last day is {long_date(last)}. {why} Something allowed only after the period has "
                f"passed may be done from the next day, {long_date(first_day_elapsed(last))}.",
                ILA_S44 if basis is Basis.LEGISLATION else None)


def is_business_day(day: dt.date, holidays: HolidayCalendar) -> bool:
    """Not a Saturday, Sunday or Victorian public holiday."""
    return day.weekday() < 5 and not holidays.holidays_on(day)


def _describe(day: dt.date, holidays: HolidayCalendar) -> str:
    names = ", ".join(holiday.name for holiday in holidays.holidays_on(day))
    return f"{long_date(day)}, {names}" if names else long_date(day)


def _why_not(day: dt.date, holidays: HolidayCalendar) -> str:
    names = " and ".join(holiday.name for holiday in holidays.holidays_on(day))
    if names:
        return f"{long_date(day)} is {names}, a public holiday"
    return f"{long_date(day)} is a weekend day"


def _finish(start: dt.date, last: dt.date, period: int, unit: str, basis: Basis, steps: list[Step],
            holidays: HolidayCalendar, name: str, kind: str = "deadline", written_in: str | None = None,
            caveat: str | None = None, written_words: str | None = None) -> DeadlineResult:
    """Apply the basis to the period's last day: roll it forward under s 44, or leave it where it falls.

    `written_in` cites the protocol or guideline that sets a protocol period: its date stands as written, and that
    is cited rather than s 44, which governs Acts and subordinate instruments only. `caveat`, a warning the
    period's counting gave (a missing corresponding day); `written_words`, the protocol's words where the dataset
    does not hold them."""
    warnings: list[str] = [caveat] if caveat else []
    if basis is Basis.LEGISLATION and kind == "deadline":
        holidays.check_covered(start, "from")
        holidays.check_covered(last, "from")
        due = last
        skipped: list[dt.date] = []
        while not is_business_day(due, holidays):
            skipped.append(due)
            due += dt.timedelta(days=1)
            holidays.check_covered(due, "from")
        if skipped:
            reasons = " ".join(f"{_why_not(day, holidays)}." for day in skipped)
            steps.append(step(f"{reasons} An Act or regulation sets this time limit. So when it ends on a weekend "
                              f"or public holiday, it moves to the next day that is neither.",
                              f"{ILA_S44}; {HOLIDAYS_ACT}"))
        else:
            steps.append(step(f"{long_date(due)} is not a weekend or public holiday, so the period ends that day.",
                              ILA_S44))
        warnings.extend(_caveats(skipped, due, holidays))
    else:
        due = last
        if kind == "waiting-period":
            steps.append(elapsed_step(last, basis))
            due = first_day_elapsed(last)
        moved = "the day does not move" if kind == "waiting-period" else "the period is not extended"
        landing = "" if is_business_day(due, holidays) else f"{_why_not(due, holidays)}, but {moved}. "
        if kind == "waiting-period":
            why = ("This is the earliest day to act, not a last day to act. So it does not move for weekends or "
                   "holidays.")
        elif basis is Basis.LEGISLATION:
            why = (f"This is a {kind.replace('-', ' ')}, not a time limit for doing a thing. So it does not move for "
                   f"weekends or holidays.")
        else:
            why = ("A protocol or guideline sets this deadline, not an Act or regulation. So it ends on the day it "
                   "falls. Only a time limit in an Act or regulation moves past weekends and holidays.")
        steps.append(Step(text=f"{landing}{why}", citation=_why_not_moved_cited(basis, written_in), quote=written_words))
    convention = convention_name(name, basis, kind)
    ending = (f"The earliest day is {long_date(due)}." if kind == "waiting-period" else
              f"The period ends on {long_date(due)}.")
    steps.append(step(ending))
    return DeadlineResult(
        due=due, start=start, period_ends=last, period=period, unit=unit, basis=basis, convention=convention,
        explanation=steps, warnings=warnings, dataset_version=RELEASE_VERSION, as_at=holidays.as_at,
    )


def _why_not_moved_cited(basis: Basis, written_in: str | None) -> str:
    """The citation for a date that does not move: s 44 for a period in legislation; for a protocol's, the protocol
    (its period as written), or, when none is named, s 44's reach, which ends at Acts and subordinate instruments."""
    if basis is Basis.LEGISLATION:
        return f"{ILA_S44} (time limited by an Act or subordinate instrument)"
    if written_in is not None:
        return f"{written_in}{AS_WRITTEN}"
    return ILA_S44_SCOPE


def _caveats(skipped: list[dt.date], due: dt.date, holidays: HolidayCalendar) -> list[str]:
    """Warnings for holidays the result relied on, for an unannounced Grand Final Friday on the due date, and for
    holidays computed from the Act's rules rather than recorded."""
    caveats = [holiday.caveat for day in skipped for holiday in holidays.holidays_on(day) if holiday.caveat]
    if due.weekday() == 4 and due.month in (9, 10) and due.year in holidays.estimated_years:
        caveats.append(
            f"The Friday before the AFL Grand Final in {due.year} is not yet fixed. If it falls on "
            f"{long_date(due)}, that day is a public holiday and this period ends on the next business day."
        )
    caveats.extend(holidays.computed_warnings([*skipped, due]))
    return list(dict.fromkeys(caveats))
