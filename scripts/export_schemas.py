"""Writes schemas/<collection>.schema.json for every collection, from the models, then the TypeScript declarations
generated from them (dataset/types/, scripts/build_types.mjs, needs node and `npm ci`). Never edit those by hand."""

import subprocess
import sys
from pathlib import Path

from calculators.collections import COLLECTIONS
from calculators.schemas import render

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schemas"

if __name__ == "__main__":
    SCHEMAS.mkdir(exist_ok=True)
    for collection in COLLECTIONS:
        (SCHEMAS / f"{collection}.schema.json").write_text(render(collection), encoding="utf-8")
        print(f"wrote schemas/{collection}.schema.json")
    types = subprocess.run(["node", str(ROOT / "scripts" / "build_types.mjs")], cwd=ROOT)
    if types.returncode != 0:
        sys.exit("export_schemas: the TypeScript declarations were not written (run scripts/setup.sh for npm packages)")
