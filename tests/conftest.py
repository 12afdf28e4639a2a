"""Shared test helpers."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import settings

# Speed is measured by the benchmarks, not asserted: no per-example time limit, which a loaded machine (or a
# holiday year computed on first use) can exceed without anything being wrong.
settings.register_profile("no-time-limit", deadline=None)
settings.load_profile("no-time-limit")

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"  # the five source documents, with their provenance in sources/README.md
CASES = sorted((ROOT / "tests" / "cases").glob("*.json"))


def load_case(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
