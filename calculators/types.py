"""Field types shared by records and results: exact decimals, stable ids, strict ISO dates."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from decimal import Decimal
from typing import Annotated

from pydantic import AwareDatetime, BeforeValidator, Field, PlainSerializer, Strict, WithJsonSchema
from pydantic.config import JsonDict

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")


def _iso_date(value: object) -> object:
    """Accept a date or a 'YYYY-MM-DD' string only: no timestamps, no other spellings."""
    if isinstance(value, dt.datetime):
        raise ValueError("expected a date (YYYY-MM-DD), not a date and time")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        return real_date(*(int(part) for part in value.strip().split("-")))
    raise ValueError("expected a date written YYYY-MM-DD, e.g. 2025-04-11")


def real_date(year: int, month: int, day: int) -> dt.date:
    """The date, or a ValueError in our own words (the same on every Python version) saying why not."""
    if not 1 <= month <= 12:
        raise ValueError(f"not a real date: there is no month {month}")
    days_in_month = calendar.monthrange(year, month)[1] if year >= 1 else 31
    if not 1 <= day <= days_in_month:
        raise ValueError(f"not a real date: {MONTH_NAMES[month - 1]} {year} has {days_in_month} days")
    if year < 1:
        raise ValueError("not a real date: the year must be 1 or later")
    return dt.date(year, month, day)


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
"""A calendar date, given as a date or as an ISO 8601 'YYYY-MM-DD' string."""

DecimalString = Annotated[
    Decimal,
    PlainSerializer(lambda value: format(value, "f"), return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "pattern": r"^-?\d+(\.\d+)?$"}),
]
"""An exact decimal, written in JSON as a string so no precision is lost."""

Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", description="Stable id: never changes once published.")]

REFERENCES = "x-references"
"""The JSON Schema annotation on a field whose value is an id (or a list of ids) of a record in the collection it
names; `SAME_COLLECTION` ('.') names the record's own collection."""
SAME_COLLECTION = "."


def refers_to(collection: str) -> JsonDict:
    """`json_schema_extra` for a field holding ids of `collection`: the schema says so, and the tests check them."""
    return {REFERENCES: collection}

DateOrInstant = Annotated[Annotated[dt.date, Strict()] | AwareDatetime, Field(union_mode="left_to_right")]
"""A date (day periods) or a timezone-aware instant (hour periods); a date is tried strictly first, which is
both exact (a datetime is never taken for a date) and fast."""
