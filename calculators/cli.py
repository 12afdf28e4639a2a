"""The command line: `python -m calculators <command> ...` prints a JSON result, or one error line and exits 2."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Sequence
from functools import cache
from typing import Any, NoReturn

from pydantic import BaseModel

from . import __version__, checklists, dataset, deadlines, notifications, penalties, retention, rules
from .errors import MAX_SHOWN, InputError, one_line, shown

_LONG_WORD = re.compile(rf"\S{{{MAX_SHOWN + 1},}}")
COMMANDS = ("penalty", "deadline", "notify", "obligations", "check", "retention")
Answer = BaseModel | list[dict[str, Any]]
"""What a command handler gives: a result model, or a list (`--list`)."""
PROG = "python -m calculators"
"""The name usage lines give the command when it was run as a module; the console script gives its own."""


class UsageError(Exception):
    """A command line argparse could not read (its message on one line, of bounded length)."""

    def __init__(self, message: str) -> None:
        super().__init__(one_line(message))


class _Parser(argparse.ArgumentParser):
    def parse_args(self, args: Sequence[str] | None = None,  # type: ignore[override]  # always a Namespace
                   namespace: None = None) -> argparse.Namespace:
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:  # argparse would repeat them all, however long
            more = f" and {len(extras) - 3} more" if len(extras) > 3 else ""
            raise UsageError(f"unrecognized arguments: {', '.join(shown(extra) for extra in extras[:3])}{more}")
        return parsed

    def error(self, message: str) -> NoReturn:  # argparse would print usage and exit; we want one line
        raise UsageError(_LONG_WORD.sub(lambda word: f"{word[0][:MAX_SHOWN - 1]}…", message))


def invoked_as() -> str:
    """The command as the user typed it: `vic-obligations` for the console script, else `python -m calculators`."""
    name = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else ""
    return PROG if name in ("", "__main__.py", "-c") or name.endswith(".py") else name


def version_text(prog: str = PROG) -> str:
    """What --version prints: the package's version and the dataset release it carries."""
    return f"{prog} {__version__} (dataset {dataset.RELEASE_VERSION})"


@cache
def build_parser(prog: str = PROG) -> argparse.ArgumentParser:
    """The argument parser for a program name, built once (building it costs more than answering most questions)."""
    parser = _Parser(prog=prog, description="Victorian obligations, computed and explained. Prints JSON; bad "
                                            "input exits 2 with one line 'error: <field>: ...' on stderr.")
    parser.add_argument("--version", action="version", version=version_text(prog))
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser, metavar="command")

    penalty = commands.add_parser("penalty", help="penalty units in dollars for a financial year")
    what = penalty.add_mutually_exclusive_group(required=True)
    what.add_argument("--units", help="number of penalty units; may be fractional, e.g. 1.5")
    what.add_argument("--offence", help="an offence id from dataset/offences.json (see --list-offences)")
    what.add_argument("--list-offences", action="store_true", help="list the offences: id, act, section")
    penalty.add_argument("--offender", help="with --offence: individual or body-corporate")
    penalty.add_argument("--kind", help="with --offence: maximum or infringement (default: maximum where stated)")
    penalty.add_argument("--on", help="date (YYYY-MM-DD) whose financial year sets the value; default today")

    deadline = commands.add_parser("deadline", help="when a period ends")
    deadline.add_argument("--from", dest="start", help="the day (YYYY-MM-DD) or instant of the event")
    period = deadline.add_mutually_exclusive_group(required=True)
    period.add_argument("--days", help="a period of days (statutory under s 44 unless --basis protocol)")
    period.add_argument("--hours", help="elapsed hours in Australia/Melbourne")
    period.add_argument("--months", help="calendar months")
    period.add_argument("--day-of-next-month", help="by this day (1-28) of the following month")
    period.add_argument("--rule", help="a rule id from dataset/deadline-rules.json (see --list-rules)")
    period.add_argument("--list-rules", action="store_true", help="list the deadline rules")
    deadline.add_argument("--basis", default="legislation", help="legislation (default: ILA s 44 applies) or protocol")

    notify = commands.add_parser("notify", help="when IMHA must be notified of a trigger event")
    which = notify.add_mutually_exclusive_group(required=True)
    which.add_argument("--list", action="store_true", help="list the trigger events")
    which.add_argument("--trigger", help="a trigger event id (see --list)")
    notify.add_argument("--at", help="when the event happened (YYYY-MM-DDTHH:MM, Melbourne time, or with offset; "
                                     "for a monthly list, YYYY-MM-DD will do)")
    notify.add_argument("--concluded", help="when the event concluded, if data entry had to wait for it")

    obligations = commands.add_parser("obligations", help="every deadline that follows from a provider event")
    event = obligations.add_mutually_exclusive_group(required=True)
    event.add_argument("--list", action="store_true", help="list the provider events")
    event.add_argument("--event", help="a provider event id (see --list)")
    obligations.add_argument("--on", help="the day the clock starts (YYYY-MM-DD), e.g. the day of the change")
    obligations.add_argument("--answer", action="append", default=[], metavar="KEY=VALUE",
                             help="an answer to the event's screening questions (yes, no, not-sure, ...); repeat")

    check = commands.add_parser("check", help="threshold checklists (one question at a time)")
    check.add_argument("checklist", nargs="?", help="a checklist id (see --list)")
    check.add_argument("--list", action="store_true", help="list the checklists")
    check.add_argument("--answer", action="append", default=[], metavar="KEY=VALUE", help="an answer; repeat as needed")

    keep = commands.add_parser("retention", help="earliest lawful destruction of an advocacy record")
    keep.add_argument("--completed", required=True, help="day the action was completed (YYYY-MM-DD)")
    keep.add_argument("--born", required=True, help="client's date of birth (YYYY-MM-DD)")

    commands.add_parser("batch", help="many questions at once: JSON Lines on stdin, one JSON result line each",
                        description="Reads one question per line on stdin, a JSON object with \"command\" and the "
                                    "command's flag names as keys, and writes one JSON line per input line, in "
                                    "order. See the command-line page of the documentation.")
    return parser


def run(argv: Sequence[str], prog: str = PROG) -> dict[str, Any] | list[dict[str, Any]]:
    """The JSON-ready result for a command line; raises InputError or UsageError for bad input."""
    argv = list(argv)
    if not argv or argv[0] not in COMMANDS:
        raise UsageError(f"command: choose one of {', '.join(COMMANDS)}, or batch"
                         + (f" (got {shown(argv[0])})" if argv else ""))
    args = build_parser(prog).parse_args(argv)
    handler = {"penalty": _penalty, "deadline": _deadline, "notify": _notify, "obligations": _obligations,
               "check": _check, "retention": _retention}[args.command]
    result = handler(args)
    return result if isinstance(result, list) else result.model_dump(mode="json")


def _penalty(args: argparse.Namespace) -> Answer:
    if args.list_offences:
        return [{"id": o.id, "act": o.act, "section": o.section, "description": o.description}
                for o in dataset.load("offences").records]
    if args.offence is None:
        for flag in ("offender", "kind"):
            if getattr(args, flag) is not None:
                raise UsageError(f"--{flag} goes with --offence, not --units")
        return penalties.penalty(args.units, args.on)
    if args.offender is None:
        raise UsageError("--offence needs --offender individual or --offender body-corporate")
    return penalties.offence_penalty(args.offence, args.offender, args.on, args.kind)


def _deadline(args: argparse.Namespace) -> Answer:
    if args.list_rules:
        return rules.list_rules()
    if args.start is None:
        raise UsageError("the following arguments are required: --from")
    if args.rule is not None:
        return rules.deadline_for_rule(args.rule, args.start)
    if args.days is not None:
        return deadlines.day_period(args.start, args.days, args.basis)
    if args.hours is not None:
        return deadlines.hour_period(args.start, args.hours, args.basis)
    if args.months is not None:
        return deadlines.month_period(args.start, args.months, args.basis)
    return deadlines.day_of_following_month(args.start, args.day_of_next_month, args.basis)


def _notify(args: argparse.Namespace) -> Answer:
    if args.list:
        return notifications.list_triggers()
    if args.at is None:
        raise UsageError("--trigger needs --at, when the event happened")
    return notifications.notification_due(args.trigger, args.at, args.concluded)


def _obligations(args: argparse.Namespace) -> Answer:
    if args.list:
        return rules.list_events()
    if args.on is None:
        raise UsageError("--event needs --on, the day the clock starts")
    return rules.obligations_for_event(args.event, args.on, _answers(args.answer))


def _check(args: argparse.Namespace) -> Answer:
    if args.list:
        return checklists.list_checklists()
    if args.checklist is None:
        raise UsageError("give a checklist id, or --list")
    return checklists.evaluate(args.checklist, _answers(args.answer))


def _answers(items: list[str]) -> dict[str, str]:
    """`--answer KEY=VALUE` items as a dict (a later answer to the same key wins)."""
    answers: dict[str, str] = {}
    for given in items:
        item = given if isinstance(given, str) else "--"  # argparse (3.11) makes `--answer=--` an empty list
        key, equals, value = item.partition("=")
        if not equals or not key.strip():
            raise UsageError(f"--answer: an answer is written KEY=VALUE, e.g. purpose=yes (got {shown(item)})")
        answers[key.strip()] = value.strip()
    return answers


def _retention(args: argparse.Namespace) -> Answer:
    return retention.earliest_destruction(args.completed, args.born)


INTERNAL_ERROR = "internal error, not a fault in your input (please report it)"


def main(argv: Sequence[str] | None = None, prog: str | None = None) -> int:
    """Entry point: JSON on stdout and 0, or one line `error: ...` on stderr and 2, never a traceback; --help and
    --version print and exit 0."""
    argv = list(sys.argv[1:] if argv is None else argv)
    prog = prog or invoked_as()
    if argv[:1] in (["-h"], ["--help"]):
        sys.stdout.write(build_parser(prog).format_help())
        return 0
    if argv[:1] == ["--version"]:
        print(version_text(prog))
        return 0
    if argv[:1] == ["batch"]:
        from .batch import main as batch_main
        return batch_main(argv[1:], prog)
    try:
        result = run(argv, prog)
    except (InputError, UsageError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # a bug: still one line (tests/test_no_traceback.py requires none is ever reached)
        print(f"error: {INTERNAL_ERROR}: {one_line(f'{type(exc).__name__}: {exc}', 200)}", file=sys.stderr)
        return 2
    sys.stdout.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return 0
