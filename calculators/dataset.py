"""Reads the dataset files shipped with the package, validated against their models, once each."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .collections import envelope_model
from .collections.base import Envelope

RELEASE_VERSION = "2.2.0"
"""The dataset release every result reports; bumped with any collection's version (dataset/CHANGELOG.md)."""


def dataset_dir() -> Path:
    """The folder holding the collection files: inside the installed wheel, or the repository's `dataset/`."""
    packaged = Path(__file__).parent / "_dataset"
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / "dataset"


@cache
def load(collection: str) -> Envelope[Any]:
    """The named collection, validated; raises KeyError for an unknown name, ValueError for an invalid file."""
    path = dataset_dir() / f"{collection}.json"
    try:
        envelope = envelope_model(collection).model_validate_json(path.read_bytes())
    except ValidationError as exc:
        raise ValueError(f"{path.name} does not match its schema: {exc}") from exc
    if envelope.collection != collection:
        raise ValueError(f"{path.name} says it holds {envelope.collection!r}")
    return envelope


def raw(collection: str) -> dict[str, Any]:
    """The collection file as plain JSON, for pages and exports."""
    document: dict[str, Any] = json.loads((dataset_dir() / f"{collection}.json").read_text(encoding="utf-8"))
    return document
