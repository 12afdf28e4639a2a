"""The dataset: every file matches its model and its committed schema; generated files are current."""

from __future__ import annotations

import importlib.util
import json
from decimal import Decimal

import jsonschema
import pytest

from calculators import dataset
from calculators.collections import COLLECTIONS
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
        "2019-20": Decimal("165.22"), "2020-21": Decimal("165.22"), "2021-22": Decimal("181.74"),
        "2022-23": Decimal("184.92"), "2023-24": Decimal("192.31"), "2024-25": Decimal("197.59"),
    }


def test_datapackage_is_current():
    committed = (ROOT / "dataset" / "datapackage.json").read_text(encoding="utf-8")
    assert committed == _script("build_dataset").render_datapackage(), "run scripts/build_dataset.py"


def test_datapackage_lists_every_collection_with_its_hash():
    package = json.loads((ROOT / "dataset" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["version"] == dataset.RELEASE_VERSION
    assert [resource["name"] for resource in package["resources"]] == sorted(COLLECTIONS)
    for resource in package["resources"]:
        assert (ROOT / "dataset" / resource["path"]).stat().st_size == resource["bytes"]
        assert (ROOT / "dataset" / resource["schema"]).is_file()


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
        folder = f"victorian-obligations-dataset-{dataset.RELEASE_VERSION}"
        assert {f"{folder}/datapackage.json", f"{folder}/CHANGELOG.md"} <= names
        for collection in COLLECTIONS:
            assert f"{folder}/{collection}.json" in names
            assert f"{folder}/schemas/{collection}.schema.json" in names
            rows = list(csv.DictReader(io.StringIO(release.read(f"{folder}/csv/{collection}.csv").decode())))
            assert len(rows) == len(dataset.load(collection).records)
            assert rows[0]["id"] == dataset.load(collection).records[0].id
