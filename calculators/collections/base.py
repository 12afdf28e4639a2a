"""What every dataset record and collection file has: a stable id, a source, an envelope."""

from __future__ import annotations

import datetime as dt
from typing import Generic, Literal, TypeVar

from pydantic import ConfigDict, Field, model_validator

from ..models import Source, Strict
from ..types import IsoDate, Slug

NOT_STATED = "not stated in the sources"
"""The marker for a commencement that neither the source documents nor FACTS.md state: never a guessed date."""


class Record(Strict):
    """A dataset record: a stable id and the provision it comes from."""

    id: Slug
    source: Source


class InForce(Strict):
    """When the law a record states is in force: first and last day, each with the provision that says so.

    Like OpenFisca's dated parameters. `from` is null, with `from_source` "not stated in the sources", where
    neither the sources nor FACTS.md state a commencement (a guideline's publication date is not one);
    `to` is null while the law is current."""

    model_config = ConfigDict(populate_by_name=True, extra="forbid", frozen=True, defer_build=True)

    starts: IsoDate | None = Field(alias="from", description="First day in force; null when not stated in the sources.")
    from_source: Source | Literal["not stated in the sources"] = Field(
        description="The commencement provision, or the marker 'not stated in the sources'.")
    to: IsoDate | None = Field(default=None, description="Last day in force; null while in force.")
    to_source: Source | None = Field(default=None, description="The provision that ended it (with `to`).")
    note: str | None = Field(default=None, description="What the sources do say about when it applies.")

    @model_validator(mode="after")
    def _every_date_is_cited(self) -> "InForce":
        if (self.starts is None) != (self.from_source == NOT_STATED):
            raise ValueError("`from` is a date with its citation, or null with 'not stated in the sources'")
        if (self.to is None) != (self.to_source is None):
            raise ValueError("`to` and `to_source` go together")
        if self.starts is not None and self.to is not None and self.to < self.starts:
            raise ValueError("`to` is before `from`")
        return self

    def applies_on(self, day: dt.date) -> bool:
        """False only when `day` is outside a stated period; an unstated commencement does not refuse."""
        return (self.starts is None or day >= self.starts) and (self.to is None or day <= self.to)


class LawRecord(Record):
    """A record that states law, and so says when that law is in force."""

    in_force: InForce = Field(description="When the law this record states is in force, each date cited.")


R = TypeVar("R", bound=Record)


class Envelope(Strict, Generic[R]):
    """One collection file: its name, version, the date of the law it states, its sources and records."""

    model_config = ConfigDict(populate_by_name=True, extra="forbid", frozen=True, defer_build=True)

    schema_: str = Field(alias="$schema", description="Address of this file's JSON Schema.")
    collection: Slug
    version: str = Field(pattern=r"^\d+\.\d+\.\d+$", description="Semantic version of this collection.")
    as_at: IsoDate = Field(description="The date the law in this collection is stated as at.")
    sources: list[Source] = Field(min_length=1)
    records: list[R]

    @model_validator(mode="after")
    def _ids_are_unique(self) -> "Envelope[R]":
        seen: set[str] = set()
        for record in self.records:
            if record.id in seen:
                raise ValueError(f"duplicate record id {record.id!r}")
            seen.add(record.id)
        return self

    def by_id(self, record_id: str) -> R | None:
        """The record with this id, or None."""
        return next((record for record in self.records if record.id == record_id), None)

