"""Victoria's public holidays in a year, computed from the Public Holidays Act 1993 (Vic) s 6 as it now stands.

For the years after those the dataset records. Each paragraph of s 6 is one rule below, with the Act's words; the
rules are the ones python-holidays applies for Victoria (`holidays.Australia(subdiv="VIC")`), and
tests/test_public_holidays.py checks every year to LAST_YEAR against it. A day the Minister appoints or substitutes
(ss 7, 8) cannot be computed, and the Friday before the AFL Grand Final is an estimate until the date is announced.
The words quoted are s 6 as consolidated on AustLII (http://www.austlii.edu.au/au/legis/vic/consol_act/pha1993163/s6.html)
with paragraphs (fa), (ia), (k) and (ka) as the Public Holidays Amendment Act 2019 (No. 29 of 2019) s 3 inserted or
substituted them (http://www.austlii.edu.au/au/legis/vic/num_act/phaa201929o2019289/s3.html).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from .collections import PublicHoliday
from .models import Source

LAST_YEAR = 2100
"""The last year python-holidays computes (its default end year), so the last year checked against it."""

ACT = "Public Holidays Act 1993 (Vic)"
ACT_URL = "https://www.legislation.vic.gov.au/in-force/acts/public-holidays-act-1993"
AMENDED_2019 = "inserted or substituted by the Public Holidays Amendment Act 2019 s 3"

CUP_CAVEAT = (
    "Melbourne Cup Day is a holiday across Victoria, but a non-metropolitan council may have another day "
    "substituted for it in its district (Public Holidays Act 1993 (Vic) ss 8, 8A): check the local holiday."
)
GRAND_FINAL_CAVEAT = (
    "The Friday before the AFL Grand Final in {year} is an estimate (the day before the last Saturday in "
    "September) until the date is fixed; if the Grand Final falls on another date, this result changes."
)

MONDAY, TUESDAY, SATURDAY, SUNDAY = 0, 1, 5, 6


def easter_sunday(year: int) -> dt.date:
    """Western Easter Sunday by the Gregorian computus (the anonymous algorithm of Meeus, Jones and Butcher)."""
    golden = year % 19
    century, rest = divmod(year, 100)
    leap_centuries, century_rest = divmod(century, 4)
    moon_correction = (century - (century + 8) // 25 + 1) // 3
    epact = (19 * golden + century - leap_centuries - moon_correction + 15) % 30
    rest_quarters, rest_rest = divmod(rest, 4)
    weekday = (32 + 2 * century_rest + 2 * rest_quarters - epact - rest_rest) % 7
    shift = (golden + 11 * epact + 22 * weekday) // 451
    month, day = divmod(epact + weekday - 7 * shift + 114, 31)
    return dt.date(year, month, day + 1)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th given weekday (0 Monday ... 6 Sunday) of a month."""
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def last_weekday(year: int, month: int, weekday: int) -> dt.date:
    """The last given weekday of a month."""
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    last = following - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def next_weekday_after(day: dt.date, weekday: int) -> dt.date:
    """The first given weekday after `day` ("the Monday after 1 January")."""
    return day + dt.timedelta(days=(weekday - day.weekday() - 1) % 7 + 1)


def weekend_substitute(day: dt.date, on_saturday: int, on_sunday: int) -> dt.date | None:
    """The day after a holiday on a weekend that s 6 appoints in its place (None when it is a weekday)."""
    if day.weekday() == SATURDAY:
        return next_weekday_after(day, on_saturday)
    if day.weekday() == SUNDAY:
        return next_weekday_after(day, on_sunday)
    return None


def _new_years_substitute(year: int) -> dt.date | None:
    return weekend_substitute(dt.date(year, 1, 1), MONDAY, MONDAY)


def _australia_day(year: int) -> dt.date:
    return weekend_substitute(dt.date(year, 1, 26), MONDAY, MONDAY) or dt.date(year, 1, 26)


def _grand_final_friday_estimate(year: int) -> dt.date:
    return last_weekday(year, 9, SATURDAY) - dt.timedelta(days=1)


Rule = tuple[str, str, Callable[[int], dt.date | None]]
"""A paragraph of s 6: the holiday's name, the paragraph and its words, and the day it gives in a year (or None)."""

RULES: tuple[Rule, ...] = (
    ("New Year's Day", "s 6(a) ('1 January (New Year's Day)')", lambda year: dt.date(year, 1, 1)),
    ("New Year's Day (observed)", "s 6(b) ('the Monday after 1 January (New Year's Day) when New Year's Day is a "
     "Saturday or Sunday')", _new_years_substitute),
    ("Australia Day", "s 6(c) ('26 January (Australia Day) or the Monday after Australia Day when Australia Day "
     "is a Saturday or Sunday')", _australia_day),
    ("Labour Day", "s 6(d) ('the second Monday in March (Labour Day)')",
     lambda year: nth_weekday(year, 3, MONDAY, 2)),
    ("Good Friday", "s 6(e) ('Good Friday')", lambda year: easter_sunday(year) - dt.timedelta(days=2)),
    ("Easter Saturday", "s 6(f) ('the Saturday before Easter Sunday')",
     lambda year: easter_sunday(year) - dt.timedelta(days=1)),
    ("Easter Sunday", f"s 6(fa) ('Easter Sunday'; {AMENDED_2019})", easter_sunday),
    ("Easter Monday", "s 6(g) ('Easter Monday')", lambda year: easter_sunday(year) + dt.timedelta(days=1)),
    ("ANZAC Day", "s 6(h) ('25 April (ANZAC Day)')", lambda year: dt.date(year, 4, 25)),
    ("King's Birthday", "s 6(i) ('the second Monday in June (the day on which the anniversary of the birthday of "
     "the Sovereign is observed)')", lambda year: nth_weekday(year, 6, MONDAY, 2)),
    ("Friday before the AFL Grand Final", f"s 6(ia) ('the Friday before the Australian Football League Grand "
     f"Final'; {AMENDED_2019}); the date estimated as the day before the last Saturday in September",
     _grand_final_friday_estimate),
    ("Melbourne Cup Day", "s 6(j) ('the first Tuesday in November (Melbourne Cup Day)')",
     lambda year: nth_weekday(year, 11, TUESDAY, 1)),
    ("Christmas Day", f"s 6(k) ('25 December (Christmas Day)'; {AMENDED_2019})", lambda year: dt.date(year, 12, 25)),
    ("Christmas Day (observed)", f"s 6(ka) ('the Monday after Christmas Day when Christmas Day is a Saturday or "
     f"the Tuesday after Christmas Day when Christmas Day is a Sunday'; {AMENDED_2019})",
     lambda year: weekend_substitute(dt.date(year, 12, 25), MONDAY, TUESDAY)),
    ("Boxing Day", "s 6(l) ('26 December (Boxing Day)')", lambda year: dt.date(year, 12, 26)),
    ("Boxing Day (observed)", "s 6(m) ('the Monday after 26 December (Boxing Day) when Boxing Day is a Saturday "
     "or the Tuesday after Boxing Day when Boxing Day is a Sunday')",
     lambda year: weekend_substitute(dt.date(year, 12, 26), MONDAY, TUESDAY)),
)

ESTIMATED = frozenset({"Friday before the AFL Grand Final"})
"""Holidays whose day s 6 ties to something announced each year, so a computed date is an estimate."""


def slug(text: str) -> str:
    """An id fragment: lower case words joined by hyphens ("New Year's Day" -> "new-year-s-day")."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def caveat(name: str, year: int) -> str | None:
    """The warning a result relying on this holiday must carry, if any."""
    if name == "Melbourne Cup Day":
        return CUP_CAVEAT
    if name in ESTIMATED:
        return GRAND_FINAL_CAVEAT.format(year=year)
    return None


def holidays_in(year: int) -> list[PublicHoliday]:
    """Every public holiday s 6 appoints in `year`, in date order (a day may hold two, e.g. ANZAC Day and Easter
    Monday)."""
    found = []
    for name, provision, rule in RULES:
        day = rule(year)
        if day is not None:
            found.append(PublicHoliday(
                id=f"{day.isoformat()}-{slug(name)}", date=day, name=name, estimated=name in ESTIMATED,
                caveat=caveat(name, year), source=Source(document=ACT, provision=provision, url=ACT_URL),
            ))
    return sorted(found, key=lambda holiday: holiday.date)
