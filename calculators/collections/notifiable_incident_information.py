"""Information a notice of a serious incident must contain: Social Services Regulations 2023 (Vic), reg 36(2)."""

from __future__ import annotations

from pydantic import Field

from .base import LawRecord


class NotifiableIncidentInformation(LawRecord):
    """One item of the information prescribed by SSR 2023 reg 36(2) for s 48(3)(b) of the Social Services Regulation Act 2021 (Vic)."""

    position: int = Field(ge=1, description="Order in reg 36(2) (1 = paragraph (a)).")
    paragraph: str = Field(pattern=r"^[a-z]$", description="The paragraph letter of reg 36(2), e.g. 'a'.")
    information: str = Field(
        description="The item, verbatim, without the closing punctuation; for an item with sub-paragraphs, "
                    "the words that introduce them.")
    parts: list[str] = Field(
        default_factory=list,
        description="The item's sub-paragraphs ((i), (ii), ...), in order, verbatim, without closing punctuation "
                    "or a trailing 'and'.")
