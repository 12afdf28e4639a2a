"""The three parts of the threshold for sharing under the Child Information Sharing Scheme (CISS Ministerial Guidelines, Chapter 1)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import LawRecord


class CissThresholdPart(LawRecord):
    """One part of the threshold for sharing, as the source words it."""

    position: int = Field(ge=1, le=3, description="The part's number, 1..3.")
    title: str = Field(description="The source's heading for the part, verbatim, e.g. 'Threshold part 3: Excluded information'.")
    requirement: str = Field(description="The part as worded in 'The threshold for sharing' list, verbatim.")
    required_for: list[Literal["requesting", "disclosing"]] = Field(
        min_length=1,
        description="When the part must be met: a request needs parts 1 and 3 ('Requesting information'); "
                    "a disclosure needs all three.")
