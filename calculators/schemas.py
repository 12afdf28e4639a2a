"""JSON Schemas (2020-12) of the dataset collections, generated from the record models."""

from __future__ import annotations

import json
from typing import Any

from .collections import envelope_model

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_MAJOR = 1
"""Bumped, with every collection's major version, when a schema change would break a consumer."""


def collection_schema(collection: str) -> dict[str, Any]:
    """The JSON Schema of one collection file (its envelope and records)."""
    schema = envelope_model(collection).model_json_schema(by_alias=True, mode="validation")
    schema["title"] = f"{collection} (Victorian Obligations Toolkit dataset)"
    return {"$schema": DIALECT, "$id": f"urn:vic-obligations-toolkit:schema:{collection}:v{SCHEMA_MAJOR}", **schema}


def render(collection: str) -> str:
    """The schema file's exact text."""
    return json.dumps(collection_schema(collection), indent=2, ensure_ascii=False) + "\n"
