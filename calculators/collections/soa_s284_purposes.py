"""Serious Offenders Act 2018 (Vic) s 284: the purposes for which information may be used or disclosed."""

from __future__ import annotations

from pydantic import Field

from .base import LawRecord


class Soa284Purpose(LawRecord):
    """One purpose for which a relevant person may use or disclose information under s 284.

    As the Department of Health and Human Services' FAQ on the Multi-agency Panel (12 December 2019)
    summarises them "for the department and its funded services": the FAQ's words, not the Act's.
    """

    position: int = Field(ge=1, description="Order in the FAQ's list.")
    text: str = Field(description="The purpose as the FAQ words it.")
    paragraph: str | None = Field(
        default=None, description="The paragraph of s 284 (e.g. '(1)(a)'), where the source gives it.")
