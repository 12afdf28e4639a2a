"""The browser's entry point: the same command lines as the CLI, as JSON in and JSON out.

The page turns its form (whose field names are the CLI flag names) into an argument list; the Pyodide worker
calls `run_json`; the page renders what comes back. No law is written in JavaScript.
"""

from __future__ import annotations

import json
import re

from .cli import UsageError, run
from .errors import InputError

_FLAG = re.compile(r"--([a-z][a-z0-9-]*)")


def run_json(argv_json: str) -> str:
    """`{"ok": true, "result": ...}` or `{"ok": false, "error": {"field": ..., "message": ...}}`, as JSON text."""
    try:
        argv = json.loads(argv_json)
        if not isinstance(argv, list) or not all(isinstance(item, str) for item in argv):
            raise UsageError("the request must be a list of strings")
        return json.dumps({"ok": True, "result": run(argv)}, ensure_ascii=False)
    except InputError as exc:
        return json.dumps({"ok": False, "error": {"field": exc.field, "message": exc.message}}, ensure_ascii=False)
    except (UsageError, json.JSONDecodeError) as exc:
        flag = _FLAG.search(str(exc))
        field = flag.group(1) if flag else None
        return json.dumps({"ok": False, "error": {"field": field, "message": str(exc)}}, ensure_ascii=False)
