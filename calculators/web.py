"""The browser's entry point: the same command lines as the CLI, as JSON in and JSON out.

The page turns its form (whose field names are the CLI flag names) into an argument list; the Pyodide worker
calls `run_json`; the page renders what comes back. No law is written in JavaScript.
"""

from __future__ import annotations

import contextlib
import io
import json
import re

from .cli import INTERNAL_ERROR, UsageError, run
from .errors import InputError, one_line
from .page import plain_error, present
from .public_holidays import calendar

_FLAG = re.compile(r"--([a-z][a-z0-9-]*)")
HELP_IS_NOT_A_QUESTION = "the command line's help and version are not questions: give the question's fields instead"

SELF_TEST = (
    ("penalty", "--units", "6", "--on", "2024-09-01"),
    ("penalty", "--offence", "ssra-s47-1", "--offender", "body-corporate", "--on", "2024-09-01"),
    ("deadline", "--from", "2025-04-11", "--days", "7"),
    ("deadline", "--from", "2025-04-05T09:00", "--hours", "24"),
    ("deadline", "--from", "2025-01-31", "--months", "1", "--basis", "protocol"),
    ("deadline", "--rule", "ssr-reg-35-1", "--from", "2025-04-01"),
    ("notify", "--trigger", "treatment-order-made", "--at", "2025-04-05T10:00"),
    ("obligations", "--event", "change-to-key-personnel", "--on", "2025-04-14"),
    ("check", "ciss-sharing", "--answer", "discloser-prescribed=yes"),
    ("retention", "--completed", "2001-03-01", "--born", "1990-05-02"),
)
"""Questions for every calculator, with fixed dates (the answers never depend on the day they are asked)."""


def run_json(argv_json: str) -> str:
    """`{"ok": true, "result": ..., "page": ...}` or `{"ok": false, "error": {"field", "message", "plain"}}`, as
    JSON text. `page` is what the page shows first (calculators.page.present); `plain` is the error in the page's
    words, naming the field as the page labels it.

    Never raises: the message is one line of bounded length, and `field` is null when no field is to blame."""
    command = ""
    try:
        argv = json.loads(argv_json)
        if not isinstance(argv, list) or not all(isinstance(item, str) for item in argv):
            raise UsageError("the request must be a list of strings")
        command = argv[0] if argv else ""
        with contextlib.redirect_stdout(io.StringIO()):  # argparse prints help (-h) before it exits
            result = run(argv)
        return json.dumps({"ok": True, "result": result, "page": present(command, result)}, ensure_ascii=False)
    except InputError as exc:
        return _error(command, exc.field, exc.message, exc)
    except (UsageError, json.JSONDecodeError) as exc:
        flag = _FLAG.search(str(exc))
        return _error(command, flag.group(1) if flag else None, one_line(str(exc)))
    except SystemExit:  # -h, --help or --version: the command line prints them; the page asks questions only
        return _error(command, None, HELP_IS_NOT_A_QUESTION)
    except Exception as exc:  # a bug: the page says so and stays usable (tests/test_no_traceback.py)
        return _error(command, None, f"{INTERNAL_ERROR}: {one_line(f'{type(exc).__name__}: {exc}', 200)}")


def _error(command: str, field: str | None, message: str, exc: InputError | None = None) -> str:
    try:
        plain = plain_error(command, field, message, exc)
    except Exception:  # the page's wording must never stop the reader seeing the error itself
        plain = {"field": field, "message": message}
    error = {"field": field, "message": message, "plain": plain}
    return json.dumps({"ok": False, "error": error}, ensure_ascii=False)


def holiday_table() -> str:
    """Every public holiday the calculators count, as JSON text: date, name and whether it is an estimate."""
    holidays = calendar()
    return json.dumps([[day.isoformat(), holiday.name, holiday.estimated]
                       for day, on_day in sorted(holidays.by_date.items()) for holiday in on_day], ensure_ascii=False)


def self_test() -> str:
    """The results of SELF_TEST and the holiday table, as one JSON text (the page's presentation is left out:
    its calendar file is stamped with the time it is made).

    The runtime's build records its sha256 as CPython gives it (scripts/build_runtime.py); the browser requires
    a Python restored from a memory snapshot to give the same before it answers anyone, so a damaged snapshot
    never gives a wrong answer. Run once before the snapshot is taken, it also warms every calculator up."""
    answers = []
    for question in SELF_TEST:
        answer = json.loads(run_json(json.dumps(question)))
        answer.pop("page", None)
        answers.append(answer)
    return json.dumps([answers, holiday_table()], ensure_ascii=False)
