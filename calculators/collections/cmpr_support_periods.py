"""Support-period tiers of the Family Safety Victoria case management program requirements (CMPR)."""

from __future__ import annotations

from pydantic import Field

from .base import LawRecord


class SupportPeriodTier(LawRecord):
    """One tier of the standardised mix of hours from which the total number of support periods is set.

    The FAQ: "The total number of support periods will be from a standardised mix of hours based on
    the following tiers". Services count total support periods only, not support periods by tier.
    """

    position: int = Field(ge=1, description="Order in the FAQ's list.")
    name: str = Field(description="The tier as the FAQ names it, e.g. 'average brief'.")
    hours: int = Field(gt=0, description="The tier's average hours.")
    hours_text: str = Field(description="The hours as written, e.g. '10 hour'.")
    covers: str | None = Field(default=None, description="What the tier covers, where the source says.")
