"""Categories of excluded information under the Child Information Sharing Scheme (CISS Ministerial Guidelines, Chapter 1, threshold part 3)."""

from __future__ import annotations

from pydantic import Field

from .base import LawRecord


class CissExcludedInformation(LawRecord):
    """One category of 'excluded information': information that cannot be collected, used or disclosed under the scheme."""

    position: int = Field(ge=1, description="Number of the category in the source's list, 1..8.")
    text: str = Field(description="The category, verbatim; it completes 'Excluded information is any information "
                                  "that, if shared, could be reasonably expected to do the following:'. "
                                  "Sub-points are separated by newlines.")
    example: str | None = Field(default=None, description="The source's 'For example, ...' sentence, verbatim.")
