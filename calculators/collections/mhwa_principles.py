"""The mental health and wellbeing principles of the Mental Health and Wellbeing Act 2022 (Vic)."""

from __future__ import annotations

from pydantic import Field

from .base import LawRecord


class MhwaPrinciple(LawRecord):
    """One of the thirteen principles, as Appendix 2 of the IMHA protocol lists them, in its order."""

    position: int = Field(ge=1, le=13, description="Appendix 2 'No' column.")
    name: str = Field(description="Appendix 2 'Principle' column, as written.")
    description: str = Field(description="Appendix 2 'Description from the Act' column, as written.")
    section: str | None = Field(
        default=None, description="The section of the Act stating the principle, where the source gives it.")
