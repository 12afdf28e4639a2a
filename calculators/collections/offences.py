"""Offences and their penalties in penalty units, as the sources state them."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from ..models import Source, Strict
from ..types import DecimalString, Slug
from .base import InForce, LawRecord

Offender = Literal["individual", "body-corporate"]


class PenaltyUnits(Strict):
    """A penalty in penalty units, by kind of offender, exactly as the source gives it."""

    individual: DecimalString | None = Field(default=None, gt=0)
    body_corporate: DecimalString | None = Field(default=None, gt=0)
    any_offender: DecimalString | None = Field(
        default=None, gt=0, description="A single figure the source gives without distinguishing offenders.")
    imprisonment: str | None = Field(default=None, description="Imprisonment where stated, e.g. '2 years'.")
    note: str | None = Field(
        default=None, description="Where the figure is not stated by the offence provision itself (e.g. only in a "
                                  "prescribed form's words): what the sources do say, shown in the working, and "
                                  "with the refusal for an offender they give no figure for.")
    in_force: InForce | None = Field(
        default=None, description="When this penalty is in force, where it differs from the offence's (for "
                                  "example an infringement penalty prescribed by a later regulation).")

    @model_validator(mode="after")
    def _one_way_of_stating_it(self) -> PenaltyUnits:
        split = self.individual is not None or self.body_corporate is not None
        if split == (self.any_offender is not None):
            raise ValueError("give individual and/or body_corporate, or any_offender, not both or neither")
        return self


class CommittedBy(Strict):
    """Who can commit an offence, where a source settles it though the penalty is one figure for 'any offender'."""

    offenders: list[Offender] = Field(min_length=1, description="The kinds of offender who can commit it.")
    reason: str = Field(description="Why, in plain English, from the cited provision.")
    source: Source


class Protection(Strict):
    """A protection from liability, or a class of people an offence does not apply to, as the source states it.

    Shown with every penalty for the offence, so a worker sees the protection beside the fine."""

    id: Slug
    kind: Literal["protection-from-liability", "offence-does-not-apply"]
    summary: str = Field(description="What it means, in plain English.")
    quote: str = Field(description="The source's words, verbatim ('[...]' marks an omission).")
    available_to: list[Offender] = Field(min_length=1, description="The kinds of offender it can protect.")
    source: Source
    in_force: InForce = Field(description="When the protection is in force, each date cited.")


class Offence(LawRecord):
    """One offence: the provision creating it, what it is, and its maximum and infringement penalties."""

    act: str = Field(description="The Act creating the offence, e.g. 'Social Services Regulation Act 2021 (Vic)'.")
    section: str = Field(description="The provision, e.g. 's 47(1)'.")
    description: str | None = Field(default=None, description="What the offence is, where the source says.")
    maximum_penalty: PenaltyUnits | None = Field(default=None, description="The maximum penalty, where the source states it.")
    infringement_offence: bool = Field(description="Prescribed as an infringement offence (SSR 2023 reg 46, Sch 5).")
    infringement_penalty: PenaltyUnits | None = Field(
        default=None, description="The prescribed infringement penalty (SSR 2023 Sch 5, column 3).")
    committed_by: CommittedBy | None = Field(
        default=None, description="Who can commit the offence, where a source says more than the penalty does "
                                  "(e.g. a worker's duty priced with one figure); null where the penalty says it all.")
    protections: list[Protection] = Field(
        default_factory=list, description="Protections from liability and exemptions the source states with the "
                                          "offence (e.g. CISS Ministerial Guidelines, Chapter 6).")

    @model_validator(mode="after")
    def _has_a_penalty(self) -> Offence:
        if self.maximum_penalty is None and self.infringement_penalty is None:
            raise ValueError("an offence record states at least one penalty")
        if self.infringement_offence != (self.infringement_penalty is not None):
            raise ValueError("an infringement offence has an infringement penalty, and only then")
        if self.committed_by is not None:
            for penalty in (self.maximum_penalty, self.infringement_penalty):
                if penalty is not None and "body-corporate" not in self.committed_by.offenders \
                        and penalty.body_corporate is not None:
                    raise ValueError("a penalty for a body corporate contradicts committed_by")
        if len({protection.id for protection in self.protections}) != len(self.protections):
            raise ValueError("protection ids are unique within an offence")
        return self
