"""Batch mode: `python -m calculators batch` answers many questions, one JSON object per line (JSON Lines).

Each input line is a question: `{"id": "a", "command": "penalty", "units": "6", "on": "2024-09-01"}`, the keys
being the command's flag names (`"from"` for `--from`, `"answer"` an object of KEY: VALUE, `"checklist"` the
checklist id, `true` for a flag without a value). Each output line, in input order, is the result object the
command line prints with the question's `"id"` copied in (a list, such as `--list`, under `"results"`), or
`{"id": ..., "error": "<field>: <message>"}` for a question that cannot be answered, or
`{"line": N, "error": ...}` for a line that is not a JSON object. A bad line never stops the rest.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from typing import IO

from .cli import COMMANDS, PROG, UsageError, run
from .errors import InputError, one_line, shown

_KEY = re.compile(r"[a-z][a-z0-9-]*")
_FLAG = re.compile(r"--([a-z][a-z0-9-]*)")
_LINE_BREAKS = {ord(c): f"\\u{ord(c):04x}" for c in "\x85\u2028\u2029"}
"""Characters that some readers take for a line break, escaped (as JSON allows) so an answer is always one line."""
_FIELD = re.compile(r"[a-z][a-z0-9_.-]*: ")


def argv_for(question: dict[str, object]) -> list[str]:
    """The command line a question stands for; raises UsageError naming the key that cannot be one."""
    command = question.get("command")
    if command not in COMMANDS:
        raise UsageError(f"command: choose one of {', '.join(COMMANDS)}" + ("" if command is None else
                                                                              f" (got {shown(command)})"))
    argv = [str(command)]
    for key, value in question.items():
        if key in ("id", "command"):
            continue
        flag = key.replace("_", "-")
        if not _KEY.fullmatch(flag) or "help".startswith(flag):
            raise UsageError(f"{shown(key)}: not a flag of {command}")
        if command == "check" and flag == "checklist":
            if not isinstance(value, str) or value.startswith("-"):
                raise UsageError("checklist: expected a checklist id (see check --list)")
            argv.insert(1, value)
        elif flag == "answer":
            argv += [f"--answer={answer}" for answer in _answers(value)]
        elif value is True:
            argv.append(f"--{flag}")
        elif value is False or value is None:
            continue
        elif isinstance(value, (str, int, float)):
            argv.append(f"--{flag}={value}")
        else:
            raise UsageError(f"{key}: expected a string, a number, true or false")
    return argv


def _answers(value: object) -> list[str]:
    """`--answer` values from an object of KEY: VALUE (or a list of 'KEY=VALUE' strings)."""
    if isinstance(value, dict):
        return [f"{key}={answer}" for key, answer in value.items()]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return list(value)
    raise UsageError("answer: expected an object of answers, e.g. {\"discloser-prescribed\": \"yes\"}")


def _error_text(exc: Exception) -> str:
    """`<field>: <message>`, the field found in the message where argparse wrote only a flag."""
    message = str(exc)
    if isinstance(exc, InputError) or _FIELD.match(message):
        return message
    flag = _FLAG.search(message)
    return f"{flag.group(1) if flag else 'input'}: {message}"


def answer(line: str, number: int, prog: str = PROG) -> dict[str, object]:
    """The output object for one input line."""
    if not line.strip():
        return {"line": number, "error": "not JSON: the line is empty"}
    try:
        question = json.loads(line)
    except ValueError as exc:
        return {"line": number, "error": one_line(f"not JSON: {exc}")}
    if not isinstance(question, dict):
        return {"line": number, "error": "not a JSON object: each line is one question, {\"command\": ...}"}
    ident = question.get("id")
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # argparse's help never reaches the output stream
            result = run(argv_for(question), prog)
    except (InputError, UsageError) as exc:
        return {"id": ident, "error": _error_text(exc)}
    except SystemExit:
        return {"id": ident, "error": "help: not available in batch mode; run the command with --help"}
    except Exception as exc:  # a fault of ours on one line must not stop the others; it is reported, not hidden
        return {"id": ident, "error": one_line(f"internal: {type(exc).__name__}: {exc}")}
    return {"id": ident, "results": result} if isinstance(result, list) else {"id": ident, **result}


def answers(lines: Iterable[bytes], prog: str = PROG) -> Iterator[str]:
    """One JSON text per input line, in order."""
    for number, raw in enumerate(lines, start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            output: dict[str, object] = {"line": number, "error": one_line(f"not UTF-8: {exc}")}
        else:
            output = answer(line, number, prog)
        yield json.dumps(output, ensure_ascii=False).translate(_LINE_BREAKS)


def main(argv: list[str], prog: str = PROG, stdin: IO[bytes] | None = None, stdout: IO[str] | None = None) -> int:
    """Answer every line of stdin on stdout; 0 unless stdin cannot be read (1), or arguments are given (2)."""
    out = stdout or sys.stdout
    if argv:
        print(f"error: batch takes no arguments, only questions on stdin (got {shown(argv[0])})", file=sys.stderr)
        return 2
    try:
        source = stdin or sys.stdin.buffer
        for text in answers(source, prog):
            out.write(text + "\n")
    except (OSError, AttributeError, ValueError) as exc:
        print(f"error: stdin: cannot be read ({exc})", file=sys.stderr)
        return 1
    out.flush()
    return 0
