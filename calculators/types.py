"""Field types shared by records and results: exact decimals, stable ids, strict ISO dates."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated

from pydantic import BeforeValidator, Field, PlainSerializer, WithJsonSchema

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value: object) -> object:
    """Accept a date or a 'YYYY-MM-DD' string only: no timestamps, no other spellings."""
    if isinstance(value, dt.datetime):
        raise ValueError("expected a date (YYYY-MM-DD), not a date and time")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError as exc:
            raise ValueError(f"not a real date: {exc}") from None
    raise ValueError("expected a date written YYYY-MM-DD, e.g. 2025-04-11")


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
"""A calendar date, given as a date or as an ISO 8601 'YYYY-MM-DD' string."""

DecimalString = Annotated[
    Decimal,
    PlainSerializer(lambda value: str(value), return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "pattern": r"^-?\d+(\.\d+)?$"}),
]
"""An exact decimal, written in JSON as a string so no precision is lost."""

Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", description="Stable id: never changes once published.")]
