"""Offences and their penalties in penalty units, as the sources state them."""

from __future__ import annotations

from pydantic import Field, model_validator

from ..models import Strict
from ..types import DecimalString
from .base import InForce, LawRecord


class PenaltyUnits(Strict):
    """A penalty in penalty units, by kind of offender, exactly as the source gives it."""

    individual: DecimalString | None = Field(default=None, gt=0)
    body_corporate: DecimalString | None = Field(default=None, gt=0)
    any_offender: DecimalString | None = Field(
        default=None, gt=0, description="A single figure the source gives without distinguishing offenders.")
    imprisonment: str | None = Field(default=None, description="Imprisonment where stated, e.g. '2 years'.")
    in_force: InForce | None = Field(
        default=None, description="When this penalty is in force, where it differs from the offence's (for "
                                  "example an infringement penalty prescribed by a later regulation).")

    @model_validator(mode="after")
    def _one_way_of_stating_it(self) -> "PenaltyUnits":
        split = self.individual is not None or self.body_corporate is not None
        if split == (self.any_offender is not None):
            raise ValueError("give individual and/or body_corporate, or any_offender, not both or neither")
        return self


class Offence(LawRecord):
    """One offence: the provision creating it, what it is, and its maximum and infringement penalties."""

    act: str = Field(description="The Act creating the offence, e.g. 'Social Services Regulation Act 2021 (Vic)'.")
    section: str = Field(description="The provision, e.g. 's 47(1)'.")
    description: str | None = Field(default=None, description="What the offence is, where the source says.")
    maximum_penalty: PenaltyUnits | None = Field(default=None, description="The maximum penalty, where the source states it.")
    infringement_offence: bool = Field(description="Prescribed as an infringement offence (SSR 2023 reg 46, Sch 5).")
    infringement_penalty: PenaltyUnits | None = Field(
        default=None, description="The prescribed infringement penalty (SSR 2023 Sch 5, column 3).")

    @model_validator(mode="after")
    def _has_a_penalty(self) -> "Offence":
        if self.maximum_penalty is None and self.infringement_penalty is None:
            raise ValueError("an offence record states at least one penalty")
        if self.infringement_offence != (self.infringement_penalty is not None):
            raise ValueError("an infringement offence has an infringement penalty, and only then")
        return self
