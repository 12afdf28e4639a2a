"""Regulatory entities for the worker and carer exclusion scheme: Social Services Regulations 2023 (Vic), Sch 3."""

from __future__ import annotations

from pydantic import Field

from .base import LawRecord


class RegulatoryEntity(LawRecord):
    """One item of SSR 2023 Schedule 3: a body and the WCES workers or carers it is a regulatory entity for.

    Reg 41 prescribes each body in Schedule 3 as a regulatory entity (paragraph (c) of the definition
    in s 51 of the Social Services Regulation Act 2021 (Vic)) "in respect of the WCES workers or carers
    specified in that Schedule for that body". The same body may appear in more than one item.
    """

    position: int = Field(ge=1, description="Order in Schedule 3.")
    item: int = Field(ge=1, description="The item number in Schedule 3.")
    body: str = Field(description="The body, verbatim: the words of the item before 'in respect of'.")
    workers_or_carers: list[str] = Field(
        min_length=1,
        description="The WCES workers or carers the body is a regulatory entity for, verbatim. Where the item "
                    "lists alternatives as paragraphs (item 15), one string per paragraph, each starting with the "
                    "item's own words 'a WCES worker or carer who'.")
    text: str = Field(description="The whole item, verbatim.")
