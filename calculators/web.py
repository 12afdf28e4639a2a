"""The browser's entry point: the same command lines as the CLI, as JSON in and JSON out.

The page turns its form (whose field names are the CLI flag names) into an argument list; the Pyodide worker
calls `run_json`; the page renders what comes back. No law is written in JavaScript.
"""

from __future__ import annotations

import json
import re

from .cli import INTERNAL_ERROR, UsageError, run
from .errors import InputError, one_line
from .page import plain_error, present

_FLAG = re.compile(r"--([a-z][a-z0-9-]*)")


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
        result = run(argv)
        return json.dumps({"ok": True, "result": result, "page": present(command, result)}, ensure_ascii=False)
    except InputError as exc:
        return _error(command, exc.field, exc.message)
    except (UsageError, json.JSONDecodeError) as exc:
        flag = _FLAG.search(str(exc))
        return _error(command, flag.group(1) if flag else None, one_line(str(exc)))
    except Exception as exc:  # a bug: the page says so and stays usable (tests/test_no_traceback.py)
        return _error(command, None, f"{INTERNAL_ERROR}: {one_line(f'{type(exc).__name__}: {exc}', 200)}")


def _error(command: str, field: str | None, message: str) -> str:
    try:
        plain = plain_error(command, field, message)
    except Exception:  # the page's wording must never stop the reader seeing the error itself
        plain = {"field": field, "message": message}
    error = {"field": field, "message": message, "plain": plain}
    return json.dumps({"ok": False, "error": error}, ensure_ascii=False)
