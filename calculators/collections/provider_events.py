"""Provider events: what happened, in a provider's words, and every deadline rule that follows from it."""

from __future__ import annotations

from pydantic import Field

from ..models import Strict
from ..types import refers_to
from .base import LawRecord


class EventObligation(Strict):
    """A deadline rule that may follow from the event, and when it applies."""

    rule: str = Field(description="An id in the deadline-rules collection.", json_schema_extra=refers_to("deadline-rules"))
    applies_when: str = Field(description="The condition, in plain English, under which this rule applies.")


class ProviderEvent(LawRecord):
    """An event a registered social service provider may face, with the obligations it triggers."""

    name: str
    description: str
    clock_starts: str = Field(description="The date to enter: what starts the clock.")
    obligations: list[EventObligation] = Field(default_factory=list)
    checklist: str | None = Field(default=None, description="A checklist (checklists collection) that helps decide.",
                                  json_schema_extra=refers_to("checklists"))
    notes: str | None = None
