"""Secrecy and confidentiality provisions and the Child Information Sharing Scheme (CISS Ministerial Guidelines, Chapter 4, Tables 1 and 2)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .base import LawRecord


class OverriddenProvision(LawRecord):
    """One row of Table 1 (provisions Part 6A overrides) or Table 2 (key provisions that continue to apply)."""

    position: int = Field(ge=1, description="Order across the collection: Table 1 rows first, then Table 2, 1..n.")
    status: Literal["overridden", "continues-to-apply"] = Field(
        description="overridden: Table 1, 'Legislative provisions overridden by Part 6A of the Child Wellbeing and "
                    "Safety Act 2005'; continues-to-apply: Table 2, 'Key legislative provisions that continue to apply'.")
    category: str = Field(description="The table's sub-heading the row sits under, verbatim.")
    legislation: str = Field(description="The first column, verbatim, e.g. 'Section 132ZC Disability Act 2006'.")
    act: str | None = Field(description="The Act named in the first column; null where the source names no single Act.")
    sections: list[str] = Field(
        default_factory=list, description="Sections named in the first column, e.g. ['207(2)']; empty where none is named.")
    information: str = Field(
        description="The second column, verbatim: for Table 1 'Information that can be shared under the Child "
                    "Information Sharing Scheme', for Table 2 'Information that cannot be shared under the Child "
                    "Information Sharing Scheme'. Bullet points are separated by newlines.")
    note: str | None = Field(default=None, description="Text the source prints directly after the row, verbatim.")

    @model_validator(mode="after")
    def _sections_need_an_act(self) -> OverriddenProvision:
        if self.sections and self.act is None:
            raise ValueError("sections are given only with the Act they belong to")
        return self
