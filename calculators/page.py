"""The page layer: what a calculator page says first, its calendar events, and errors in the page's words.

`web.run_json` adds `present(...)` to every result and `plain_error(...)` to every error. Nothing here states
law: each sentence is built from the result's own figures and the dataset's own titles; the working and the
citations stay in the result.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from . import dataset
from .clock import MELBOURNE, RepeatedTime, SkippedTime, long_date
from .errors import InputError
from .ics import ics, offset_at

KINDS = {"maximum": "Maximum penalty", "infringement": "Infringement penalty"}
OFFENDERS = {"individual": "an individual", "body-corporate": "a body corporate"}
ACTION_VERBS = ("Notify", "Give", "Tell", "Send", "Apply", "Publish", "Report", "Keep", "Destroy", "Make", "Lodge")

# What each form field is called on its page, as the label asks for it ("Enter {noun}").
FIELDS: dict[str, dict[str, str]] = {
    "penalty": {"units": "how many penalty units", "offence": "the offence", "offender": "who committed the offence",
                "kind": "which penalty", "on": "the date"},
    "deadline": {"from": "when the event happened", "days": "how many days", "hours": "how many hours",
                 "months": "how many months", "day-of-next-month": "which day of the month", "rule": "the rule",
                 "basis": "what sets the deadline"},
    "notify": {"trigger": "what happened", "at": "when it happened", "concluded": "when it concluded"},
    "obligations": {"event": "what happened", "on": "the date the clock started", "list": "what happened"},
    "check": {"checklist": "the question you need answered", "answer": "the answer"},
    "retention": {"completed": "when the action was completed", "born": "the client's date of birth"},
}
CHOSEN = {"offence", "offender", "kind", "rule", "trigger", "event", "list", "checklist", "basis"}
"""Fields the reader picks from a list rather than types: a missing one is 'Select', not 'Enter'."""
DATES = {"on", "completed", "born", "from", "at", "concluded"}
_FLAG = re.compile(r"`?python -m calculators[^`;]*`?|--([a-z][a-z0-9-]*)")


def _when(value: str) -> tuple[str, dt.datetime | None]:
    """'Tuesday 22 April 2025' for a date; '9 am Sunday 6 April 2025' for an instant (Melbourne time)."""
    if len(value) == 10:
        return long_date(dt.date.fromisoformat(value)), None
    moment = dt.datetime.fromisoformat(value).astimezone(MELBOURNE)
    if moment.hour == 0 and moment.minute == 0:  # "12 midnight Monday" is read as the end of Monday: say which
        return f"midnight at the end of {long_date(moment.date() - dt.timedelta(days=1))}", moment
    return f"{clock_time(moment)} {long_date(moment.date())}", moment


def clock_time(moment: dt.datetime) -> str:
    """'9 am', '10:30 pm', '12 noon', '12 midnight': the time as people say it."""
    if moment.hour == 12 and moment.minute == 0:
        return "12 noon"
    if moment.hour == 0 and moment.minute == 0:
        return "12 midnight"
    hour = moment.hour % 12 or 12
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minutes} {'am' if moment.hour < 12 else 'pm'}"


def _change_between(start: dt.datetime, end: dt.datetime) -> tuple[dt.datetime, dt.timedelta] | None:
    """When Melbourne's clocks changed between two instants (UTC, to the minute) and its offset before; None when
    they did not."""
    start, end = start.astimezone(dt.UTC), end.astimezone(dt.UTC)
    before = offset_at(start)
    if offset_at(end) == before:
        return None
    low, high = start, end  # the change is the first instant whose offset differs: find it to the minute
    while high - low > dt.timedelta(minutes=1):
        middle = low + (high - low) / 2
        low, high = (middle, high) if offset_at(middle) == before else (low, middle)
    return high.replace(second=0, microsecond=0), before


def clock_change(start: dt.datetime, end: dt.datetime) -> str | None:
    """'clocks go back at 3 am on Sunday 6 April' (or '… that day') when daylight saving starts or ends in between."""
    found = _change_between(start, end)
    if found is None:
        return None
    changed, before = found
    old_clock = (changed + before).replace(tzinfo=None)
    direction = "back" if offset_at(changed) < before else "forward"
    shown_end = end.astimezone(MELBOURNE)
    if shown_end.hour == 0 and shown_end.minute == 0:  # midnight is said as the end of the day before
        shown_end -= dt.timedelta(minutes=1)
    same_day = old_clock.date() == shown_end.date()
    day = long_date(old_clock.date()).rsplit(" ", 1)[0]
    shown = f"{clock_time(old_clock)}{' that day' if same_day else ' on ' + day}"
    return f"clocks go {direction} at {shown}"


def _instant_headline(action: str, due: str, start: str | None) -> str:
    when, moment = _when(due)
    sentence = f"{action} by {when}"
    if moment is not None and start and len(start) > 10:
        change = clock_change(dt.datetime.fromisoformat(start), moment)
        if change:
            sentence += f" ({change})"
    return sentence + "."


def _action(title: str, due: str, start: str | None = None) -> str:
    """'Notify a change … by Tuesday 29 April 2025.' for a title that is already an action, else 'Due by …: title.'."""
    if title.split(" ", 1)[0] in ACTION_VERBS:
        return _instant_headline(title.rstrip("."), due, start)
    return f"Due by {_when(due)[0]}: {title.rstrip('.')}."


def headline(command: str, result: dict[str, Any]) -> str:
    """The answer in one sentence a person can act on; the caveats and the working follow it on the page."""
    if command == "penalty":
        estimate = "" if result.get("unit_value_recorded", True) else " (estimate)"
        dollars = f"${result['rounded']:,}{estimate}"
        if "kind" in result:
            return f"{KINDS[result['kind']]} for {OFFENDERS[result['offender']]}: {dollars}"
        units = result["units"]
        return f"{units} penalty unit{'' if units == '1' else 's'}: {dollars}"
    if command == "deadline":
        if result.get("rule"):
            if result.get("kind") == "deadline":
                return _action(result["title"], result["due"], result.get("start"))
            return f"{result['title']}: {_when(result['due'])[0]}."
        length = {"days": "day", "hours": "hour", "months": "month", "years": "year"}.get(result["unit"])
        period = f"the {result['period']}-{length} period" if length else "the period"
        when, moment = _when(result["due"])
        if moment is None:
            return f"Act by the end of {when}: {period} ends that day."
        change = clock_change(dt.datetime.fromisoformat(result["start"]), moment)
        return f"Act by {when}, when {period} ends" + (f" ({change})" if change else "") + "."
    if command == "notify":
        if not result.get("due"):
            return result.get("no_due_reason") or f"{result['name']}: no due time is set; see below."
        return _instant_headline("Notify IMHA", result["due"], result.get("at"))
    if command == "obligations":
        dated = sorted((o for o in result["obligations"] if o.get("due")), key=lambda o: o["due"])
        if result.get("next_question"):
            return f"Answer the question to see which of {len(result['obligations'])} time limits apply."
        if not dated:
            if result.get("ruled_out"):
                return "On your answers, none of this event's time limits applies."
            return "No deadline follows from this event on its own; see below."
        first = dated[0]
        if first.get("kind", "deadline") == "deadline":
            sentence = _action(first["title"], first["due"])
        else:  # a waiting period's earliest day, or a window's last day: not a time to act by
            sentence = f"{first['title']}: {first['date_label'].lower()} {_when(first['due'])[0]}."
        more = len(dated) - 1
        if more and any(o.get("applies") == "may" for o in dated):
            sentence += f" {more} more deadline{'s' if more > 1 else ''} may apply: see which below."
        elif more:
            sentence += f" {more} more deadline{'s' if more > 1 else ''} also appl{'y' if more > 1 else 'ies'}: see below."
        return sentence
    if command == "check":
        return result.get("label") or "Not decided yet: answer the next question."
    if command == "retention":
        return f"You may destroy the record from {long_date(dt.date.fromisoformat(result['earliest_destruction']))}, not before."
    return ""


def events(command: str, result: dict[str, Any]) -> list[dict[str, Any]]:
    """The due dates a reader may add to a calendar: title, due (date or instant), provision, and the working."""
    working = [f"{step['text']}" + (f" ({step['citation']})" if step.get("citation") else "")
               for step in result.get("explanation", [])]
    if command == "deadline" and result.get("kind", "deadline") == "deadline":
        title = result.get("title") or f"Deadline: {result['period']} {result['unit']} after {_when(result['start'])[0]}"
        return [{"title": title, "due": result["due"], "provision": result.get("citation") or result["convention"],
                 "working": working}]
    if command == "notify" and result.get("due"):
        return [{"title": f"Notify IMHA: {result['name']}", "due": result["due"], "provision": result["citation"],
                 "working": working}]
    if command == "obligations":
        return [{"title": o["title"], "due": o["due"], "provision": o["citation"],
                 "working": [o.get("applies_when") or ""] + [
                     s["text"] + (f" ({s['citation']})" if s.get("citation") else "") for s in o.get("explanation", [])]}
                for o in result["obligations"] if o.get("due") and o.get("kind", "deadline") == "deadline"]
    return []


def present(command: str, result: dict[str, Any] | list[Any]) -> dict[str, Any] | None:
    """What the page shows first, and the calendar file of its due dates (or null when it has none)."""
    if not isinstance(result, dict):
        return None
    due = events(command, result)
    return {"headline": headline(command, result), "events": due, "screening": screening(command, result),
            "calendar": ics(due, result.get("as_at"), result.get("dataset_version")) if due else None}


def screening(command: str, result: dict[str, Any]) -> dict[str, Any] | None:
    """The checklist that sorts out which of several deadlines applies, when the event names one."""
    if command != "obligations" or not result.get("checklist"):
        return None
    checklist = dataset.load("checklists").by_id(result["checklist"])
    return {"checklist": checklist.id, "title": checklist.title} if checklist else None


def _noun(command: str, field: str) -> str:
    return FIELDS.get(command, {}).get(field, "this answer")


def repeated_time(local: dt.datetime) -> dict[str, Any]:
    """The follow-up question for a clock time Melbourne saw twice (the night daylight saving ends): which of the
    two is meant, each choice an offset to add to the time. Never one picked silently."""
    first, second = local.replace(tzinfo=MELBOURNE, fold=0), local.replace(tzinfo=MELBOURNE, fold=1)
    gap = int((first.utcoffset() - second.utcoffset()) / dt.timedelta(minutes=1))  # type: ignore[operator]
    later = "an hour later" if gap == 60 else f"{gap} minutes later"
    said = clock_time(local)
    return {
        "for": local.isoformat(timespec="minutes"),
        "legend": f"Which {said} on {long_date(local.date())}?",
        "hint": f"Daylight saving ended that night: clocks went back {_from_to(first)}. So {said} happened twice.",
        "choices": [
            {"value": first.isoformat()[-6:], "label": f"{said} {first.tzname()} (the first time)"},
            {"value": second.isoformat()[-6:], "label": f"{said} {second.tzname()} (the second time, {later})"},
        ],
    }


def _from_to(near: dt.datetime) -> str:
    """'from 3 am to 2 am': the clock times either side of Melbourne's clock change within three hours of `near`."""
    found = _change_between(near - dt.timedelta(hours=3), near + dt.timedelta(hours=3))
    if found is None:  # not reached: parse_instant calls a time repeated or skipped only beside a change
        return "an hour"
    changed, before = found
    old, new = (changed + before).replace(tzinfo=None), (changed + offset_at(changed)).replace(tzinfo=None)
    return f"from {clock_time(old)} to {clock_time(new)}"


def _skipped_time(local: dt.datetime) -> str:
    """Why a clock time did not happen in Melbourne (the night daylight saving begins), in one short sentence."""
    return (f"There was no {clock_time(local)} on {long_date(local.date())}: clocks went forward "
            f"{_from_to(local.replace(tzinfo=MELBOURNE))}")


def plain_error(command: str, field: str | None, message: str, error: InputError | None = None) -> dict[str, Any]:
    """The error as the page says it: the field named as its label asks for it, never a flag or a command.

    A clock time that happened twice comes with the question that settles which (`offsets`, for the date field's
    follow-up radios); a time that never happened names the Time box (`part`)."""
    if isinstance(error, RepeatedTime):
        return {"field": field, "part": "offset", "message": f"Select which {clock_time(error.local)} you mean",
                "offsets": repeated_time(error.local)}
    if isinstance(error, SkippedTime):
        return {"field": field, "part": "time", "message": _skipped_time(error.local)}
    nouns = FIELDS.get(command, {})
    missing = re.search(r"one of the arguments (.*) is required|arguments are required: (.*)|needs (--[a-z-]+)", message)
    if missing:
        named = [name for name in re.findall(r"--([a-z][a-z0-9-]*)", next(g for g in missing.groups() if g))
                 if name in nouns and name != "list"]
        if "needs" in missing.group(0):
            named = [named[0]] if named else []
        field = named[0] if named else field
        noun = _noun(command, field or "")
        verb = "Select" if field in CHOSEN else "Enter"
        return {"field": field, "message": f"{verb} {noun}"}
    noun = _noun(command, field or "")
    if "valid decimal" in message or "valid integer" in message or "valid number" in message:
        return {"field": field, "message": f"Enter {noun} as a number, like 6 or 1.5"
                if field == "units" else f"Enter {noun} as a whole number, like 7"}
    if "greater than" in message or "less than" in message:
        return {"field": field, "message": f"Enter {noun} as a number above 0" if "greater than 0" in message
                else f"{noun[0].upper()}{noun[1:]}: {message.split(' (got')[0].lower()}"}
    if field in DATES and ("not a real date" in message or "Input should be a valid date" in message):
        return {"field": field, "message": "Date must be a real date"}
    if field in DATES and "needs a date and time" in message:
        return {"field": field, "message": "Enter a time as well as the date"}
    if message.startswith(("no offence ", "no deadline rule", "no trigger event", "no provider event",
                           "no checklist")):
        return {"field": field, "message": f"Select {noun} from the list"}
    text = _FLAG.sub(lambda match: _noun(command, match.group(1)) if match.group(1) else "", message)
    text = re.sub(r"\s*;\s*$|\s+\(\s*\)", "", text).strip()
    text = re.sub(r"\(got '([^']*)'\)", r"(you entered ‘\1’)", text)
    return {"field": field, "message": text[0].upper() + text[1:] if text else f"Check {noun}"}
