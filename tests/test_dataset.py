"""The dataset: every file matches its model and its committed schema; generated files are current."""

from __future__ import annotations

import importlib.util
import json
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import get_args

import jsonschema
import pytest

from calculators import dataset, exports
from calculators.collections import COLLECTIONS
from calculators.collections.deadline_rules import Convention
from calculators.schemas import render

from conftest import ROOT

SCHEMAS = ROOT / "schemas"


def _script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("collection", sorted(COLLECTIONS))
def test_collection_loads_through_its_model(collection):
    envelope = dataset.load(collection)
    assert envelope.collection == collection and envelope.records


@pytest.mark.parametrize("collection", sorted(COLLECTIONS))
def test_committed_schema_equals_the_model(collection):
    committed = (SCHEMAS / f"{collection}.schema.json").read_text(encoding="utf-8")
    assert committed == render(collection), "run scripts/export_schemas.py and commit the result"


def test_no_schema_without_a_collection():
    assert {path.name.removesuffix(".schema.json") for path in SCHEMAS.glob("*.schema.json")} == set(COLLECTIONS)


@pytest.mark.parametrize("collection", sorted(COLLECTIONS))
def test_file_validates_against_its_committed_schema(collection):
    schema = json.loads((SCHEMAS / f"{collection}.schema.json").read_text(encoding="utf-8"))
    document = dataset.raw(collection)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(document)
    assert document["$schema"] == f"schemas/{collection}.schema.json"  # dataset/schemas links to schemas/


def test_public_holidays_file_equals_the_pinned_library():
    generated = _script("build_public_holidays").render()
    committed = (ROOT / "dataset" / "public-holidays.json").read_text(encoding="utf-8")
    assert committed == generated, "run scripts/build_public_holidays.py and commit the result"


def test_public_holidays_include_the_victorian_specials():
    names = {(h.date.isoformat(), h.name) for h in dataset.load("public-holidays").records}
    assert ("2025-04-19", "Easter Saturday") in names
    assert ("2025-04-20", "Easter Sunday") in names
    assert ("2025-09-26", "Friday before the AFL Grand Final") in names
    assert ("2025-11-04", "Melbourne Cup Day") in names
    assert ("2021-12-27", "Christmas Day (observed)") in names


def test_public_holidays_use_the_acts_names_and_keep_their_ids():
    # Public Holidays Act 1993 (Vic) s 6(d): 'the second Monday in March (Labour Day)'. python-holidays says
    # "Labor Day"; the name is the Act's, the published id keeps the library's spelling.
    records = dataset.load("public-holidays").records
    assert not any(h.name == "Labor Day" for h in records)
    labour = {h.date.isoformat(): h for h in records if h.name == "Labour Day"}
    assert len(labour) == 17 and labour["2025-03-10"].id == "2025-03-10-labor-day"
    assert labour["2025-03-10"].source.provision.startswith("s 6(d)")


def test_penalty_unit_values_are_those_in_facts():
    # FACTS.md, "Penalty unit values (Victoria)"; SSR 2023 endnote 3 for 2024-25.
    values = {r.financial_year: r.penalty_unit for r in dataset.load("penalty-units").records}
    assert values == {
        "2018-19": Decimal("161.19"), "2019-20": Decimal("165.22"), "2020-21": Decimal("165.22"), "2021-22": Decimal("181.74"),
        "2022-23": Decimal("184.92"), "2023-24": Decimal("192.31"), "2024-25": Decimal("197.59"),
    }


def test_datapackage_is_current():
    committed = (ROOT / "dataset" / "datapackage.json").read_text(encoding="utf-8")
    assert committed == _script("build_dataset").render_datapackage(), "run scripts/build_dataset.py"


def test_datapackage_lists_every_collection_with_its_hash():
    package = json.loads((ROOT / "dataset" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["version"] == dataset.RELEASE_VERSION
    assert [r["name"] for r in package["resources"] if r["type"] == "json"] == sorted(COLLECTIONS)
    for resource in package["resources"]:
        assert (ROOT / "dataset" / resource["path"]).stat().st_size == resource["bytes"]
        if resource["type"] == "json":  # a JSON Schema, where the standard has room for it; `schema` is tabular
            assert "schema" not in resource and (ROOT / "dataset" / resource["jsonSchema"]).is_file()
        else:
            assert resource["type"] == "table" and resource["path"] == f"csv/{resource['name'][:-4]}.csv"
            assert resource["schema"]["missingValues"] == [""]
    tables = {r["name"] for r in package["resources"] if r["type"] == "table"}
    assert {f"{collection}-csv" for collection in COLLECTIONS} <= tables


def test_changelog_records_the_release():
    changelog = (ROOT / "dataset" / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {dataset.RELEASE_VERSION}" in changelog
    for collection in COLLECTIONS:
        assert f"`{collection}`" in changelog, f"CHANGELOG.md does not mention {collection}"


def test_release_zip_holds_json_csv_and_schema_of_every_collection(tmp_path):
    import csv
    import io
    import zipfile

    target = _script("build_dataset").write_release(tmp_path)
    assert target.name == f"dataset-{dataset.RELEASE_VERSION}.zip"
    with zipfile.ZipFile(target) as release:
        names = set(release.namelist())
        assert {"datapackage.json", "CHANGELOG.md", "LICENSE"} <= names  # at the root, where Frictionless looks
        for collection in COLLECTIONS:
            assert f"{collection}.json" in names
            assert f"schemas/{collection}.schema.json" in names
            rows = list(csv.DictReader(io.StringIO(release.read(f"csv/{collection}.csv").decode())))
            assert len(rows) == len(dataset.load(collection).records)
            assert rows[0]["id"] == dataset.load(collection).records[0].id


def test_two_builds_of_the_release_zip_are_byte_identical(tmp_path):
    """Built again elsewhere from copies (new paths, new file times), the zip is the same bytes."""
    import shutil
    import zipfile

    build_dataset = _script("build_dataset")
    first = build_dataset.write_release(tmp_path / "first").read_bytes()
    copy = tmp_path / "copy"
    for folder in ("dataset", "schemas", "releases"):
        shutil.copytree(ROOT / folder, copy / folder, symlinks=True, copy_function=shutil.copy)  # new times
    shutil.copy(ROOT / "LICENSE", copy / "LICENSE")
    second = build_dataset.write_release(tmp_path / "second", copy)
    assert second.read_bytes() == first
    with zipfile.ZipFile(second) as release:
        assert {info.date_time for info in release.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert release.namelist() == sorted(release.namelist())


def test_csv_tables_are_current():
    generated = exports.csv_files(ROOT / "dataset")
    committed = {path.stem: path.read_text(encoding="utf-8") for path in (ROOT / "dataset" / "csv").glob("*.csv")}
    assert committed.keys() == generated.keys(), "run scripts/build_dataset.py"
    for name, text in generated.items():
        assert committed[name] == text, f"dataset/csv/{name}.csv is stale: run scripts/build_dataset.py"


def _frictionless_errors(descriptor: Path) -> list[str]:
    import frictionless

    report = frictionless.validate(str(descriptor))
    assert report.stats["tasks"] == len(json.loads(descriptor.read_text(encoding="utf-8"))["resources"])
    return [f"{task.name}: {error.type}: {error.message}" for task in report.tasks for error in task.errors] + \
           [f"package: {error.type}: {error.message}" for error in report.errors]


def test_frictionless_validates_the_data_package():
    assert _frictionless_errors(ROOT / "dataset" / "datapackage.json") == []


def test_frictionless_validates_the_release_zips_copy(tmp_path):
    """As a data user meets it: `frictionless validate --type package dataset-<version>.zip`, and unpacked."""
    import frictionless

    target = _script("build_dataset").write_release(tmp_path)
    report = frictionless.validate(str(target), type="package")
    assert report.valid and report.stats["tasks"] == len(json.loads(
        (ROOT / "dataset" / "datapackage.json").read_text(encoding="utf-8"))["resources"]), report.flatten(["message"])


def _ajv(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["node", str(ROOT / "scripts" / "check_schemas.mjs"), str(folder)], capture_output=True,
                          text=True, timeout=120)


def test_ajv_in_strict_mode_compiles_every_schema_and_validates_every_file():
    done = _ajv(ROOT / "dataset")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip().endswith(f"{len(COLLECTIONS)} schemas compiled in strict mode, 0 problems")


@pytest.mark.parametrize("old, new, problem", [
    ('"x-references": "deadline-rules"', '"x-refs": "deadline-rules"', 'strict mode: unknown keyword: "x-refs"'),
    ('"x-references": "deadline-rules"', '"x-references": "Deadline rules"', "must match pattern"),
    ('"format": "date"', '"format": "day"', 'unknown format "day"'),
])
def test_ajv_strict_mode_is_on_and_the_references_keyword_declared_exactly(tmp_path, old, new, problem):
    import shutil

    shutil.copytree(ROOT / "dataset", tmp_path / "dataset", symlinks=False)
    schema = tmp_path / "dataset" / "schemas" / "provider-events.schema.json"
    text = schema.read_text(encoding="utf-8")
    assert old in text
    schema.write_text(text.replace(old, new, 1), encoding="utf-8")
    done = _ajv(tmp_path / "dataset")
    assert done.returncode == 1 and "provider-events.schema.json: " in done.stdout and problem in done.stdout, \
        done.stdout


def _broken_copy(tmp_path, table: str, old: str, new: str):
    """A copy of the data package in which one CSV cell is changed (and the descriptor's hash follows)."""
    import hashlib
    import shutil

    copy = tmp_path / "dataset"
    shutil.copytree(ROOT / "dataset", copy, symlinks=False)
    path = copy / "csv" / f"{table}.csv"
    content = path.read_text(encoding="utf-8")
    assert old in content
    path.write_text(content.replace(old, new, 1), encoding="utf-8")
    package = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        if resource["path"] == f"csv/{table}.csv":
            data = path.read_bytes()
            resource["bytes"], resource["hash"] = len(data), f"sha256:{hashlib.sha256(data).hexdigest()}"
    (copy / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    return copy / "datapackage.json"


@pytest.mark.parametrize("table, old, new, error", [
    ("provider-events-obligations", ",ssr-reg-35-1,", ",ssr-reg-99,", "foreign-key"),
    ("provider-events", ",ssr-reg-36,", ",no-such-checklist,", "foreign-key"),
    ("deadline-rules", ",statutory-days,", ",weekly,", "constraint-error"),
    ("penalty-units", ",197.59,", ",lots,", "type-error"),
    ("trigger-events", "\nrestrictive-intervention-used,", "\nRestrictive Intervention,", "constraint-error"),
])
def test_frictionless_catches_what_the_table_schemas_forbid(tmp_path, table, old, new, error):
    errors = _frictionless_errors(_broken_copy(tmp_path, table, old, new))
    assert errors and all(f": {error}:" in message for message in errors), errors


def test_table_schemas_follow_the_models():
    fields = {field["name"]: field for field in exports.tables("offences")[0].schema()["fields"]}
    assert fields["id"]["constraints"] == {"required": True, "pattern": "[a-z0-9]+(-[a-z0-9]+)*"}
    assert fields["in_force.from"]["type"] == "date" and "constraints" not in fields["in_force.from"]
    assert fields["in_force.from_source"]["constraints"] == {"enum": ["not stated in the sources"]}
    assert fields["infringement_penalty.individual"]["type"] == "number"
    assert fields["infringement_offence"] == {**fields["infringement_offence"], "type": "boolean",
                                              "constraints": {"required": True}}
    rules = {field["name"]: field for field in exports.tables("deadline-rules")[0].schema()["fields"]}
    assert set(rules["convention"]["constraints"]["enum"]) == set(get_args(Convention))
    assert rules["period"] == {**rules["period"], "type": "integer", "constraints": {"minimum": 1}}
    assert rules["annual_dates"]["type"] == "array" and rules["annual_dates"]["constraints"] == {"required": True}
    for collection in COLLECTIONS:
        assert exports.tables(collection)[0].schema()["primaryKey"] == ["id"]


def test_flat_rate_offences_fill_the_offender_columns_of_those_who_can_commit_them():
    import csv

    rows = {row["id"]: row for row in csv.DictReader((ROOT / "dataset" / "csv" / "offences.csv").open(encoding="utf-8"))}
    flat = [row for row in rows.values() if row["infringement_penalty.any_offender"]]
    assert {row["id"] for row in flat} >= {"ssra-s85-1", "ssra-s204-1", "ssra-s221-4"}
    for row in flat:
        figure = row["infringement_penalty.any_offender"]
        assert row["infringement_penalty.individual"] == figure
        assert row["infringement_penalty.body_corporate"] == ("" if row["committed_by.offenders"] == '["individual"]'
                                                              else figure)
    assert rows["ssra-s91-1"]["infringement_penalty.body_corporate"] == ""  # a worker's duty only


def test_csv_tells_null_from_an_empty_list():
    import frictionless

    package = frictionless.Package(str(ROOT / "dataset" / "datapackage.json"))
    rows = package.get_resource("trigger-events-csv").read_rows()
    monthly = next(row for row in rows if row["monthly_by_day"] is not None)
    assert monthly["timeframe_hours"] is None  # an empty cell is null
    assert any(row["sections"] == [] for row in rows) and any(row["sections"] for row in rows)
    with pytest.raises(ValueError, match="empty string"):
        exports.to_csv({**dataset.raw("map-members"), "records": [
            {**dataset.raw("map-members")["records"][0], "title": ""}]})
