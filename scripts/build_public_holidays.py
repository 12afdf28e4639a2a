"""Writes dataset/public-holidays.json: Victoria's public holidays from the pinned `holidays` library.

The calculators read this file, not the library, so every deadline result names the data version it used
and the browser needs no holiday library; later years they compute from the Act's rules (calculators/holiday_rules.py,
which shares this file's caveats). `tests/test_public_holidays.py` fails when the file and the
library disagree. Run: python scripts/build_public_holidays.py
"""

from __future__ import annotations

import json
from pathlib import Path

import holidays

from calculators.holiday_rules import CUP_CAVEAT, GRAND_FINAL_CAVEAT, slug

FIRST_YEAR, LAST_YEAR = 2019, 2035
"""2019: the year Easter Sunday and the Grand Final Friday were both in s 6 of the Act (FACTS.md)."""

GRAND_FINAL_KNOWN_THROUGH = 2026
"""Later Grand Final Fridays are the library's estimate (the day before the last Saturday in September)."""

AS_AT = "2026-11-23"
ACT = "Public Holidays Act 1993 (Vic)"
OUT = Path(__file__).resolve().parent.parent / "dataset" / "public-holidays.json"


def released_version() -> str:
    """The collection's version as last released: scripts/release_dataset.py owns it, this script keeps it."""
    return str(json.loads(OUT.read_text(encoding="utf-8"))["version"]) if OUT.is_file() else "1.0.0"

ACT_S6 = "http://www.austlii.edu.au/au/legis/vic/consol_act/pha1993163/s6.html"
RENAMES = {
    "Labor Day": ("Labour Day", "s 6(d) ('the second Monday in March (Labour Day)')"),
}
"""Holidays python-holidays spells differently from the Act: the Act's name and the provision that gives it. The
record id keeps the library's spelling, since a published id never changes."""


def provision(name: str) -> str:
    if "Mourning" in name:
        return "additional public holiday appointed for 22 September 2022"
    if "observed" in name:
        return "s 6 (substitute day when the holiday falls on a Saturday or Sunday)"
    return "s 6"


def records() -> list[dict]:
    calendar = holidays.Australia(subdiv="VIC", years=range(FIRST_YEAR, LAST_YEAR + 1))
    rows = []
    for day, names in sorted(calendar.items()):
        for name in names.split("; "):
            grand_final = "Grand Final" in name
            estimated = grand_final and day.year > GRAND_FINAL_KNOWN_THROUGH
            caveat = CUP_CAVEAT if "Melbourne Cup" in name else None
            if estimated:
                caveat = GRAND_FINAL_CAVEAT.format(year=day.year)
            act_name, act_provision = RENAMES.get(name, (name, provision(name)))
            source = {"document": ACT, "provision": act_provision}
            if name in RENAMES:
                source["url"] = ACT_S6
            rows.append({
                "id": f"{day.isoformat()}-{slug(name)}",
                "date": day.isoformat(),
                "name": act_name,
                "estimated": estimated,
                "caveat": caveat,
                "source": source,
            })
    return rows


def envelope() -> dict:
    return {
        "$schema": "schemas/public-holidays.schema.json",
        "collection": "public-holidays",
        "version": released_version(),
        "as_at": AS_AT,
        "sources": [
            {"document": ACT, "provision": "s 6 (public holidays), ss 8, 8A (substitute days in part of the State)"},
            {"document": f"python-holidays {holidays.__version__}", "provision": "holidays.Australia(subdiv='VIC')",
             "url": "https://pypi.org/project/holidays/"},
        ],
        "records": records(),
    }


def render() -> str:
    return json.dumps(envelope(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    OUT.write_text(render(), encoding="utf-8")
    print(f"wrote {OUT} ({len(envelope()['records'])} holidays, {FIRST_YEAR}-{LAST_YEAR})")
