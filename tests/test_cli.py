"""The command line as a process: JSON and exit 0, or one `error:` line and exit 2, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "calculators", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)


def test_penalty_done_when_example():
    done = run("penalty", "--units", "6", "--on", "2024-09-01")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["amount"] == "1185.54" and result["rounded"] == 1186
    assert result["financial_year"] == "2024-25" and result["unit_value"] == "197.59"


def test_deadline_done_when_example():
    done = run("deadline", "--from", "2025-04-11", "--days", "7")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["due"] == "2025-04-22"


def test_hours_give_an_offset():
    done = run("deadline", "--from", "2025-04-05T09:00", "--hours", "24")
    assert json.loads(done.stdout)["due"] == "2025-04-06T08:00:00+10:00"


def test_retention():
    done = run("retention", "--completed", "2010-06-30", "--born", "1985-01-01")
    assert json.loads(done.stdout)["earliest_destruction"] == "2035-07-01"


@pytest.mark.parametrize("args, field", [
    (["penalty", "--units", "NaN"], "units"),
    (["penalty", "--units", "-1"], "units"),
    (["penalty", "--units", "1", "--on", "2025-02-30"], "on"),
    (["deadline", "--from", "2025-10-05T02:30", "--hours", "1"], "from"),
    (["deadline", "--from", "2025-04-06T02:30", "--hours", "1"], "from"),
    (["deadline", "--from", "2101-01-01", "--days", "1"], "from"),
    (["deadline", "--from", "2025-01-01", "--days", "0"], "days"),
    (["deadline", "--from", "2025-01-01"], "--days"),
    (["retention", "--completed", "2001-01-01"], "--born"),
    (["penalty"], "--units"),
    (["nonsense"], "choose one of"),
    ([], "command"),
])
def test_bad_input_is_one_line_naming_the_field(args, field):
    done = run(*args)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and field in lines[0]
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_top_level_help_exits_0_and_lists_every_command(flag):
    done = run(flag)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: python -m calculators ")
    for command in ("penalty", "deadline", "notify", "obligations", "check", "retention", "batch"):
        assert f"    {command}" in done.stdout


def test_version_exits_0_with_the_package_and_dataset_versions():
    from calculators import __version__
    from calculators.dataset import RELEASE_VERSION

    done = run("--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"python -m calculators {__version__} (dataset {RELEASE_VERSION})"


def test_usage_names_the_console_script_as_invoked():
    script = ROOT / ".venv" / "bin" / "vic-obligations"
    done = subprocess.run([str(script), "penalty", "--help"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: vic-obligations penalty ")
    assert subprocess.run([str(script), "--version"], capture_output=True, text=True,
                          timeout=60).stdout.startswith("vic-obligations ")


def test_subcommand_usage_names_the_module_as_invoked():
    done = run("deadline", "--help")
    assert done.returncode == 0 and done.stdout.startswith("usage: python -m calculators deadline ")
