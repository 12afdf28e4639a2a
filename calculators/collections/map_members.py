"""Members of the Multi-agency Panel under the Serious Offenders Act 2018 (Vic)."""

from __future__ import annotations

from pydantic import Field

from .base import LawRecord


class MapMember(LawRecord):
    """One member of the Multi-agency Panel, by position, as the DHHS FAQ (12 December 2019) lists them."""

    position: int = Field(ge=1, description="Order in the FAQ's list.")
    text: str = Field(description="The member as the FAQ lists them.")
    title: str = Field(description="The office: the text before the first comma, e.g. 'Deputy Secretary'.")
    unit: str = Field(description="The rest of the entry: division, branch, command or region, as written.")
