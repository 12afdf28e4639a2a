"""Golden legal cases: each worked by hand from the law (tests/cases/*.json), run through the command line."""

from __future__ import annotations

import datetime as dt

import pytest

from calculators import cli, penalties
from calculators.errors import InputError

from conftest import CASES, load_case


def matches(actual, expected) -> bool:
    """Equal, except that an expected object need only name some keys and an expected list matches item by item."""
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(key in actual and matches(actual[key], value)
                                                for key, value in expected.items())
    if isinstance(expected, list):
        return isinstance(actual, list) and len(actual) == len(expected) and all(map(matches, actual, expected))
    return actual == expected


def test_there_are_enough_cases():
    assert len(CASES) >= 30


@pytest.mark.parametrize("path", CASES, ids=[path.stem for path in CASES])
def test_case(path, monkeypatch):
    case = load_case(path)
    assert case["citation"], "every golden case cites the law it was worked from"
    assert case["working"], "every golden case shows its working"
    today = dt.date.fromisoformat(case.get("today", "2026-11-23"))
    monkeypatch.setattr(penalties, "today_in_melbourne", lambda: today)

    if "expected_error" in case:
        with pytest.raises((InputError, cli.UsageError)) as caught:
            cli.run(case["args"])
        field = case["expected_error"]["field"]
        if isinstance(caught.value, InputError):
            assert caught.value.field == field
        assert field in str(caught.value)
        for fragment in case["expected_error"].get("message_contains", []):
            assert fragment in str(caught.value), f"the error should mention {fragment!r}: {caught.value}"
        return

    result = cli.run(case["args"])
    for key, expected in case["expected"].items():
        assert matches(result[key], expected), f"{key}: expected {expected!r}, got {result[key]!r}"
    if "expected_warnings" in case:
        wanted = case["expected_warnings"]
        if not wanted:
            assert result["warnings"] == []
        for fragment in wanted:
            assert any(fragment.lower() in warning.lower() for warning in result["warnings"]), (
                f"no warning mentions {fragment!r}: {result['warnings']}")
    assert all(step["text"] for step in result["explanation"])
    assert any(step["citation"] for step in result["explanation"]), "a result cites at least one provision"
