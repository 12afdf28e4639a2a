"""Trigger events: when the primary non-legal mental health advocacy service (IMHA) must be notified.

From the Department of Health's protocol for the primary non-legal mental health advocacy service
provider under the Mental Health and Wellbeing Act 2022 (Vic): Appendix 1, Table 1 ("Summary of
events requiring notifications") and the table of indicative intake response times under
"Contacting consumers".
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from ..models import Source, Strict
from ..types import IsoDate, Slug, refers_to
from .base import InForce, LawRecord

Mechanism = Literal[
    "cmi",                           # "CMI": automated notification from data entered into CMI
    "monthly-upload-to-department",  # "Upload of data to the department monthly from designated mental health service"
    "mht-imha-data-transfer",        # "MHT – IMHA data transfer"
]

Responsible = Literal[
    "authorised-psychiatrist",
    "designated-mental-health-service",
    "forensicare",
    "mht",
]


class Definition(Strict):
    """A term the Definitions column of Table 1 defines, with its meaning as written there."""

    term: str
    meaning: str


class IntakeResponseBySetting(Strict):
    """An intake response time that the response-time table gives separately for inpatients and the community."""

    setting: Literal["inpatient", "community"]
    hours: int = Field(gt=0)
    text: str = Field(description="The cell as written, e.g. 'Community 48 hrs (2 days)'.")


class NotificationException(Strict):
    """A circumstance in which, the protocol says, IMHA receives no notification of the event, and what happens instead.

    Then the row's timeframe has nothing to time: a result says so and gives no due time."""

    id: Slug
    when: Literal["weekend"] = Field(description="weekend: the event falls on a Saturday or Sunday in Melbourne "
                                                 "(not a public holiday on a weekday).")
    circumstance: str = Field(description="The circumstance, in plain English, e.g. 'an urgent MHT hearing on the weekend'.")
    instead: str = Field(description="What the protocol says happens instead, in plain English.")
    quote: str = Field(description="The protocol's words, verbatim.")
    source: Source
    in_force: InForce


class TriggerEvent(LawRecord):
    """One event of which IMHA must be notified, with its mechanism, data-entry timeframe and intake response time.

    Table 1's timeframe column is headed "Timeframe for data entry*"; its note * says that "for some
    events data entry is not able to occur until after the event has concluded. In this circumstance,
    timeframe for data entry is no more than 24 hours after the event has concluded." The protocol
    does not say which events those are, so every timed event carries the note in
    `concluded_event_hours`.
    """

    position: int = Field(ge=1, description="Row order in Appendix 1, Table 1.")
    name: str = Field(description="Table 1 'Description' column, as written.")
    mechanism: Mechanism = Field(description="Table 1 'Mechanism for notification', as a closed vocabulary.")
    mechanism_text: str = Field(description="Table 1 'Mechanism for notification', as written.")
    automated: bool = Field(
        description="True where CMI is the mechanism ('an automated notification will be made from data entered "
                    "into CMI'). The two 'unautomated trigger events' reach IMHA through the IMHA SharePoint Portal "
                    "('IMHA SharePoint portal notification').")
    timeframe_text: str = Field(description="Table 1 'Timeframe for data entry', as written.")
    rule: str = Field(description="The deadline rule (deadline-rules collection) that holds this timeframe; pages and "
                                  "tables state the period from it.", json_schema_extra=refers_to("deadline-rules"))
    timeframe_hours: int | None = Field(default=None, gt=0, description="The timeframe in hours; null if not in hours.")
    after: Literal["event", "event-month"] = Field(
        description="What the timeframe runs from: 'event' (hours after the event) or 'event-month' (by a day of "
                    "the month after the month in which the event occurred).")
    monthly_by_day: int | None = Field(default=None, ge=1, le=31,
                                       description="For a monthly upload: the day of each month it is due by.")
    monthly_first_due: IsoDate | None = Field(default=None, description="For a monthly upload: the first due date.")
    concluded_event_hours: int | None = Field(
        default=None, gt=0,
        description="Table 1 note *: where data entry cannot occur until after the event has concluded, no more "
                    "than this many hours after it concluded. The protocol does not name the events concerned.")
    responsibility: str = Field(description="Table 1 'Responsibility' column, as written. Note **: local policies "
                                            "may give other staff these responsibilities; administrative staff are "
                                            "expected to do the data entry.")
    responsible: Responsible = Field(
        description="Who is responsible for the notification the timeframe times: the Responsibility column's "
                    "duty holder, unless the protocol puts that step on someone else (see responsible_note).")
    responsible_note: str | None = Field(
        default=None, description="Where `responsible` is not the Responsibility column's duty holder: why, quoted "
                                  "and cited.")
    mht_notifies: bool = Field(
        description="True where the Mental Health Tribunal, not the mental health and wellbeing service, notifies "
                    "IMHA ('mental health and wellbeing services are not required to provide notice of MHT hearings. "
                    "These will be provided by MHT to IMHA.').")
    sections: list[str] = Field(
        default_factory=list,
        description="Sections of the Mental Health and Wellbeing Act 2022 (Vic) the protocol names for this event, "
                    "e.g. 's 200'.")
    definitions: list[Definition] = Field(default_factory=list,
                                          description="Terms defined in Table 1's 'Definitions' column.")
    definition_notes: str | None = Field(default=None,
                                         description="Other text of the Definitions column, as written.")
    intake_notification_type: str | None = Field(
        default=None, description="The matching row of the intake response-time table ('Type of notification').")
    intake_source: str | None = Field(default=None, description="That row's 'Source' column, as written.")
    intake_response_hours: int | None = Field(
        default=None, gt=0,
        description="IMHA's indicative intake advocate response time in hours; null where the row gives none or "
                    "gives different times by setting (see intake_response_by_setting).")
    intake_response_text: str | None = Field(default=None,
                                             description="That row's 'Intake Advocate response time', as written.")
    intake_response_by_setting: list[IntakeResponseBySetting] = Field(default_factory=list)
    intake_notes: str | None = Field(default=None, description="Notes in that row's 'Type of notification' cell.")
    notes: str | None = Field(default=None, description="What the protocol's text says elsewhere about this event.")
    exceptions: list[NotificationException] = Field(
        default_factory=list, description="Circumstances in which IMHA receives no notification of this event.")

    @model_validator(mode="after")
    def _timeframe_is_hours_or_monthly(self) -> TriggerEvent:
        hours = self.timeframe_hours is not None
        monthly = self.monthly_by_day is not None
        if hours == monthly:
            raise ValueError("give timeframe_hours or monthly_by_day, exactly one")
        if (self.after == "event") != hours:
            raise ValueError("an hours timeframe runs from the event; a monthly one from the event's month")
        if monthly != (self.monthly_first_due is not None):
            raise ValueError("monthly_first_due goes with monthly_by_day")
        if self.automated != (self.mechanism == "cmi"):
            raise ValueError("the CMI mechanism, and only it, is automated")
        if self.mht_notifies != (self.mechanism == "mht-imha-data-transfer"):
            raise ValueError("the MHT notifies through the MHT – IMHA data transfer")
        if self.intake_response_hours is not None and self.intake_response_by_setting:
            raise ValueError("give one intake response time or times by setting, not both")
        return self
