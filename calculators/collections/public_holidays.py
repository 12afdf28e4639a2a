"""Victorian public holidays, generated from the `holidays` library (Public Holidays Act 1993 (Vic))."""

from __future__ import annotations

from pydantic import Field

from ..types import IsoDate
from .base import Record


class PublicHoliday(Record):
    """One public holiday in Victoria, with any caveat a deadline relying on it must carry."""

    date: IsoDate
    name: str
    estimated: bool = Field(description="True when the date is an estimate not yet fixed (a future AFL Grand Final Friday).")
    caveat: str | None = Field(default=None, description="A warning to give when a result relies on this day.")
