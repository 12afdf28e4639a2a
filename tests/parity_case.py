"""One golden case run for the parity test: its result, or its error's type, field and message.

tests/test_parity.py imports this in CPython and tests/parity/run_cases.mjs loads the same file into Pyodide,
so both sides run cases one way. "today" is the case's own, else 2026-11-23, as in tests/test_golden_cases.py.
"""

from __future__ import annotations

import datetime as dt
import json

from calculators import cli, penalties


def run_case(case: dict) -> dict:
    today = dt.date.fromisoformat(case.get("today", "2026-11-23"))
    real_today = penalties.today_in_melbourne
    penalties.today_in_melbourne = lambda: today
    try:
        return {"result": cli.run(case["args"])}
    except Exception as exc:
        kind = type(exc)
        return {"error": {"type": f"{kind.__module__}.{kind.__qualname__}",
                          "field": getattr(exc, "field", None), "message": str(exc)}}
    finally:
        penalties.today_in_melbourne = real_today


def run_cases(cases_json: str) -> str:
    """Every case of a JSON object {id: case}, as a JSON object {id: run_case(case)}."""
    return json.dumps({case_id: run_case(case) for case_id, case in json.loads(cases_json).items()})
