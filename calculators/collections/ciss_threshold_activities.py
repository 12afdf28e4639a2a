"""The activities of part 2 of the threshold for sharing (CISS Ministerial Guidelines, Chapter 1)."""

from __future__ import annotations

from pydantic import Field

from .base import LawRecord


class CissThresholdActivity(LawRecord):
    """One activity that sharing may assist the receiving entity to carry out (threshold part 2)."""

    position: int = Field(ge=1, description="Order in the source's list, 1..4.")
    text: str = Field(description="The activity, verbatim; it completes 'may assist the receiving information "
                                  "sharing entity to carry out one or more of the following activities:'.")
