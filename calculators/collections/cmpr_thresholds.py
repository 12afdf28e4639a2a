"""The CMPR support-period performance threshold and implementation dates (Family Safety Victoria FAQ)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from ..types import DecimalString, IsoDate
from .base import LawRecord


class CmprThreshold(LawRecord):
    """A performance threshold or an implementation date that the CMPR FAQ gives, with its words."""

    kind: Literal["performance-threshold", "implementation-date"]
    name: str = Field(description="Short name, e.g. 'Support-period performance threshold'.")
    percentage: DecimalString | None = Field(default=None, gt=0, le=100,
                                             description="For a threshold: the percentage, exact.")
    starts: IsoDate | None = Field(default=None, description="For a date: the day a change or window begins.")
    ends: IsoDate | None = Field(default=None, description="For a date: the day a step is due by or a window ends.")
    quote: str = Field(description="The words of the FAQ that give the threshold or date.")

    @model_validator(mode="after")
    def _matches_kind(self) -> CmprThreshold:
        threshold = self.kind == "performance-threshold"
        if threshold != (self.percentage is not None):
            raise ValueError("a threshold has a percentage, and only a threshold")
        dated = self.starts is not None or self.ends is not None
        if threshold == dated:
            raise ValueError("an implementation date has starts and/or ends; a threshold has neither")
        if self.starts and self.ends and self.ends < self.starts:
            raise ValueError("ends before it starts")
        return self
