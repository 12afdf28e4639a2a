"""What every dataset record and collection file has: a stable id, a source, an envelope."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import ConfigDict, Field, model_validator

from ..models import Source, Strict
from ..types import IsoDate, Slug


class Record(Strict):
    """A dataset record: a stable id and the provision it comes from."""

    id: Slug
    source: Source


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

