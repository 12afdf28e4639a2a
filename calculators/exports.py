"""The dataset in other shapes: flat CSV rows for spreadsheets, and the Data Package descriptor."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

from .collections import COLLECTIONS
from .dataset import RELEASE_VERSION

LICENCE_NOTE = (
    "Our compilation and structure of the data are licensed CC BY 4.0 (the code is MIT licensed: see LICENSE). "
    "The underlying legislation, regulations, "
    "guidelines and protocols are Crown copyright (State of Victoria) and are reproduced or quoted for "
    "information; consult the authorised versions."
)


def flatten(record: dict, prefix: str = "") -> dict[str, str]:
    """One CSV row: nested objects become dotted columns, lists are joined with ' | ', null is empty."""
    row: dict[str, str] = {}
    for key, value in record.items():
        column = f"{prefix}{key}"
        if isinstance(value, dict):
            row.update(flatten(value, f"{column}."))
        elif isinstance(value, list):
            row[column] = " | ".join(json.dumps(item, ensure_ascii=False) if isinstance(item, (dict, list)) else str(item)
                                     for item in value)
        elif value is None:
            row[column] = ""
        elif isinstance(value, bool):
            row[column] = "true" if value else "false"
        else:
            row[column] = str(value)
    return row


def to_csv(document: dict) -> str:
    """A collection file's records as CSV text, columns in first-seen order."""
    rows = [flatten(record) for record in document["records"]]
    columns = list(dict.fromkeys(column for row in rows for column in row))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def datapackage(dataset_dir: Path, version: str = RELEASE_VERSION) -> dict:
    """The Frictionless Data Package (v2) descriptor for the collection files in `dataset_dir`, release `version`."""
    resources = []
    for collection in sorted(COLLECTIONS):
        path = dataset_dir / f"{collection}.json"
        content = path.read_bytes()
        document = json.loads(content)
        resources.append({
            "name": collection,
            "path": f"{collection}.json",
            "type": "json",
            "format": "json",
            "mediatype": "application/json",
            "encoding": "utf-8",
            "schema": f"schemas/{collection}.schema.json",
            "bytes": len(content),
            "hash": f"sha256:{hashlib.sha256(content).hexdigest()}",
            "version": document["version"],
            "as_at": document["as_at"],
            "records": len(document["records"]),
            "sources": document["sources"],
        })
    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "victorian-obligations-toolkit",
        "title": "Victorian Obligations Toolkit dataset",
        "description": "Victoria's social-services obligations as data: prescribed entities, overridden provisions, "
                       "trigger events, offences and penalty units, deadline rules, checklists and public holidays, "
                       "each record citing its source.",
        "version": version,
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                      "title": "Creative Commons Attribution 4.0"}],
        "copyright_note": LICENCE_NOTE,
        "resources": resources,
    }
