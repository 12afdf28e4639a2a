"""Notification timeframes: when IMHA must be notified of a trigger event, by whom and how (IMHA protocol).

The timeframes are the protocol's (Appendix 1, Table 1): a protocol is not legislation, so they are counted
as written, in elapsed hours in Australia/Melbourne, or by the 5th of the following month, with no roll-over.
"""

from __future__ import annotations

import datetime as dt

from pydantic import AwareDatetime, Field

from . import dataset, deadlines, in_force
from .clock import MELBOURNE, long_instant, parse_instant
from .collections.trigger_events import TriggerEvent
from .errors import InputError, shown
from .models import Result, Step
from .types import DateOrInstant

CONCLUDED_NOTE = ("Appendix 1, Table 1, note *: where data entry cannot occur until after the event has concluded, "
                  "the timeframe is no more than 24 hours after the event has concluded")


class NotificationResult(Result):
    """When the data entry (or monthly upload) is due for a trigger event, who is responsible, and how it is made."""

    trigger: str
    name: str
    at: AwareDatetime = Field(description="When the event happened (Australia/Melbourne).")
    due: DateOrInstant = Field(description="ISO 8601 with offset for hour timeframes; YYYY-MM-DD for monthly.")
    convention: str
    responsible: str
    responsibility: str
    mechanism: str
    mht_notifies: bool
    sections: list[str]
    intake_response: str | None = Field(description="IMHA's indicative intake advocate response time, as written.")
    citation: str


def list_triggers() -> list[dict]:
    """Every trigger event: id, name, mechanism, timeframe and who is responsible."""
    return [{"id": t.id, "name": t.name, "mechanism": t.mechanism, "timeframe": t.timeframe_text,
             "responsible": t.responsible, "mht_notifies": t.mht_notifies, "citation": t.source.cite()}
            for t in dataset.load("trigger-events").records]


def trigger(trigger_id: str, day: dt.date | None = None) -> TriggerEvent:
    """The trigger event with this id (its version in force on `day`, if given), or an InputError naming `trigger`."""
    triggers = dataset.load("trigger-events")
    record = triggers.by_id(trigger_id) if day is None else triggers.version_on(trigger_id, day)
    if record is None:
        raise InputError("trigger", f"no trigger event {shown(trigger_id)} in the dataset; choose one of the listed events")
    return record


def notification_due(trigger_id: str, at: dt.datetime | str, concluded: dt.datetime | str | None = None) -> NotificationResult:
    """When IMHA's notification of this event is due, counted from the event (or from when it concluded)."""
    trigger(trigger_id)
    moment = parse_instant(at, "at")
    day = moment.astimezone(MELBOURNE).date()
    event = trigger(trigger_id, day)
    dated = in_force.require(f"the duty to notify IMHA of this event ({event.name})", event.in_force, day, "at")
    steps = [Step(text=f"Event: {event.name}, at {long_instant(moment)}. Responsibility: {event.responsibility}",
                  citation=event.source.cite()), dated]
    warnings: list[str] = []
    if event.mht_notifies:
        steps.append(Step(text="The Mental Health Tribunal, not the mental health and wellbeing service, notifies IMHA "
                               "of hearings, through the MHT – IMHA data transfer.", citation=event.source.cite()))
    if event.timeframe_hours is not None:
        due, convention = _hours(event, moment, concluded, steps)
    else:
        if concluded is not None:
            raise InputError("concluded", f"{event.name} is reported monthly; the conclusion time does not change it")
        with deadlines.start_called("at"):
            monthly = deadlines.day_of_following_month(moment.date(), event.monthly_by_day, "protocol")
        steps += [Step(text=f"Timeframe: \u201c{event.timeframe_text}\u201d.", citation=event.source.cite()),
                  *monthly.explanation]
        due, convention = monthly.due, monthly.convention
    intake = event.intake_response_text
    if intake:
        steps.append(Step(text=f"IMHA's indicative intake advocate response time for this notification: {intake} "
                               f"(indicative only: the protocol says it may not always be met).",
                          citation=f"{event.source.document}, 'Contacting consumers'"))
    return NotificationResult(
        trigger=event.id, name=event.name, at=moment, due=due, convention=convention, responsible=event.responsible,
        responsibility=event.responsibility, mechanism=event.mechanism_text, mht_notifies=event.mht_notifies,
        sections=event.sections, intake_response=intake, citation=event.source.cite(), explanation=steps,
        warnings=warnings, dataset_version=dataset.RELEASE_VERSION, as_at=dataset.load("trigger-events").as_at,
    )


def _hours(event: TriggerEvent, moment: dt.datetime, concluded: object, steps: list[Step]) -> tuple[dt.datetime, str]:
    """Elapsed hours from the event, or 24 hours from its conclusion when data entry had to wait for it."""
    if concluded is None:
        with deadlines.start_called("at"):
            counted = deadlines.hour_period(moment, event.timeframe_hours, "protocol")
        steps.append(Step(text=f"Timeframe for data entry: {event.timeframe_text} after the event.",
                          citation=event.source.cite()))
    else:
        end = parse_instant(concluded, "concluded")
        if end < moment:
            raise InputError("concluded", "the event cannot conclude before it happened (at)")
        with deadlines.start_called("concluded"):
            counted = deadlines.hour_period(end, event.concluded_event_hours, "protocol")
        steps.append(Step(text=f"Data entry could not occur until the event concluded, at {long_instant(end)}; "
                               f"the timeframe is then no more than {event.concluded_event_hours} hours after that.",
                          citation=f"{event.source.document}, {CONCLUDED_NOTE}"))
    steps += counted.explanation[1:]
    return counted.due, f"{counted.convention}; a protocol timeframe, counted as written"
