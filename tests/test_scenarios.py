"""Training scenarios can never show a wrong answer: each is a golden case, and the engine agrees with it."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from urllib.parse import parse_qsl, urlsplit

import pytest
from test_golden_cases import matches

from calculators import cli, dataset, penalties

from conftest import ROOT, load_case

SCENARIOS = dataset.load("scenarios").records


def test_at_least_three_scenarios_per_calculator():
    counts = Counter(scenario.calculator for scenario in SCENARIOS)
    assert all(counts[calculator] >= 3 for calculator in ("penalty", "deadline", "notify", "obligations", "check",
                                                          "retention")), counts


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda scenario: scenario.id)
def test_scenario_is_its_golden_case_and_the_engine_agrees(scenario, monkeypatch):
    case = load_case(ROOT / "tests" / "cases" / f"{scenario.golden_case}.json")
    assert scenario.args == case["args"] and scenario.expected == case["expected"]
    assert scenario.calculator == scenario.args[0]
    monkeypatch.setattr(penalties, "today_in_melbourne", lambda: dt.date.fromisoformat(case.get("today", "2026-11-23")))
    result = cli.run(scenario.args)
    assert all(matches(result[key], value) for key, value in scenario.expected.items())


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda scenario: scenario.id)
def test_embed_link_carries_the_same_inputs(scenario):
    link = urlsplit(scenario.embed)
    assert link.path == f"embed/{scenario.calculator}/"
    argv = [scenario.calculator]
    for name, value in parse_qsl(link.query):
        argv += [value] if name == "checklist" else [f"--{name}", value]
    assert argv == scenario.args
