"""Prescribed social services: Social Services Regulations 2023 (Vic), regs 4–11."""

from __future__ import annotations

from pydantic import Field

from .base import LawRecord


class SocialService(LawRecord):
    """One social service prescribed by SSR 2023 reg 5, with what its definition includes and excludes.

    Reg 5 prescribes nine social services for the definition of social service in s 3(1) of the Social
    Services Regulation Act 2021 (Vic). Six are defined by their own regulation (regs 6–11); child
    protection services and secure welfare services are defined in reg 4; supported residential
    service takes its meaning from s 214(1) of the Act (reg 4), which is not in the sources.
    """

    position: int = Field(ge=1, description="Order in reg 5 (1 = paragraph (a)).")
    paragraph: str = Field(pattern=r"^[a-z]$", description="The paragraph letter of reg 5, e.g. 'a'.")
    name: str = Field(description="The service as reg 5 names it, verbatim, e.g. 'child protection services'.")
    defined_in: str = Field(description="Where the regulations define the service, e.g. 'reg 6' or 'reg 4'.")
    definition: str | None = Field(
        default=None,
        description="The defining words, verbatim, up to the list of what the service includes (or the whole "
                    "definition where it has no list).")
    includes: list[str] = Field(
        default_factory=list,
        description="The services or activities the definition lists, in order, verbatim; a paragraph with "
                    "sub-paragraphs is one string with the sub-paragraphs inline, labels kept.")
    excludes: list[str] = Field(
        default_factory=list,
        description="What the definition says the service as a whole does not include, verbatim. Exclusions "
                    "inside one listed item (e.g. 'other than long-term social housing services') stay in "
                    "that item's text.")
