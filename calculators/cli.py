"""The command line: `python -m calculators <command> ...` prints a JSON result, or one error line and exits 2."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from . import dataset, deadlines, penalties, retention
from .errors import InputError


class UsageError(Exception):
    """A command line argparse could not read."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would print usage and exit; we want one line
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m calculators", description="Victorian obligations, computed and explained.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    penalty = commands.add_parser("penalty", help="penalty units in dollars for a financial year")
    what = penalty.add_mutually_exclusive_group(required=True)
    what.add_argument("--units", help="number of penalty units; may be fractional, e.g. 1.5")
    what.add_argument("--offence", help="an offence id from dataset/offences.json (see --list-offences)")
    what.add_argument("--list-offences", action="store_true", help="list the offences: id, act, section")
    penalty.add_argument("--offender", help="with --offence: individual or body-corporate")
    penalty.add_argument("--kind", help="with --offence: maximum or infringement (default: maximum where stated)")
    penalty.add_argument("--on", help="date (YYYY-MM-DD) whose financial year sets the value; default today")

    deadline = commands.add_parser("deadline", help="when a period ends")
    deadline.add_argument("--from", dest="start", required=True, help="the day (YYYY-MM-DD) or instant of the event")
    period = deadline.add_mutually_exclusive_group(required=True)
    period.add_argument("--days", help="a period of days (statutory under s 44 unless --basis protocol)")
    period.add_argument("--hours", help="elapsed hours in Australia/Melbourne")
    period.add_argument("--months", help="calendar months")
    period.add_argument("--day-of-next-month", help="by this day (1-28) of the following month")
    deadline.add_argument("--basis", default="legislation", help="legislation (default: ILA s 44 applies) or protocol")

    keep = commands.add_parser("retention", help="earliest lawful destruction of an advocacy record")
    keep.add_argument("--completed", required=True, help="day the action was completed (YYYY-MM-DD)")
    keep.add_argument("--born", required=True, help="client's date of birth (YYYY-MM-DD)")
    return parser


def run(argv: Sequence[str]) -> dict | list:
    """The JSON-ready result for a command line; raises InputError or UsageError for bad input."""
    args = build_parser().parse_args(list(argv))
    if args.command == "penalty":
        if args.list_offences:
            return [{"id": o.id, "act": o.act, "section": o.section, "description": o.description}
                    for o in dataset.load("offences").records]
        result = _penalty(args)
    elif args.command == "deadline":
        result = _deadline(args)
    else:
        result = retention.earliest_destruction(args.completed, args.born)
    return result.model_dump(mode="json")


def _penalty(args: argparse.Namespace):
    if args.offence is None:
        for flag in ("offender", "kind"):
            if getattr(args, flag) is not None:
                raise UsageError(f"--{flag} goes with --offence, not --units")
        return penalties.penalty(args.units, args.on)
    if args.offender is None:
        raise UsageError("--offence needs --offender individual or --offender body-corporate")
    return penalties.offence_penalty(args.offence, args.offender, args.on, args.kind)


def _deadline(args: argparse.Namespace):
    if args.days is not None:
        return deadlines.day_period(args.start, args.days, args.basis)
    if args.hours is not None:
        return deadlines.hour_period(args.start, args.hours, args.basis)
    if args.months is not None:
        return deadlines.month_period(args.start, args.months, args.basis)
    return deadlines.day_of_following_month(args.start, args.day_of_next_month, args.basis)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: JSON on stdout and 0, or `error: ...` on stderr and 2."""
    try:
        result = run(sys.argv[1:] if argv is None else argv)
    except (InputError, UsageError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    json.dump(result, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0
