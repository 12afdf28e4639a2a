"""Notification timeframes: when IMHA must be notified of a trigger event, by whom and how (IMHA protocol).

The timeframes are the protocol's (Appendix 1, Table 1): a protocol is not legislation, so they are counted
as written, in elapsed hours in Australia/Melbourne, or by the 5th of the following month, with no roll-over.
Where the protocol says IMHA receives no notification (an urgent MHT hearing on the weekend), no due time is
given and the result says what happens instead. Where data entry had to wait for the event to conclude (Table
1, note *), both times are shown and the result says which applies and why.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import AwareDatetime, Field

from . import dataset, deadlines, in_force
from .clock import MELBOURNE, long_date, long_instant, parse_instant
from .collections.trigger_events import NotificationException, TriggerEvent
from .errors import InputError, shown
from .models import Result, Step, Strict, parse
from .plain import meanings
from .types import DateOrInstant, IsoDate

CONCLUDED_NOTE = ("Appendix 1, Table 1, note *: where data entry cannot occur until after the event has concluded, "
                  "the timeframe is no more than 24 hours after the event has concluded")
NOTE_WORDS = "\u201cIn this circumstance, timeframe for data entry is no more than 24 hours after the event has concluded\u201d"
WHO = {"authorised-psychiatrist": "an authorised psychiatrist", "designated-mental-health-service":
       "the designated mental health service", "forensicare": "Forensicare, the Victorian Institute of Forensic Mental Health",
       "mht": "the Mental Health Tribunal (MHT)"}
"""Who Table 1's Responsibility column makes responsible, in plain words."""


class _EventDay(Strict):
    """The day of an event reported in a monthly list."""

    at: IsoDate


class NotificationResult(Result):
    """When the data entry (or monthly upload) is due for a trigger event, who is responsible, and how it is made."""

    trigger: str
    name: str
    at: DateOrInstant = Field(description="When the event happened (Australia/Melbourne): a date and time, or for "
                                          "an event reported in a monthly list, the date alone when only that was given.")
    due: DateOrInstant | None = Field(description="ISO 8601 with offset for hour timeframes; YYYY-MM-DD for monthly; "
                                                  "null when IMHA receives no notification (see `exception`).")
    applied: Literal["row", "concluded-note"] | None = Field(
        description="Which timeframe gave `due`: the Table 1 row's ('row'), or note *'s 24 hours after the event "
                    "concluded ('concluded-note'); null when no timeframe applies.")
    row_due: DateOrInstant | None = Field(description="When the row's timeframe, counted from the event, ends.")
    concluded_due: AwareDatetime | None = Field(
        description="With `concluded`: 24 hours after the event concluded (Table 1, note *).")
    exception: str | None = Field(description="The id of the protocol's exception that applies, if any: then IMHA "
                                              "receives no notification and `due` is null.")
    no_due_reason: str | None = Field(description="When `due` is null: why, in one line.")
    convention: str
    responsible: str
    responsibility: str
    responsible_note: str | None
    mechanism: str
    mht_notifies: bool
    sections: list[str]
    intake_response: str | None = Field(description="IMHA's indicative intake advocate response time, as written; "
                                                    "null when IMHA receives no notification.")
    citation: str


def list_triggers() -> list[dict[str, Any]]:
    """Every trigger event: id, name, mechanism, timeframe and who is responsible."""
    return [{"id": t.id, "name": t.name, "mechanism": t.mechanism, "timeframe": t.timeframe_text,
             "responsible": t.responsible, "mht_notifies": t.mht_notifies, "citation": t.source.cite()}
            for t in dataset.load("trigger-events").records]


def trigger(trigger_id: str, day: dt.date | None = None) -> TriggerEvent:
    """The trigger event with this id (its version in force on `day`, if given), or an InputError naming `trigger`."""
    triggers = dataset.load("trigger-events")
    record: TriggerEvent | None = triggers.by_id(trigger_id) if day is None else triggers.version_on(trigger_id, day)
    if record is None:
        raise InputError("trigger", f"no trigger event {shown(trigger_id)} in the dataset; choose one of the listed events")
    return record


def notification_due(trigger_id: str, at: dt.datetime | str, concluded: dt.datetime | str | None = None) -> NotificationResult:
    """When IMHA's notification of this event is due, counted from the event (and from when it concluded)."""
    moment = _when_it_happened(trigger(trigger_id), at)
    day = moment.astimezone(MELBOURNE).date() if isinstance(moment, dt.datetime) else moment
    event = trigger(trigger_id, day)
    if event.timeframe_hours is not None and not isinstance(moment, dt.datetime):
        moment = parse_instant(at, "at")  # refused: an hour timeframe needs a date and time
    dated = in_force.require(f"the duty to notify IMHA of this event ({event.name})", event.in_force, day, "at",
                             called="this duty to notify IMHA")
    named = f"\u201c{event.name}\u201d"
    steps = [Step(text=f"Table 1 of the protocol lists the events that Independent Mental Health Advocacy (IMHA) is "
                       f"told about. This event is {named}. {meanings(named)} It happened {_when_text(moment)}."
                       .replace(".  ", ". "), citation=event.source.cite()),
             Step(text=f"Who is responsible: {WHO[event.responsible]}. The protocol says: "
                       f"\u201c{event.responsibility}\u201d", citation=event.source.cite()), dated]
    if event.responsible_note:
        steps.append(Step(text=f"Who sends it: {event.responsible_note}", citation=event.source.cite()))
    warnings: list[str] = []
    if event.mht_notifies:
        steps.append(Step(text="The Mental Health Tribunal tells IMHA about hearings, not the health service. It uses "
                               "the MHT – IMHA data transfer.", citation=event.source.cite()))
    due: dt.date | None  # an instant (a datetime) for hour timeframes, a day for monthly ones
    timing: dict[str, Any] = {"row_due": None, "concluded_due": None, "exception": None, "no_due_reason": None}
    exception = _exception_on(event, day)
    if exception is not None:
        if concluded is not None:
            assert isinstance(moment, dt.datetime)  # exceptions are of hour timeframes, which take an instant
            _concluded_after(moment, concluded)
        steps += _no_notification(exception, day)
        warnings.append(f"{exception.circumstance[:1].upper()}{exception.circumstance[1:]}: {exception.instead} The "
                        f"protocol sets no time for that, so no due time is given ({exception.source.provision}).")
        due, applied, convention, intake = None, None, "none: IMHA receives no notification", None
        timing.update(exception=exception.id, no_due_reason=f"No notification to IMHA: {exception.circumstance}.")
    elif event.timeframe_hours is not None:
        assert isinstance(moment, dt.datetime)  # made sure above
        due, applied, timing["row_due"], timing["concluded_due"] = _hours(event, event.timeframe_hours, moment,
                                                                            concluded, steps, warnings)
        convention, intake = "elapsed hours (Australia/Melbourne; no roll-over for weekends or holidays); a protocol " \
                             "timeframe, counted as written", event.intake_response_text
    else:
        if concluded is not None:
            raise InputError("concluded", f"{event.name} is reported monthly; the conclusion time does not change it")
        with deadlines.start_called("at"):
            by_day = event.monthly_by_day
            assert by_day is not None  # the model gives an event hours or a monthly day, exactly one
            monthly = deadlines.day_of_following_month(day, by_day, "protocol", written_in=event.source.cite())
        steps += [Step(text=f"Timeframe: \u201c{event.timeframe_text}\u201d.", citation=event.source.cite()),
                  *monthly.explanation]
        due, applied, convention, intake = monthly.due, "row", monthly.convention, event.intake_response_text
        timing["row_due"] = due
    if intake:
        steps.append(Step(text=f"How soon an IMHA intake advocate responds to this notice: \u201c{intake}\u201d. This is "
                               f"a guide only: the protocol says it may not always be met.",
                          citation=f"{event.source.document}, 'Contacting consumers'", quote=intake))
    return NotificationResult(
        trigger=event.id, name=event.name, at=moment, due=due, applied=applied, **timing, convention=convention,
        responsible=event.responsible, responsibility=event.responsibility, responsible_note=event.responsible_note,
        mechanism=event.mechanism_text, mht_notifies=event.mht_notifies, sections=event.sections,
        intake_response=intake, citation=event.source.cite(), explanation=steps, warnings=warnings,
        dataset_version=dataset.RELEASE_VERSION, as_at=dataset.load("trigger-events").as_at,
    )


def _when_it_happened(event: TriggerEvent, at: object) -> dt.date | dt.datetime:
    """When the event happened: a date and time (Melbourne), or, for an event reported in a monthly list, a date
    alone (a date, or a string of at most 10 characters such as '2025-09-10'), since only its month counts."""
    if event.monthly_by_day is not None and ((isinstance(at, dt.date) and not isinstance(at, dt.datetime))
                                             or (isinstance(at, str) and len(at.strip()) <= 10)):
        return parse(_EventDay, {"at": at}).at
    return parse_instant(at, "at")


def _when_text(moment: dt.date | dt.datetime) -> str:
    """'at Sunday 6 April 2025, 08:00 AEST (UTC+10:00)', or for a date alone 'on Wednesday 10 September 2025'."""
    return f"at {long_instant(moment)}" if isinstance(moment, dt.datetime) else f"on {long_date(moment)}"


def _exception_on(event: TriggerEvent, day: dt.date) -> NotificationException | None:
    """The protocol's exception that applies to an event on `day` (in Melbourne), if any."""
    weekend = day.weekday() >= 5
    return next((e for e in event.exceptions if e.when == "weekend" and weekend and e.in_force.applies_on(day)), None)


def _no_notification(exception: NotificationException, day: dt.date) -> list[Step]:
    """The working when the protocol says IMHA is not notified: what it says, and why no time is given."""
    return [
        Step(text=f"{long_date(day)} is on the weekend, so this is {exception.circumstance}. The protocol says: "
                  f"\u201c{exception.quote}\u201d.", citation=exception.source.cite()),
        Step(text=f"So the time in Table 1 does not apply. {exception.instead} The protocol sets no time for the "
                  f"MHT to tell the health service. So no due time is given, and IMHA's intake response time does not "
                  f"apply.", citation=exception.source.cite()),
    ]


def _concluded_after(moment: dt.datetime, concluded: object) -> dt.datetime:
    """When the event concluded: an instant not before it happened."""
    end = parse_instant(concluded, "concluded")
    if end < moment:
        raise InputError("concluded", "the event cannot conclude before it happened (at)")
    return end


def _hours(event: TriggerEvent, hours: int, moment: dt.datetime, concluded: object, steps: list[Step],
           warnings: list[str]) -> tuple[dt.datetime, str, dt.datetime, dt.datetime | None]:
    """The row's elapsed hours from the event and, when data entry had to wait for the event to conclude, note *'s
    24 hours from its conclusion: (due, which applied, row's time, note's time)."""
    with deadlines.start_called("at"):
        row = deadlines.hour_period(moment, hours, "protocol")
    row_due = _instant(row)
    steps.append(Step(text=f"Time for data entry: {event.timeframe_text} after the event.",
                      citation=event.source.cite()))
    steps += row.explanation[1:-1]
    steps.append(Step(text=f"The {event.timeframe_text} in Table 1 end at {long_instant(row_due)}."))
    if concluded is None:
        return row_due, "row", row_due, None
    end = _concluded_after(moment, concluded)
    if event.concluded_event_hours is None:
        raise InputError("concluded", f"the protocol gives no time after {event.name} concludes")
    with deadlines.start_called("concluded"):
        note = deadlines.hour_period(end, event.concluded_event_hours, "protocol")
    note_due = _instant(note)
    cite = f"{event.source.document}, {CONCLUDED_NOTE}"
    steps.append(Step(text=f"Data entry could not happen until the event ended, at {long_instant(end)}. Table 1's "
                           f"note * says: {NOTE_WORDS}.", citation=cite, quote=NOTE_WORDS.strip("\u201c\u201d")))
    steps += note.explanation[1:-1]
    steps.append(Step(text=f"24 hours after the event ended is {long_instant(note_due)}."))
    row_time, note_time = long_instant(row_due), long_instant(note_due)
    if note_due < row_due:
        why = (f"Table 1's note * gives {note_time}. That is earlier than the row's {event.timeframe_text} from the "
               f"event ({row_time}). In the case the note describes, its words set the time, so the earlier time is "
               f"given. The protocol does not say if the note is meant to shorten a row's time. Entering the data by "
               f"{note_time} meets both readings.")
        warnings.append(why)
    elif note_due > row_due:
        why = (f"Table 1's note * gives {note_time}. That is later than the row's {event.timeframe_text} from the "
               f"event ({row_time}). It applies only because data entry had to wait for the event to end. If the "
               f"data could have been entered earlier, the row's time applies.")
        warnings.append(why)
    else:
        why = f"The row's {event.timeframe_text} from the event end at {row_time}. So do the note's 24 hours from its end."
    steps.append(Step(text=f"Which time applies: the note's, because data entry had to wait for the event to end. {why}",
                      citation=cite, quote=NOTE_WORDS.strip("\u201c\u201d")))
    return note_due, "concluded-note", row_due, note_due


def _instant(period: deadlines.DeadlineResult) -> dt.datetime:
    """The instant an hour period ends at (always a date and time, never a day)."""
    if not isinstance(period.due, dt.datetime):
        raise TypeError("an hour period ends at an instant")
    return period.due
