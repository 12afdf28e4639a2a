"""The dataset's collections: one record model per collection, keyed by collection name."""

from __future__ import annotations

from .penalty_units import PenaltyUnitValue
from .public_holidays import PublicHoliday
from .base import Record

COLLECTIONS: dict[str, type[Record]] = {
    "penalty-units": PenaltyUnitValue,
    "public-holidays": PublicHoliday,
}

__all__ = ["COLLECTIONS", "Record", "PenaltyUnitValue", "PublicHoliday"]
