"""Calendar files (iCalendar, RFC 5545) for due dates: one event each, in Australia/Melbourne time.

A date-only deadline is an all-day event on that day; a deadline at an instant is an event at that local
time, with a VTIMEZONE built from the time zone database for the years the events fall in (so a calendar
that does not know the zone still shows the right time). The description carries the provision and the
working, so the event explains itself when it comes up.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from .clock import MELBOURNE

PRODID = "-//Victorian Obligations Toolkit//Calculators//EN"
ZONE = "Australia/Melbourne"


def escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def fold(line: str) -> str:
    """A content line folded at 75 octets (RFC 5545 3.1), never inside a UTF-8 character."""
    parts: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > (75 if not parts else 74):
            parts.append(current)
            current, size = "", 0
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _offset(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


LAST_INSTANT = dt.datetime(dt.MAXYEAR, 12, 31, 12, tzinfo=dt.UTC)
"""23:00 on 31 December 9999 in Melbourne (daylight time, UTC+11:00): Python has no instant an hour later there."""


def offset_at(moment: dt.datetime) -> dt.timedelta:
    """Melbourne's UTC offset at an instant."""
    return moment.astimezone(MELBOURNE).utcoffset() or dt.timedelta(0)


def transitions(first_year: int, last_year: int) -> list[tuple[dt.datetime, dt.timedelta, dt.timedelta, str]]:
    """Melbourne's clock changes in these years: (UTC instant, offset before, offset after, name after)."""
    found: list[tuple[dt.datetime, dt.timedelta, dt.timedelta, str]] = []
    moment = dt.datetime(first_year, 1, 1, tzinfo=dt.UTC)
    end = dt.datetime(last_year + 1, 1, 1, tzinfo=dt.UTC) if last_year < dt.MAXYEAR else LAST_INSTANT
    while moment < end:
        step = min(dt.timedelta(days=1), end - moment)
        before, after = offset_at(moment), offset_at(moment + step)
        if before != after:
            low, high = moment, moment + step
            while high - low > dt.timedelta(minutes=1):
                middle = low + (high - low) / 2
                low, high = (middle, high) if offset_at(middle) == before else (low, middle)
            high = high.replace(second=0, microsecond=0)
            found.append((high, before, after, high.astimezone(MELBOURNE).tzname() or ""))
        moment += step
    return found


def vtimezone(years: set[int]) -> list[str]:
    """The VTIMEZONE for Melbourne covering these years (and the one before, for the offset in force at 1 January)."""
    lines = ["BEGIN:VTIMEZONE", f"TZID:{ZONE}"]
    changes = transitions(min(years) - 1, max(years))
    if not changes:  # a zone without daylight saving in these years: one standard observance
        january = dt.datetime(min(years), 1, 1, tzinfo=MELBOURNE)
        changes = [(january, offset_at(january), offset_at(january), january.tzname() or "")]
    for instant, before, after, name in changes:
        kind = "DAYLIGHT" if after > before else "STANDARD"
        local = (instant + before).replace(tzinfo=None)
        lines += [f"BEGIN:{kind}", f"DTSTART:{local:%Y%m%dT%H%M%S}", f"TZOFFSETFROM:{_offset(before)}",
                  f"TZOFFSETTO:{_offset(after)}", f"TZNAME:{name}", f"END:{kind}"]
    return lines + ["END:VTIMEZONE"]


def ics(events: list[dict[str, Any]], as_at: str | None = None, dataset_version: str | None = None,
        now: dt.datetime | None = None) -> str:
    """An iCalendar file with one VEVENT per event ({title, due, provision, working}), CRLF line endings."""
    stamp = _stamp(now or dt.datetime.now(dt.UTC))
    body: list[str] = []
    years: set[int] = set()
    for event in events:
        due = event["due"]
        uid = hashlib.sha256(f"{event['title']}|{due}|{event['provision']}".encode()).hexdigest()[:24]
        description = [f"Provision: {event['provision']}", "", "How this was worked out:",
                       *[f"- {line}" for line in event["working"] if line]]
        if as_at or dataset_version:
            description += ["", f"Law as at {as_at}; dataset {dataset_version}. Not legal advice: check the "
                                "authorised text."]
        body += ["BEGIN:VEVENT", f"UID:{uid}@victorian-obligations-toolkit", f"DTSTAMP:{stamp}"]
        if len(due) == 10:
            day = dt.date.fromisoformat(due)
            body += [f"DTSTART;VALUE=DATE:{day:%Y%m%d}", f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}"]
        else:
            local = dt.datetime.fromisoformat(due).astimezone(MELBOURNE)
            years.add(local.year)
            body.append(f"DTSTART;TZID={ZONE}:{local:%Y%m%dT%H%M%S}")  # no DTEND: a moment (RFC 5545 3.6.1)
        body += [f"SUMMARY:{escape(event['title'])}", f"DESCRIPTION:{escape(chr(10).join(description))}",
                 "TRANSP:TRANSPARENT", "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-P1D",
                 f"DESCRIPTION:{escape('Due tomorrow: ' + event['title'])}", "END:VALARM", "END:VEVENT"]
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    if years:
        lines += vtimezone(years)
    lines += body + ["END:VCALENDAR"]
    return "".join(fold(line) + "\r\n" for line in lines)
