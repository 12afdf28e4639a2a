"""What every dataset record and collection file has: a stable id, a source, an envelope."""

from __future__ import annotations

import datetime as dt
from typing import Generic, Literal, TypeVar

from pydantic import ConfigDict, Field, model_validator

from ..models import Source, Strict
from ..types import SAME_COLLECTION, IsoDate, Slug, refers_to

NOT_STATED = "not stated in the sources"
"""The marker for a commencement that neither the source documents nor FACTS.md state: never a guessed date."""


class Record(Strict):
    """A dataset record: a stable id and the provision it comes from."""

    id: Slug
    aliases: list[Slug] = Field(
        default_factory=list,
        description="Earlier ids of this record. An id never changes once published and is never reused; a record "
                    "renamed to end a collision or a second spelling keeps its old id here, and lookups in this "
                    "collection still accept it.")
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
    def _every_date_is_cited(self) -> InForce:
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
    """A record that states law, and so says when that law is in force.

    An amendment is recorded as a new record whose `supersedes` names the earlier version (whose `in_force.to`
    is then set): questions keep using the first id, and the engine applies the version in force on the date."""

    in_force: InForce = Field(description="When the law this record states is in force, each date cited.")
    supersedes: Slug | None = Field(default=None, description="The id of the earlier version of this law, when this "
                                                              "record states it as amended.",
                                    json_schema_extra=refers_to(SAME_COLLECTION))


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
    def _ids_are_unique(self) -> Envelope[R]:
        seen: set[str] = set()
        for record in self.records:
            for ident in (record.id, *record.aliases):
                if ident in seen:
                    raise ValueError(f"duplicate record id or alias {ident!r}")
                seen.add(ident)
        superseded: set[str] = set()
        for record in self.records:
            earlier_id = getattr(record, "supersedes", None)
            if earlier_id is None:
                continue
            earlier = self.by_id(earlier_id)
            if earlier is None or earlier.id != earlier_id or earlier_id in superseded or earlier_id == record.id:
                raise ValueError(f"{record.id} supersedes {earlier_id!r}: not a record here, or superseded twice")
            superseded.add(earlier_id)
            ends, starts = earlier.in_force.to, record.in_force.starts  # type: ignore[attr-defined]
            if ends is None or starts is None or starts != ends + dt.timedelta(days=1):
                raise ValueError(f"{record.id} supersedes {earlier_id}: the earlier version must end (in_force.to) the "
                                 f"day before this one starts")
        return self

    def by_id(self, record_id: str) -> R | None:
        """The record with this id, or with this among its `aliases` (a former id), or None."""
        return next((record for record in self.records if record.id == record_id), None) or \
            next((record for record in self.records if record_id in record.aliases), None)

    def version_on(self, record_id: str, day: dt.date) -> R | None:
        """The version of `record_id` in force on `day`: the record or one superseding it (see LawRecord); the
        record itself when no version is, so that the caller can say why; None for an unknown id."""
        first = self.by_id(record_id)
        if first is None or not isinstance(first, LawRecord):
            return first
        versions: list[R] = [first]
        latest = first.id
        while (later := next((r for r in self.records if getattr(r, "supersedes", None) == latest), None)) is not None:
            versions.append(later)
            latest = later.id
        return next((version for version in versions
                     if isinstance(version, LawRecord) and version.in_force.applies_on(day)), first)

