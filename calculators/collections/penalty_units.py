"""Penalty unit values by Victorian financial year (Monetary Units Act 2004 (Vic))."""

from __future__ import annotations

from pydantic import Field, model_validator

from ..types import DecimalString, IsoDate
from .base import LawRecord


class PenaltyUnitValue(LawRecord):
    """The value of one penalty unit (and fee unit, where recorded) for one financial year."""

    financial_year: str = Field(pattern=r"^\d{4}-\d{2}$", description="e.g. '2024-25'.")
    starts: IsoDate = Field(description="1 July of the financial year.")
    ends: IsoDate = Field(description="30 June of the financial year.")
    penalty_unit: DecimalString = Field(gt=0, description="Dollars, exact.")
    fee_unit: DecimalString | None = Field(default=None, gt=0, description="Dollars, exact; null where not recorded.")

    @model_validator(mode="after")
    def _is_a_financial_year(self) -> PenaltyUnitValue:
        first = self.starts.year
        if (self.starts.month, self.starts.day) != (7, 1) or self.ends != self.starts.replace(year=first + 1, month=6, day=30):
            raise ValueError("a financial year runs from 1 July to 30 June")
        if self.financial_year != f"{first}-{(first + 1) % 100:02d}":
            raise ValueError(f"financial_year should be {first}-{(first + 1) % 100:02d}")
        if (self.in_force.starts, self.in_force.to) != (self.starts, self.ends):
            raise ValueError("a penalty unit value is in force for its financial year: in_force is starts to ends")
        return self
