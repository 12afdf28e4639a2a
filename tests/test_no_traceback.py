"""No input gives a traceback: every subcommand of the command line, and the browser's entry point
(`calculators.web.run_json`), answers generated inputs with JSON and exit 0, or one short `error:` line and
exit 2. Extreme and out-of-range dates are field errors; error lines never echo a huge input.

Hypothesis draws each subcommand's own flags with values of their kind (dates from year 1 to 9999, instants
with and without offsets, numbers of every size and spelling, the dataset's ids) mixed with noise.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import re

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculators import batch, checklists, cli, dataset, web
from calculators.deadlines import DeadlineResult
from calculators.errors import MAX_MESSAGE, MAX_SHOWN
from calculators.notifications import NotificationResult
from calculators.penalties import OffencePenaltyResult, PenaltyResult
from calculators.retention import RetentionResult
from calculators.rules import ObligationsResult, RuleDeadlineResult

HUGE = "9" * 100_000
noise = st.one_of(st.text(max_size=30), st.sampled_from(["", " ", "a\nb", "--", "=", "x" * 5000, HUGE, "é\u2028z"]))
dates = st.one_of(
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(dt.date.isoformat),
    st.sampled_from(["0001-01-01", "9999-12-31", "9999-12-01", "9974-12-31", "1894-12-31", "2025-02-29",
                     "2024-02-29", "2025-13-01", "2025-04-11 ", "20250411"]),
    noise,
)
offsets = st.sampled_from(["", "Z", "+10:00", "+11:00", "+14:00", "-12:00", "+00:00"])
instants = st.one_of(
    st.builds(lambda moment, offset: moment.isoformat(timespec="minutes") + offset,
              st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31, 23, 59)), offsets),
    st.sampled_from(["0001-01-01T00:00", "9999-12-31T23:00", "9999-12-31T23:59-12:00", "0001-01-01T00:00+14:00",
                     "1895-01-31T23:59", "1895-02-01T00:10", "1895-02-01T00:30", "2025-04-06T02:30",
                     "2025-10-05T02:30", "2025-04-05T24:00", "9999-06-30T20:00", "9999-12-31T20:00"]),
    dates,
)
numbers = st.one_of(
    st.integers(min_value=-10**25, max_value=10**25).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.floats().map(repr),
    st.sampled_from(["0", "1", "1e-10", "1E+400", "-0", "0.0", "3660", "3661", "8784", "120", "28", "29", "NaN",
                     "Infinity", "1_000", "٣"]),
    noise,
)


def ids(collection: str) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from([record.id for record in dataset.load(collection).records]), noise)


def one_of_or_noise(*values: str) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(values), noise)


SCREENING = sorted({question.key for event in dataset.load("provider-events").records for question in event.questions})
VALUES = {
    "penalty": {"--units": numbers, "--offence": ids("offences"), "--offender": one_of_or_noise("individual", "body-corporate"),
                "--kind": one_of_or_noise("maximum", "infringement"), "--on": dates, "--list-offences": None},
    "deadline": {"--from": st.one_of(dates, instants), "--days": numbers, "--hours": numbers, "--months": numbers,
                 "--day-of-next-month": numbers, "--rule": ids("deadline-rules"),
                 "--basis": one_of_or_noise("legislation", "protocol"), "--list-rules": None},
    "notify": {"--list": None, "--trigger": ids("trigger-events"), "--at": instants, "--concluded": instants},
    "obligations": {"--list": None, "--event": ids("provider-events"), "--on": dates,
                    "--answer": st.one_of(st.builds(lambda key, value: f"{key}={value}", one_of_or_noise(*SCREENING),
                                                    one_of_or_noise("yes", "no", "not-sure")), noise)},
    "check": {"--list": None, "--answer": None},  # answers are drawn for the chosen checklist, below
    "retention": {"--completed": dates, "--born": dates},
}


def test_every_subcommand_and_flag_is_drawn():
    """A new subcommand or flag must be added to VALUES, so the fuzzing never misses it."""
    parser = cli.build_parser()
    (subparsers,) = [action for action in parser._actions if action.choices and action.dest == "command"]
    assert set(subparsers.choices) - {"batch"} == set(VALUES) == set(cli.COMMANDS)  # batch: see below
    for name, sub in ((name, sub) for name, sub in subparsers.choices.items() if name != "batch"):
        flags = {flag for action in sub._actions for flag in action.option_strings if flag.startswith("--")}
        assert flags - {"--help"} == set(VALUES[name]), name


HOSTILE_IDS = ["-h", "--help", "--list", "--version", "--", "-", "--answer=yes"]
"""Ids that look like flags: a page given one in its address (?checklist=-h) must still say which field is wrong."""


@st.composite
def questions(draw, command: str) -> tuple[str, str | None, list[tuple[str, str | None]]]:
    """(command, checklist id or None, [(flag, value or None for a flag given without one)])."""
    checklist_id, pairs = None, []
    if command == "check" and draw(st.booleans()):
        checklist_id = draw(st.one_of(ids("checklists"), st.sampled_from(HOSTILE_IDS)))
        record = dataset.load("checklists").by_id(checklist_id)
        keys = [question.key for question in record.questions] if record else []
        values = st.one_of(st.sampled_from(["yes", "no"]), numbers, ids("prescribed-entities"), noise)
        for _ in range(draw(st.integers(0, 8))):
            key = draw(st.one_of(st.sampled_from(keys), noise) if keys else noise)
            pairs.append(("--answer", draw(st.one_of(st.builds(lambda k, v: f"{k}={v}", st.just(key), values), noise))))
    flags = VALUES[command]
    for flag in draw(st.lists(st.sampled_from(sorted(flags)), max_size=4)):
        given = flags[flag] is not None and draw(st.integers(0, 20))  # now and then a flag without its value
        pairs.append((flag, draw(flags[flag]) if given else None))
    return command, checklist_id, pairs


def command_line(question: tuple[str, str | None, list[tuple[str, str | None]]]) -> list[str]:
    """The question as a person types it on the command line: `check ID --answer K=V --flag value`."""
    command, checklist_id, pairs = question
    argv = [command] + ([checklist_id] if checklist_id is not None else [])
    for flag, value in pairs:
        argv += [flag] if value is None else [flag, value]
    return argv


def as_the_page_asks(question: tuple[str, str | None, list[tuple[str, str | None]]]) -> list[str]:
    """The question as calculators.js sends it to web.run_json: each value joined to its flag (`--on=2024-09-01`),
    so no value is read as a flag, and the checklist id last, after `--`, so it is read as an id whatever it is."""
    command, checklist_id, pairs = question
    argv = [command] + [flag if value is None else f"{flag}={value}" for flag, value in pairs]
    return argv + (["--", checklist_id] if checklist_id is not None else [])


def command_lines(command: str) -> st.SearchStrategy[list[str]]:
    return questions(command).map(command_line)


# The result models of each command's answers: their JSON Schemas (serialisation mode) are the published shapes,
# with the decimal pattern ^-?\d+(\.\d+)?$ of every money and units figure.
RESULTS = {"penalty": [PenaltyResult, OffencePenaltyResult], "deadline": [DeadlineResult, RuleDeadlineResult],
           "notify": [NotificationResult], "obligations": [ObligationsResult], "check": [checklists.CheckResult],
           "retention": [RetentionResult]}
SCHEMAS = {command: [model.model_json_schema(mode="serialization") for model in models]
           for command, models in RESULTS.items()}


def assert_published_shape(command: str, result) -> None:
    if isinstance(result, list):  # --list and its like
        return
    errors = [list(jsonschema.Draft202012Validator(schema).iter_errors(result)) for schema in SCHEMAS[command]]
    assert any(not found for found in errors), f"{command} result does not match its schema: {errors[0][0].message}"


def assert_short_line(message: str, argv: list[str]) -> None:
    assert "\n" not in message and "\r" not in message, message
    assert len(message) <= MAX_MESSAGE + 20, message
    assert "Traceback" not in message
    assert cli.INTERNAL_ERROR not in message, f"{argv[:8]} reached a bug: {message}"
    for value in argv:  # a long input is quoted at most MAX_SHOWN characters of it
        if len(value) > MAX_SHOWN:
            assert value[:MAX_SHOWN + 1] not in message


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(argv)
        except SystemExit as exit_:  # argparse's own -h and --version after a command: printed, then exit 0
            code = exit_.code
    return code, out.getvalue(), err.getvalue()


def check_both_entry_points(argv: list[str]) -> None:
    code, out, err = run_cli(argv)
    assert code in (0, 2), (argv[:8], code)
    answer = json.loads(web.run_json(json.dumps(argv)))
    if code == 0 and out.startswith("usage:"):  # help: the command line prints it; the page says it is no question
        assert answer == json.loads(web.run_json(json.dumps(["check", "--help"])))
        assert answer["ok"] is False and answer["error"]["message"] == web.HELP_IS_NOT_A_QUESTION
    elif code == 0:
        assert err == ""
        result = json.loads(out)
        assert_published_shape(argv[0], result)
        assert answer["ok"] is True and answer["result"] == result and set(answer) == {"ok", "result", "page"}
        assert answer["page"] is None or answer["page"]["headline"]  # what the page shows first (calculators.page)
    else:
        assert out == "" and err.endswith("\n") and err.count("\n") == 1, err
        assert err.startswith("error: ")
        assert_short_line(err.rstrip("\n"), argv)
        assert answer["ok"] is False and set(answer["error"]) == {"field", "message", "plain"}
        assert answer["error"]["field"] is None or isinstance(answer["error"]["field"], str)
        assert_short_line(answer["error"]["message"], argv)
        assert_short_line(answer["error"]["plain"]["message"], argv)  # the page's wording of it


@pytest.mark.parametrize("command", cli.COMMANDS)
def test_no_input_gives_a_traceback(command):
    """Each question as typed on the command line and as the page asks it: both entry points, never a bug."""
    @given(question=questions(command))
    @settings(max_examples=250, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
    def check(question):
        check_both_entry_points(command_line(question))
        check_both_entry_points(as_the_page_asks(question))
    check()


def question_for(argv: list[str]) -> dict:
    """The batch question for a command line: flags become keys (a flag without a value, true)."""
    question: dict[str, object] = {"command": argv[0]}
    rest = argv[1:]
    if argv[0] == "check" and rest and not rest[0].startswith("--"):
        question["checklist"], rest = rest[0], rest[1:]
    while rest:
        flag, rest = rest[0], rest[1:]
        if rest and not rest[0].startswith("--"):
            value, rest = rest[0], rest[1:]
        else:
            value = True
        if flag == "--answer":
            question.setdefault("answer", []).append(value if isinstance(value, str) else "")
        else:
            question[flag.lstrip("-") or "-"] = value
    return question


batch_lines = st.one_of(
    st.sampled_from(cli.COMMANDS).flatmap(command_lines).map(lambda argv: json.dumps(question_for(argv))),
    st.dictionaries(st.one_of(st.sampled_from(["command", "id", "units", "from", "answer", "checklist"]), noise),
                    st.one_of(noise, numbers, st.booleans(), st.none(), st.lists(noise, max_size=3)), max_size=5)
    .map(json.dumps),
    noise,
)


@given(lines=st.lists(batch_lines, min_size=1, max_size=6))
@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
def test_batch_answers_every_line_with_one_short_json_line(lines):
    """`batch`: each input line gets one JSON line, in order, whatever it holds; an error is one short line."""
    source = "".join(f"{line}\n" for line in lines).encode("utf-8", "surrogatepass")
    out = io.StringIO()
    assert batch.main([], stdin=io.BytesIO(source), stdout=out) == 0
    answers = out.getvalue().splitlines()
    assert len(answers) == source.count(b"\n")
    for line, answer in zip(lines, map(json.loads, answers), strict=False):
        if "error" in answer:
            assert_short_line(answer["error"], [line, *strings_in(line)])
            assert not answer["error"].startswith("internal"), answer["error"]


def strings_in(line: str) -> list[str]:
    """Every key and string value of a JSON line (nothing if it is not JSON)."""
    try:
        value = json.loads(line)
    except ValueError:
        return []
    found: list[str] = []

    def walk(item: object) -> None:
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            for key, nested in item.items():
                walk(key)
                walk(nested)
        elif isinstance(item, list):
            for nested in item:
                walk(nested)
    walk(value)
    return found


@pytest.mark.parametrize("argv, field", [
    # The crashes the review found (issue 12): each is now an error naming its field.
    (["retention", "--completed", "9999-01-01", "--born", "2000-01-01"], "completed"),
    (["retention", "--completed", "9974-12-31", "--born", "2000-01-01"], "completed"),
    (["retention", "--completed", "9999-01-01", "--born", "9980-01-01"], "completed"),
    (["deadline", "--from", "9999-12-31", "--days", "1"], "from"),
    (["deadline", "--from", "9999-12-31", "--days", "1", "--basis", "protocol"], "from"),
    (["deadline", "--from", "9999-12-01", "--months", "1"], "from"),
    (["deadline", "--from", "9999-12-01", "--day-of-next-month", "5"], "from"),
    (["deadline", "--from", "0001-01-01T00:00", "--hours", "1"], "from"),
    (["deadline", "--from", "9999-12-31T23:00", "--hours", "1"], "from"),
    (["deadline", "--from", "0001-01-01T00:00+14:00", "--hours", "1"], "from"),
    (["deadline", "--rule", "ssr-reg-35-1", "--from", "9999-12-31"], "from"),
    (["notify", "--trigger", "treatment-order-made", "--at", "9999-12-31T23:00"], "at"),
    (["notify", "--trigger", "treatment-order-made", "--at", "2025-04-05T10:00", "--concluded", "9999-12-31T23:00"],
     "concluded"),
    (["obligations", "--event", "change-to-key-personnel", "--on", "9999-12-31"], "on"),
])
def test_out_of_range_dates_are_field_errors(argv, field):
    code, out, err = run_cli(argv)
    assert (code, out) == (2, "")
    assert err.startswith(f"error: {field}: ") and err.count("\n") == 1, err
    assert json.loads(web.run_json(json.dumps(argv)))["error"]["field"] == field


@pytest.mark.parametrize("argv, field", [
    # The page's faults (issue 23, item 8): hostile ids from the address, `--answer=--`, as the page asks them.
    (["check", "--", "-h"], "checklist"),
    (["check", "--", "--help"], "checklist"),
    (["check", "--", "--list"], "checklist"),
    (["check", "--answer=discloser-prescribed=yes", "--", "--version"], "checklist"),
    (["check", "--answer=--", "--", "ciss-sharing"], "answer"),
    (["obligations", "--event=change-to-key-personnel", "--on=2025-04-14", "--answer=--"], "answer"),
    (["penalty", "--units=-h", "--on=2024-09-01"], "units"),
])
def test_hostile_page_input_gets_the_command_line_error_naming_its_field(argv, field):
    code, out, err = run_cli(argv)
    error = json.loads(web.run_json(json.dumps(argv)))["error"]
    assert (code, out) == (2, "") and err.startswith((f"error: {field}: ", f"error: --{field}: ")), err
    assert error["field"] == field and error["message"] in err and cli.INTERNAL_ERROR not in err
    assert error["plain"]["field"] == field and "Traceback" not in error["plain"]["message"]


@pytest.mark.parametrize("argv", [["check", "-h"], ["check", "--help"], ["penalty", "--units", "6", "-h"]])
def test_help_asked_of_the_page_is_an_error_not_an_exit(argv):
    answer = json.loads(web.run_json(json.dumps(argv)))
    assert answer == {"ok": False, "error": {"field": None, "message": web.HELP_IS_NOT_A_QUESTION,
                                             "plain": {"field": None, "message": answer["error"]["plain"]["message"]}}}
    assert answer["error"]["plain"]["message"].lower() == web.HELP_IS_NOT_A_QUESTION.lower()


@pytest.mark.parametrize("argv", [
    ["deadline", "--from", "9999-06-30T20:00", "--hours", "1"],  # the calendar file of a due time in 9999
    ["deadline", "--from", "9999-12-31T20:00", "--hours", "3"],  # due 23:00 on the last day Python can count to
    ["notify", "--trigger", "treatment-order-made", "--at", "9999-06-01T10:00"],
])
def test_an_hour_question_in_9999_is_answered_with_its_calendar_file(argv):
    code, out, _ = run_cli(argv)
    answer = json.loads(web.run_json(json.dumps(argv)))
    assert code == 0 and answer["ok"] is True and answer["result"] == json.loads(out)
    due = answer["result"]["due"]
    assert due.startswith("9999-") and f"DTSTART;TZID=Australia/Melbourne:{due[:4]}{due[5:7]}{due[8:10]}T" in answer["page"]["calendar"]


@pytest.mark.parametrize("value", ["1800-01-01T00:00", "1895-01-31T23:59", "1895-02-01T00:10",
                                   "1895-01-31T14:20+00:00"])
def test_melbourne_local_mean_time_is_refused_not_cut_to_minutes(value):
    """Before 1 February 1895 Melbourne kept local mean time (UTC+09:39:52): refused, saying so."""
    code, _, err = run_cli(["deadline", "--from", value, "--hours", "1"])
    assert code == 2 and err.startswith("error: from: ") and "local mean time" in err and "1895" in err


def test_the_first_minutes_of_standard_time_are_counted():
    code, out, _ = run_cli(["deadline", "--from", "1895-02-01T00:30", "--hours", "1"])
    assert code == 0 and json.loads(out)["due"] == "1895-02-01T01:30:00+10:00"


def test_tiny_units_are_written_as_plain_decimals():
    code, out, _ = run_cli(["penalty", "--units", "1e-10", "--on", "2024-09-01"])
    result = json.loads(out)
    assert code == 0 and result["units"] == "0.0000000001" and result["amount"] == "0.000000019759"
    assert not re.search(r"\dE[+-]?\d", json.dumps(result["explanation"]))
    assert_published_shape("penalty", result)


def test_a_huge_input_is_not_echoed_and_the_line_is_one():
    for argv in (["penalty", "--units", HUGE], ["notify", "--trigger", "a\nb" * 1000, "--at", "2025-04-05T10:00"],
                 ["check", "ciss-sharing", "--answer", f"{HUGE}=yes"], ["deadline", "--from", HUGE, "--days", "1"]):
        code, _, err = run_cli(argv)
        assert code == 2 and err.count("\n") == 1 and len(err) < 400, err[:500]


def test_an_unknown_id_is_a_field_message_without_command_line_wording():
    for argv, field in ((["notify", "--trigger", "no-such", "--at", "2025-04-05T10:00"], "trigger"),
                        (["penalty", "--offence", "no-such", "--offender", "individual"], "offence"),
                        (["deadline", "--rule", "no-such", "--from", "2025-04-01"], "rule")):
        error = json.loads(web.run_json(json.dumps(argv)))["error"]
        assert error["field"] == field and "python -m" not in error["message"] and "`" not in error["message"]


def test_a_bug_is_one_line_too(monkeypatch):
    """Should a bug ever be reached, the command line and the page still get one line, never a traceback."""
    monkeypatch.setattr(cli, "_retention", lambda args: 1 / 0)
    code, _, err = run_cli(["retention", "--completed", "2010-06-30", "--born", "1985-01-01"])
    assert code == 2 and err.count("\n") == 1 and cli.INTERNAL_ERROR in err and "ZeroDivisionError" in err
    answer = json.loads(web.run_json(json.dumps(["retention", "--completed", "2010-06-30", "--born", "1985-01-01"])))
    assert answer["ok"] is False and cli.INTERNAL_ERROR in answer["error"]["message"]
