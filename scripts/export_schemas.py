"""Writes schemas/<collection>.schema.json for every collection, from the models. Never edit those by hand."""

from pathlib import Path

from calculators.collections import COLLECTIONS
from calculators.schemas import render

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"

if __name__ == "__main__":
    SCHEMAS.mkdir(exist_ok=True)
    for collection in COLLECTIONS:
        (SCHEMAS / f"{collection}.schema.json").write_text(render(collection), encoding="utf-8")
        print(f"wrote schemas/{collection}.schema.json")
