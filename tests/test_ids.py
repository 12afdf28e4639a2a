"""Ids you can build on: one id per real-world thing across collections, aliases for renamed ids, and every
reference in the dataset naming a record that exists."""

from __future__ import annotations

import copy
import subprocess
import sys

import pytest

from calculators import dataset, ids
from calculators.collections import COLLECTIONS
from calculators.collections.base import Envelope

from conftest import ROOT


@pytest.fixture
def documents() -> dict[str, dict]:
    return {collection: copy.deepcopy(dataset.raw(collection)) for collection in COLLECTIONS}


def test_the_dataset_keeps_the_id_policy(documents):
    assert ids.problems(documents) == []


def test_a_cross_collection_collision_fails(documents):
    documents["checklists"]["records"][0]["id"] = documents["deadline-rules"]["records"][0]["id"]
    (problem,) = ids.problems(documents)
    assert problem.startswith(f"collision: {documents['deadline-rules']['records'][0]['id']!r} is an id in "
                              "checklists, deadline-rules")


def test_a_shared_id_in_an_undeclared_collection_fails(documents):
    documents["map-members"]["records"][0]["id"] = "victorian-institute-of-teaching"
    problems = ids.problems(documents)
    assert any(p.startswith("collision: 'victorian-institute-of-teaching'") for p in problems), problems


def test_an_unresolved_reference_fails(documents):
    documents["provider-events"]["records"][0]["obligations"][0]["rule"] = "ssr-reg-99"
    documents["prescribed-entities"]["records"][0]["listed_with"] = ["no-such-entity"]
    problems = ids.problems(documents)
    assert len(problems) == 2
    assert problems[0].startswith("unresolved: prescribed-entities") and "'no-such-entity'" in problems[0]
    assert problems[1].startswith("unresolved: provider-events") and "obligations.*.rule = 'ssr-reg-99'" in problems[1]


def test_a_reference_must_use_the_current_id_not_an_alias(documents):
    event = next(r for r in documents["provider-events"]["records"] if r["obligations"])
    rules = documents["deadline-rules"]["records"]
    renamed = next(r for r in rules if r.get("aliases"))
    event["obligations"][0]["rule"] = renamed["aliases"][0]
    assert any(p.startswith("unresolved: provider-events") for p in ids.problems(documents))


def test_an_alias_may_not_repeat_an_id_of_its_collection(documents):
    rules = documents["deadline-rules"]["records"]
    rules[0]["aliases"] = [rules[1]["id"]]
    assert ids.problems(documents) == [f"deadline-rules: {rules[1]['id']!r} is the id or alias of two records"]
    with pytest.raises(ValueError, match="duplicate record id or alias"):
        Envelope[COLLECTIONS["deadline-rules"]].model_validate(documents["deadline-rules"])


def test_the_references_the_schemas_declare():
    assert ids.reference_paths("provider-events") == [
        (("supersedes",), "provider-events"), (("obligations", "*", "rule"), "deadline-rules"),
        (("checklist",), "checklists")]
    assert (("listed_with", "*"), "prescribed-entities") in ids.reference_paths("prescribed-entities")


@pytest.mark.parametrize("collection, old, new", [
    ("deadline-rules", "ssr-reg-34-2", "ssr-reg-34-2-short-term-engagement"),
    ("prescribed-entities", "disability-worker-registration-board-of-victoria", "disability-worker-registration-board"),
])
def test_a_renamed_id_still_resolves_in_its_collection(collection, old, new):
    record = dataset.load(collection).by_id(old)
    assert record is not None and record.id == new and old in record.aliases


def test_the_command_line_accepts_a_renamed_rules_old_id():
    done = subprocess.run([sys.executable, "-m", "calculators", "deadline", "--rule", "ssr-reg-34-2", "--from",
                           "2025-04-01"], capture_output=True, text=True, cwd=ROOT, timeout=60)
    new = subprocess.run([sys.executable, "-m", "calculators", "deadline", "--rule",
                          "ssr-reg-34-2-short-term-engagement", "--from", "2025-04-01"],
                         capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (new.returncode, new.stdout, new.stderr)
    assert "unknown" not in done.stderr


def test_the_id_policy_and_every_shared_id_are_written_on_the_dataset_page():
    page = (ROOT / "docs" / "dataset" / "index.md").read_text(encoding="utf-8")
    assert "## Ids" in page and "never changes" in page and "aliases" in page
    for ident in ids.SHARED_IDS:
        assert f"`{ident}`" in page, ident
    changelog = (ROOT / "dataset" / "CHANGELOG.md").read_text(encoding="utf-8").split("\n## ")[0]
    assert "alias" in changelog

