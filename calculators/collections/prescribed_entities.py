"""Prescribed information sharing entities under the Child Information Sharing Scheme (CISS Ministerial Guidelines, Appendix 2)."""

from __future__ import annotations

from pydantic import Field, model_validator

from ..types import Slug, refers_to
from .base import LawRecord


class PrescribedEntity(LawRecord):
    """One prescribed organisation or service as listed in Appendix 2, with the legal description given for it.

    Appendix 2 sometimes lists several organisations or services one after another and gives a single
    description after them. Each name is one record and `listed_with` names the others in that group. The
    group's description is repeated on each of them where it plainly covers them all; where its words describe
    only some of them (or it is unclear that it covers the others), it is given only to the name(s) it describes
    or is printed directly under, and the others are null.
    """

    position: int = Field(ge=1, description="Order in Appendix 2, 1..n.")
    sector: str | None = Field(
        description="The heading the entry sits under, as written in Appendix 2; null for the first table, "
                    "which has no heading in the source.")
    name: str = Field(description="The prescribed organisation or service as listed (first column).")
    includes: list[str] = Field(
        default_factory=list,
        description="Programs or roles the source lists as included ('..., including:'), in source order.")
    legal_description: str | None = Field(
        description="The source's 'Description of information sharing entity', verbatim; several bullet points "
                    "are separated by newlines. Null where the source gives none for this name.")
    listed_with: list[Slug] = Field(
        default_factory=list,
        description="Ids of other entries listed together with this one before a single description in the source.",
        json_schema_extra=refers_to("prescribed-entities"))
    restricted: bool = Field(
        description="A restricted information sharing entity: may request and collect information, may not disclose it.")
    restriction: str | None = Field(default=None, description="The source's words on the restriction, where restricted.")
    note: str | None = Field(default=None, description="A note the source prints against the entry, verbatim.")

    @model_validator(mode="after")
    def _restriction_iff_restricted(self) -> PrescribedEntity:
        if self.restricted != (self.restriction is not None):
            raise ValueError("a restricted entity states its restriction, and only a restricted one")
        if self.id in self.listed_with:
            raise ValueError("an entry is not listed with itself")
        return self
