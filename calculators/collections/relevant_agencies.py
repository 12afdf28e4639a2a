"""Relevant agencies prescribed by the Social Services Regulations 2023 (Vic), reg 47."""

from __future__ import annotations

from pydantic import Field

from .base import LawRecord


class RelevantAgency(LawRecord):
    """One entity prescribed by SSR 2023 reg 47 as a relevant agency.

    Reg 47 prescribes entities "for the purposes of paragraph (h) of the definition of relevant
    agency in section 189 of the Act" (Social Services Regulation Act 2021 (Vic)), for collecting,
    using or disclosing information under Part 8 of that Act. The agencies named in s 189(a)–(g)
    of the Act itself are not in this collection: its source is the regulation only.
    """

    position: int = Field(ge=1, description="Order in reg 47 (1 = paragraph (a)).")
    paragraph: str = Field(pattern=r"^[a-z]$", description="The paragraph letter of reg 47, e.g. 'a'.")
    entity: str = Field(description="The entity as reg 47 names it, verbatim, without the closing ';' or '.'.")
