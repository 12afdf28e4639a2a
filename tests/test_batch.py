"""Batch mode: JSON Lines in, one JSON line out per input line, in order; a bad line never stops the rest."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from calculators import batch
from calculators.cli import run as cli_run

from conftest import ROOT

QUESTIONS = [
    {"id": "a", "command": "penalty", "units": "6", "on": "2024-09-01"},
    {"id": "b", "command": "deadline", "from": "2025-04-11", "days": "7"},
    {"id": "c", "command": "check", "checklist": "ciss-sharing", "answer": {"discloser-prescribed": "yes"}},
    {"id": "d", "command": "penalty", "offence": "ssra-s47-1", "offender": "body-corporate", "on": "2024-09-01"},
    {"id": "e", "command": "deadline", "from": "2025-04-05T09:00", "hours": 24},
    {"id": "f", "command": "notify", "trigger": "treatment-order-made", "at": "2025-04-05T10:00"},
    {"id": "g", "command": "obligations", "event": "change-to-key-personnel", "on": "2025-04-14"},
    {"id": "h", "command": "retention", "completed": "2001-03-01", "born": "1990-05-02"},
]
ARGV = {  # the same questions as command lines
    "a": ["penalty", "--units", "6", "--on", "2024-09-01"],
    "b": ["deadline", "--from", "2025-04-11", "--days", "7"],
    "c": ["check", "ciss-sharing", "--answer", "discloser-prescribed=yes"],
    "d": ["penalty", "--offence", "ssra-s47-1", "--offender", "body-corporate", "--on", "2024-09-01"],
    "e": ["deadline", "--from", "2025-04-05T09:00", "--hours", "24"],
    "f": ["notify", "--trigger", "treatment-order-made", "--at", "2025-04-05T10:00"],
    "g": ["obligations", "--event", "change-to-key-personnel", "--on", "2025-04-14"],
    "h": ["retention", "--completed", "2001-03-01", "--born", "1990-05-02"],
}


def run_batch(text: str | bytes) -> subprocess.CompletedProcess:
    data = text.encode() if isinstance(text, str) else text
    return subprocess.run([sys.executable, "-m", "calculators", "batch"], input=data, capture_output=True,
                          cwd=ROOT, timeout=120)


def lines_out(done: subprocess.CompletedProcess) -> list[dict]:
    return [json.loads(line) for line in done.stdout.decode().splitlines()]


def test_each_answer_is_the_command_lines_result_with_the_id_copied_in():
    done = run_batch("".join(json.dumps(q) + "\n" for q in QUESTIONS))
    assert done.returncode == 0 and done.stderr == b""
    out = lines_out(done)
    assert [o["id"] for o in out] == [q["id"] for q in QUESTIONS]
    for o in out:
        ident = o.pop("id")
        assert o == cli_run(ARGV[ident]), ident
    assert out[0]["amount"] == "1185.54" and out[1]["due"] == "2025-04-22"


def test_bad_lines_get_an_error_line_each_and_never_stop_the_rest():
    text = "\n".join([
        json.dumps({"id": 1, "command": "penalty", "units": "NaN"}),
        "this is not JSON",
        json.dumps({"id": 2, "command": "deadline", "days": "7"}),
        "[1, 2]",
        "",
        json.dumps({"id": 3, "command": "fly"}),
        json.dumps({"id": 4, "command": "penalty", "units": "1", "colour": "red"}),
        json.dumps({"id": 5, "command": "check", "checklist": "ciss-sharing", "answer": "yes"}),
        json.dumps({"id": 6, "command": "penalty", "units": "1", "on": "2025-02-30"}),
        json.dumps({"command": "deadline", "from": "2025-04-11", "days": "7"}),
    ]) + "\n"
    done = run_batch(text)
    assert done.returncode == 0 and done.stderr == b""
    out = lines_out(done)
    assert len(out) == 10
    assert out[0] == {"id": 1, "error": out[0]["error"]} and out[0]["error"].startswith("units: ")
    assert out[1]["line"] == 2 and out[1]["error"].startswith("not JSON") and "id" not in out[1]
    assert out[2] == {"id": 2, "error": "from: the following arguments are required: --from"}
    assert out[3]["line"] == 4 and out[3]["error"].startswith("not a JSON object")
    assert out[4] == {"line": 5, "error": "not JSON: the line is empty"}
    assert out[5]["id"] == 3 and out[5]["error"].startswith("command: choose one of")
    assert out[6]["id"] == 4 and out[6]["error"].startswith("colour: ")
    assert out[7]["id"] == 5 and out[7]["error"].startswith("answer: ")
    assert out[8]["id"] == 6 and out[8]["error"].startswith("on: not a real date")
    assert out[9]["id"] is None and out[9]["due"] == "2025-04-22"


def test_a_line_that_is_not_utf8_is_an_error_line():
    done = run_batch(b"\xff\xfe\n" + json.dumps(QUESTIONS[0]).encode() + b"\n")
    out = lines_out(done)
    assert done.returncode == 0 and out[0]["line"] == 1 and out[0]["error"].startswith("not UTF-8")
    assert out[1]["id"] == "a"


def test_lists_come_under_results_and_flags_without_a_value_are_true():
    out = batch.answer(json.dumps({"id": "x", "command": "notify", "list": True}), 1)
    assert out["id"] == "x" and out["results"] == cli_run(["notify", "--list"])


def test_help_never_reaches_the_output_stream():
    out = [batch.answer(json.dumps({"id": 1, "command": "penalty", key: True}), 1) for key in ("help", "h", "he")]
    assert all(o["id"] == 1 and "error" in o for o in out)


@pytest.mark.parametrize("value", ["--help", "-h"])
def test_a_value_is_never_read_as_a_flag(value):
    out = batch.answer(json.dumps({"id": 1, "command": "check", "checklist": value}), 1)
    assert out["error"].startswith("checklist: ")
    out = batch.answer(json.dumps({"id": 1, "command": "penalty", "units": value}), 1)
    assert out["error"].startswith("units: ")


def test_exit_1_when_stdin_cannot_be_read(capsys):
    class Broken(io.RawIOBase):
        def readable(self):
            return True

        def readinto(self, buffer):
            raise OSError("device gone")

    stdout = io.StringIO()
    assert batch.main([], stdin=io.BufferedReader(Broken()), stdout=stdout) == 1
    assert stdout.getvalue() == ""
    assert capsys.readouterr().err == "error: stdin: cannot be read (device gone)\n"


def test_closed_stdin_exits_1_with_one_error_line():
    done = subprocess.run(["bash", "-c", f'"{sys.executable}" -m calculators batch <&-'], capture_output=True,
                          text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.startswith("error: stdin: cannot be read") and len(done.stderr.splitlines()) == 1


def test_batch_takes_no_arguments():
    done = subprocess.run([sys.executable, "-m", "calculators", "batch", "--units", "6"], capture_output=True,
                          text=True, cwd=ROOT, timeout=60, input="")
    assert done.returncode == 2 and done.stderr.startswith("error: batch takes no arguments")


def test_an_answer_is_one_line_for_any_line_splitter():
    done = run_batch(json.dumps({"id": "a\u2028b\u2029c\x85d", "command": "penalty", "units": "6",
                                 "on": "2024-09-01"}, ensure_ascii=False) + "\n")
    (line,) = done.stdout.decode().splitlines()
    assert json.loads(line)["id"] == "a\u2028b\u2029c\x85d"
