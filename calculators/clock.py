"""Victorian legal time: Melbourne's zone, today's date there, and instants read without guessing."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from zoneinfo import ZoneInfo

from .errors import InputError, shown
from .types import MONTH_NAMES, real_date

MELBOURNE = ZoneInfo("Australia/Melbourne")
STANDARD_TIME_FROM = dt.datetime(1895, 1, 31, 14, 20, 8, tzinfo=dt.UTC)
"""Melbourne's first instant on standard time: until midnight starting 1 February 1895 its clocks kept local
mean time, UTC+09:39:52 (IANA time zone database, Australia/Melbourne). Hours are counted only from then."""
_BEFORE_STANDARD_TIME = ("is before Melbourne's standard time began, at 00:20:08 on 1 February 1895: until then "
                         "its clocks kept local mean time (UTC+09:39:52; IANA time zone database, "
                         "Australia/Melbourne), and this tool counts hours only in standard time")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?")


class RepeatedTime(InputError):
    """A Melbourne clock time given without an offset that happened twice (clocks went back): which is meant?"""

    def __init__(self, field: str, message: str, local: dt.datetime) -> None:
        super().__init__(field, message)
        self.local = local
        """The clock time as given (naive): it happened at `local` daylight time, then an hour later standard time."""


class SkippedTime(InputError):
    """A Melbourne clock time given without an offset that did not happen (clocks went forward past it)."""

    def __init__(self, field: str, message: str, local: dt.datetime) -> None:
        super().__init__(field, message)
        self.local = local


def today_in_melbourne() -> dt.date:
    """Today's date in Victoria."""
    return dt.datetime.now(MELBOURNE).date()


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = MONTH_NAMES


def weekday_name(day: dt.date) -> str:
    """'Friday', whatever the machine's locale."""
    return _WEEKDAYS[day.weekday()]


def month_year(day: dt.date) -> str:
    """'April 2025', whatever the machine's locale."""
    return f"{_MONTHS[day.month - 1]} {day.year}"


@lru_cache(maxsize=8192)
def long_date(day: dt.date) -> str:
    """'Friday 18 April 2025', whatever the machine's locale (cached: deadlines name the same days often)."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def long_instant(moment: dt.datetime) -> str:
    """'Sunday 6 April 2025, 08:00 AEST (UTC+10:00)' in Melbourne time."""
    local = moment.astimezone(MELBOURNE)
    clock = f"{local:%H:%M:%S}" if local.second or local.microsecond else f"{local:%H:%M}"
    offset = local.isoformat()[-6:]
    return f"{long_date(local.date())}, {clock} {local.tzname()} (UTC{offset})"


def parse_instant(value: object, field: str) -> dt.datetime:
    """A timezone-aware instant from a datetime or an ISO 8601 string; a local time without an offset
    is Melbourne time, and is refused when Melbourne skipped it or saw it twice."""
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, str) and _DATETIME.fullmatch(value.strip()):
        text = value.strip()
        try:
            real_date(int(text[:4]), int(text[5:7]), int(text[8:10]))
            if int(text[11:13]) > 23 or int(text[14:16]) > 59 or (len(text) > 17 and text[16] == ":" and int(text[17:19]) > 59):
                raise ValueError("not a real time of day: hours run 00-23 and minutes and seconds 00-59")
            moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError as exc:
            raise InputError(field, f"{exc} (got {shown(value)})") from None
    elif isinstance(value, (str, dt.date)):
        raise InputError(field, f"an hour period needs a date and time, e.g. 2025-04-05T09:00 (got {shown(str(value))})")
    else:
        raise InputError(field, f"expected a date and time, e.g. 2025-04-05T09:00 (got {shown(value)})")
    if moment.tzinfo is None:
        if moment < STANDARD_TIME_FROM.astimezone(MELBOURNE).replace(tzinfo=None):
            raise InputError(field, f"{moment.isoformat(timespec='minutes')} {_BEFORE_STANDARD_TIME}")
        return _melbourne_local(moment, field)
    try:
        local = moment.astimezone(MELBOURNE)
    except OverflowError:
        raise InputError(field, f"{moment.isoformat()} is outside the times this tool can count in, from 1 February "
                                f"1895 to 31 December 9999 in Melbourne") from None
    if local < STANDARD_TIME_FROM:
        raise InputError(field, f"{moment.isoformat()} {_BEFORE_STANDARD_TIME}")
    return local


def _melbourne_local(naive: dt.datetime, field: str) -> dt.datetime:
    first, second = naive.replace(tzinfo=MELBOURNE, fold=0), naive.replace(tzinfo=MELBOURNE, fold=1)
    if first.utcoffset() == second.utcoffset():
        return first
    shown = naive.isoformat(timespec="minutes")
    round_trip = first.astimezone(dt.UTC).astimezone(MELBOURNE).replace(tzinfo=None)
    if round_trip != naive:
        raise SkippedTime(
            field,
            f"{shown} does not exist in Melbourne: daylight saving began that night and clocks went forward "
            f"from 02:00 to 03:00, so no time from 02:00 to 02:59 was shown. Give the time with its UTC offset "
            f"(e.g. {naive.date().isoformat()}T03:30+11:00) or a time outside that hour",
            naive,
        )
    raise RepeatedTime(
        field,
        f"{shown} happened twice in Melbourne: daylight saving ended that night and clocks went back from "
        f"03:00 to 02:00. Add the UTC offset: {shown}+11:00 for the first time (daylight time, AEDT) or "
        f"{shown}+10:00 for the second (standard time, AEST)",
        naive,
    )
