"""The dataset in other shapes: CSV tables with their Table Schemas, and the Data Package descriptor.

The columns, types and constraints of each CSV table come from the JSON Schema of the collection's record
model (calculators.schemas), so the tables say what the models say: nested objects become dotted columns, lists
and free-form objects are JSON in one cell, and an empty cell is null. A list whose items refer to another
collection (`x-references`) also becomes a table of its own, one row per item, so the reference can be a
foreign key.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .collections import COLLECTIONS, envelope_model
from .dataset import RELEASE_VERSION
from .schemas import collection_schema
from .types import REFERENCES, SAME_COLLECTION

LICENCE_NOTE = (
    "Our compilation and structure of the data are licensed CC BY 4.0 (the code is MIT licensed: see LICENSE). "
    "The underlying legislation, regulations, "
    "guidelines and protocols are Crown copyright (State of Victoria) and are reproduced or quoted for "
    "information; consult the authorised versions."
)

MISSING_VALUES = [""]
"""An empty cell is null. The dataset holds no empty strings (the export refuses one), so nothing else is empty."""

DECIMAL_PATTERN = r"^-?\d+(\.\d+)?$"  # calculators.types.DecimalString: an exact decimal written as a string
FLAT_RATE_NOTE = (" For a flat-rate penalty (any_offender) this column repeats that figure when this kind of offender "
                  "can commit the offence (committed_by): the source gives one figure for every offender, so "
                  "filtering on either kind of offender finds it.")
EVERY_OFFENDER = ["individual", "body-corporate"]

Json = Any


@dataclass(frozen=True)
class Column:
    """One CSV column: where its value sits in a record (keys from the record down) and its Table Schema field."""

    path: tuple[str, ...]
    field: dict[str, Json]
    references: str | None = None
    scalar_only: bool = False  # a union of an object and a scalar: this column holds the scalar only

    def value(self, record: Json) -> Json:
        """The value at this column's path, or None where the path is absent or null."""
        for key in self.path:
            if not isinstance(record, dict):
                return None
            record = record.get(key)
        return None if self.scalar_only and isinstance(record, dict) else record


@dataclass
class Table:
    """One CSV table: the collection it comes from, its columns, and (for a list's own table) the list's path."""

    name: str
    collection: str
    columns: list[Column]
    list_path: tuple[str, ...] | None = None
    children: list[Table] = field(default_factory=list)

    def schema(self) -> dict[str, Json]:
        """The Table Schema: fields, primary key, foreign keys, missing values."""
        key = ["id"] if self.list_path is None else [self.columns[0].field["name"], "position"]
        foreign = [{"fields": column.field["name"], "reference": {"resource": f"{target}-csv", "fields": "id"}}
                   for column in self.columns if column.references
                   for target in [self.collection if column.references == SAME_COLLECTION else column.references]]
        return {"fields": [column.field for column in self.columns], "primaryKey": key,
                **({"foreignKeys": foreign} if foreign else {}), "missingValues": MISSING_VALUES}

    def rows(self, records: list[dict[str, Json]]) -> list[list[str]]:
        """The table's rows, as cell text, for the collection's records (dumped with defaults)."""
        if self.list_path is None:
            return [[_cell(column.value(record), column) for column in self.columns] for record in records]
        rows = []
        for record in records:
            items = Column(self.list_path, {}).value(record) or []
            for position, item in enumerate(items, start=1):
                values = [record["id"], position] + [column.value(item) for column in self.columns[2:]]
                rows.append([_cell(value, column) for value, column in zip(values, self.columns, strict=True)])
        return rows


def tables(collection: str) -> list[Table]:
    """The collection's table, followed by a table for each list in it whose items refer to another collection."""
    schema = collection_schema(collection)
    defs = schema.get("$defs", {})
    record = _resolve(schema["properties"]["records"]["items"], defs)
    table = Table(collection, collection, [])
    table.columns = _object_columns(record, defs, (), True, table)
    _note_flat_rates(table.columns)
    return [table, *table.children]


def _resolve(schema: dict[str, Json], defs: dict[str, Json]) -> dict[str, Json]:
    """Follow a $ref, keeping the description and annotations written beside it."""
    if "$ref" not in schema:
        return schema
    target = defs[schema["$ref"].rsplit("/", 1)[-1]]
    return {**target, **{key: value for key, value in schema.items() if key != "$ref"}}


def _object_columns(schema: dict[str, Json], defs: dict[str, Json], path: tuple[str, ...], required: bool,
                    table: Table) -> list[Column]:
    columns: list[Column] = []
    for key, prop in schema.get("properties", {}).items():
        columns += _columns(prop, defs, (*path, key), required, table)
    return columns


def _columns(schema: dict[str, Json], defs: dict[str, Json], path: tuple[str, ...], required: bool,
             table: Table) -> list[Column]:
    """The columns for the value at `path`. `required`: no object above it can be null."""
    schema = _resolve(schema, defs)
    if "anyOf" in schema:
        branches = [_resolve(branch, defs) for branch in schema["anyOf"]]
        nullable = any(branch.get("type") == "null" for branch in branches)
        objects = [branch for branch in branches if "properties" in branch]
        scalars = [branch for branch in branches if branch.get("type") != "null" and "properties" not in branch]
        columns = [column for branch in objects for column in _object_columns(branch, defs, path, False, table)]
        if scalars:
            merged = {**(scalars[0] if len(scalars) == 1 else {"type": "any"}),
                      **{key: schema[key] for key in ("description", REFERENCES) if key in schema}}
            columns.append(_scalar(merged, path, required and not nullable and not objects, bool(objects)))
        return columns
    if "properties" in schema:
        return _object_columns(schema, defs, path, required, table)
    if schema.get("type") == "array" and table.list_path is None and _refers(schema, defs):
        table.children.append(_list_table(schema, defs, path, table))
    return [_scalar(schema, path, required, False)]


def _refers(schema: dict[str, Json], defs: dict[str, Json]) -> bool:
    """Whether a list's items, or a field of them, refer to another collection."""
    items = _resolve(schema.get("items", {}), defs)
    return REFERENCES in schema or any(REFERENCES in prop for prop in items.get("properties", {}).values())


def _list_table(schema: dict[str, Json], defs: dict[str, Json], path: tuple[str, ...], parent: Table) -> Table:
    """A table with one row per item of a list: the record's id, the item's position, then the item's columns."""
    name = "-".join((parent.collection, *path)).replace("_", "-")
    child = Table(name, parent.collection, [], list_path=path)
    owner = Column((), {"name": f"{parent.collection}.id", "type": "string", "constraints": {"required": True},
                        "description": f"The id of the record in {parent.collection} whose list this item is in."},
                   references=parent.collection)
    position = Column((), {"name": "position", "type": "integer", "constraints": {"required": True, "minimum": 1},
                           "description": "The item's place in the list, from 1."})
    items = _resolve(schema.get("items", {}), defs)
    if "properties" in items:
        own = _object_columns(items, defs, (), True, child)
    else:
        item = _scalar({**items, **{key: schema[key] for key in (REFERENCES, "description") if key in schema}},
                       (path[-1],), True, False)
        own = [replace(item, path=())]
    child.columns = [owner, position, *own]
    return child


def _scalar(schema: dict[str, Json], path: tuple[str, ...], required: bool, scalar_only: bool) -> Column:
    """A Table Schema field for a JSON Schema that is not split into columns."""
    kind = schema.get("type")
    constraints: dict[str, Json] = {"required": True} if required else {}
    field: dict[str, Json] = {"name": ".".join(path)}
    if kind == "string" and schema.get("format") == "date":
        field["type"] = "date"
    elif kind == "string" and schema.get("format") == "date-time":
        field["type"] = "datetime"
    elif kind == "string" and schema.get("pattern") == DECIMAL_PATTERN:
        field["type"] = "number"
    elif kind == "string":
        field["type"] = "string"
        if "pattern" in schema:
            constraints["pattern"] = schema["pattern"].removeprefix("^").removesuffix("$")
        for bound in ("minLength", "maxLength"):
            if bound in schema:
                constraints[bound] = schema[bound]
    elif kind == "integer":
        field["type"] = "integer"
        for bound, name, step in (("minimum", "minimum", 0), ("exclusiveMinimum", "minimum", 1),
                                  ("maximum", "maximum", 0), ("exclusiveMaximum", "maximum", -1)):
            if bound in schema:
                constraints[name] = schema[bound] + step
    elif kind == "boolean":
        field.update(type="boolean", trueValues=["true"], falseValues=["false"])
    elif kind == "number":
        field["type"] = "number"
    elif kind == "array":
        field["type"] = "array"
        if "minItems" in schema:
            constraints["minLength"] = schema["minItems"]
    elif kind == "object":
        field["type"] = "object"
    else:
        field["type"] = "any"
    if "const" in schema:
        constraints["enum"] = [schema["const"]]
    elif "enum" in schema and field["type"] in ("string", "integer"):
        constraints["enum"] = schema["enum"]
    if schema.get("description"):
        field["description"] = schema["description"]
    if field["type"] in ("array", "object"):
        field["description"] = (field.get("description", "") + " JSON in the cell.").strip()
    if constraints:
        field["constraints"] = constraints
    references = schema.get(REFERENCES) if field["type"] == "string" else None
    return Column(path, field, references, scalar_only)


def _note_flat_rates(columns: list[Column]) -> None:
    """Say, on the offender columns of a penalty, that a flat-rate figure is repeated in both."""
    names = {column.field["name"] for column in columns}
    for column in columns:
        parent, _, leaf = column.field["name"].rpartition(".")
        if leaf in ("individual", "body_corporate") and f"{parent}.any_offender" in names:
            column.field["description"] = (column.field.get("description", "") + FLAT_RATE_NOTE).strip()


def _fill_flat_rates(value: Json, offenders: list[str]) -> Json:
    """A copy of a record in which a flat-rate penalty (any_offender) also fills the figure of each kind of
    offender who can commit the offence."""
    if isinstance(value, list):
        return [_fill_flat_rates(item, offenders) for item in value]
    if not isinstance(value, dict):
        return value
    filled = {key: _fill_flat_rates(item, offenders) for key, item in value.items()}
    if filled.get("any_offender") is not None and "individual" in filled and "body_corporate" in filled:
        for offender, key in (("individual", "individual"), ("body-corporate", "body_corporate")):
            if offender in offenders:
                filled[key] = filled["any_offender"]
    return filled


def _cell(value: Json, column: Column) -> str:
    """A value as CSV text: null empty, booleans true/false, lists and objects as JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    if value == "":
        raise ValueError(f"{column.field['name']}: an empty string would read as null in CSV")
    return str(value)


def records(collection: str, document: dict[str, Json]) -> list[dict[str, Json]]:
    """The collection file's records as its model reads them (defaults filled in), as JSON values."""
    envelope = envelope_model(collection).model_validate(document)
    dumped = envelope.model_dump(mode="json", by_alias=True)["records"]
    return [_fill_flat_rates(record, (record.get("committed_by") or {}).get("offenders") or EVERY_OFFENDER)
            for record in dumped]


def csv_text(table: Table, records: list[dict[str, Json]]) -> str:
    """One table as CSV text: a header of field names, then one line per row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(column.field["name"] for column in table.columns)
    writer.writerows(table.rows(records))
    return out.getvalue()


def csv_files(dataset_dir: Path) -> dict[str, str]:
    """Every CSV table of the dataset by file stem: one per collection, one per referring list."""
    files: dict[str, str] = {}
    for collection in sorted(COLLECTIONS):
        document = json.loads((dataset_dir / f"{collection}.json").read_text(encoding="utf-8"))
        rows = records(collection, document)
        for table in tables(collection):
            files[table.name] = csv_text(table, rows)
    return files


def to_csv(document: dict[str, Json]) -> str:
    """A collection file's records as its CSV table."""
    collection = document["collection"]
    return csv_text(tables(collection)[0], records(collection, document))


def _digest(content: bytes) -> dict[str, Json]:
    return {"bytes": len(content), "hash": f"sha256:{hashlib.sha256(content).hexdigest()}"}


def datapackage(dataset_dir: Path, version: str = RELEASE_VERSION) -> dict[str, Json]:
    """The Frictionless Data Package (v2) descriptor of release `version`: each collection's JSON file with its
    JSON Schema (`jsonSchema`), and each CSV table (`type: table`) with its Table Schema."""
    resources: list[dict[str, Json]] = []
    files = csv_files(dataset_dir)
    for collection in sorted(COLLECTIONS):
        content = (dataset_dir / f"{collection}.json").read_bytes()
        document = json.loads(content)
        resources.append({
            "name": collection,
            "path": f"{collection}.json",
            "type": "json",
            "format": "json",
            "mediatype": "application/json",
            "encoding": "utf-8",
            "jsonSchema": f"schemas/{collection}.schema.json",
            **_digest(content),
            "version": document["version"],
            "as_at": document["as_at"],
            "records": len(document["records"]),
            "sources": document["sources"],
        })
    for collection in sorted(COLLECTIONS):
        for table in tables(collection):
            description = (f"The {collection} collection as a table: one row per record." if table.list_path is None
                           else f"The list `{'.'.join(table.list_path)}` of each {collection} record, one row per "
                                "item, so that its references are foreign keys.")
            resources.append({
                "name": f"{table.name}-csv",
                "path": f"csv/{table.name}.csv",
                "type": "table",
                "description": description,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                **_digest(files[table.name].encode("utf-8")),
                "schema": table.schema(),
            })
    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "victorian-obligations-toolkit",
        "title": "Victorian Obligations Toolkit dataset",
        "description": "Victoria's social-services obligations as data: prescribed entities, overridden provisions, "
                       "trigger events, offences and penalty units, deadline rules, checklists and public holidays, "
                       "each record citing its source. Each collection is a JSON file (with its JSON Schema) and "
                       "a CSV table (with its Table Schema).",
        "version": version,
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                      "title": "Creative Commons Attribution 4.0"}],
        "copyright_note": LICENCE_NOTE,
        "resources": resources,
    }
