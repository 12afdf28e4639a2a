"""The Python package as a user gets it: the wheel's licence, py.typed and metadata, and the installed command."""

from __future__ import annotations

import email
import json
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

import calculators

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import build_runtime  # noqa: E402  (scripts/ is not a package)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    return build_runtime.build_wheel(tmp_path_factory.mktemp("wheel"))


def _metadata(wheel: Path) -> email.message.Message:
    with zipfile.ZipFile(wheel) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        return email.message_from_bytes(archive.read(name))


def test_wheel_holds_the_licence_the_type_marker_and_the_dataset(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        (licence,) = [n for n in names if n.endswith(".dist-info/licenses/LICENSE")]
        assert archive.read(licence) == (ROOT / "LICENSE").read_bytes()
    assert "calculators/py.typed" in names
    assert "calculators/_dataset/offences.json" in names


def test_frictionless_validates_the_wheels_data_package(wheel, tmp_path):
    """The descriptor installed with the package names only files the wheel holds, and they are valid."""
    import frictionless

    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(tmp_path)
    descriptor = tmp_path / "calculators" / "_dataset" / "datapackage.json"
    resources = json.loads(descriptor.read_text(encoding="utf-8"))["resources"]
    assert all((descriptor.parent / resource["path"]).is_file() for resource in resources)
    report = frictionless.validate(str(descriptor))
    assert report.valid and report.stats["tasks"] == len(resources), report.flatten(["type", "message"])


def test_wheel_metadata_declares_licence_version_classifiers_and_keywords(wheel):
    meta = _metadata(wheel)
    assert meta["Version"] == calculators.__version__
    assert meta["License-Expression"] == "MIT AND CC-BY-4.0"
    assert meta.get_all("License-File") == ["LICENSE"]
    classifiers = meta.get_all("Classifier")
    assert "Typing :: Typed" in classifiers and "Programming Language :: Python :: 3.11" in classifiers
    assert "law-as-code" in meta["Keywords"].split(",")


def test_every_calculator_is_exported():
    exported = set(calculators.__all__)
    for name in ("penalty", "offence_penalty", "day_period", "hour_period", "month_period", "year_period",
                 "day_of_following_month", "deadline_for_rule", "notification_due", "obligations_for_event",
                 "evaluate", "earliest_destruction", "list_rules", "list_triggers", "list_events", "list_checklists",
                 "InputError", "__version__"):
        assert name in exported and hasattr(calculators, name), name


def test_the_wheel_installed_in_a_fresh_venv_works(wheel, tmp_path):
    """Installed without the repository: --help, --version, a question and batch mode, from the wheel's files."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
                    "--no-index", str(wheel)], check=True, timeout=300)
    # The dependencies (pydantic, tzdata) come from this environment's site-packages, after the venv's own.
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    (Path(site) / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    script = venv / "bin" / "vic-obligations"

    where = subprocess.run([str(python), "-c", "import calculators, importlib.resources as r; "
                            "print(calculators.__file__); print(r.files('calculators').joinpath('py.typed').is_file())"],
                           capture_output=True, text=True, cwd=tmp_path, check=True).stdout.split()
    assert where[0].startswith(site) and where[1] == "True"

    for flags in (["--help"], ["-h"], ["--version"]):
        done = subprocess.run([str(script), *flags], capture_output=True, text=True, cwd=tmp_path, timeout=60)
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("usage: vic-obligations" if flags != ["--version"] else "vic-obligations ")

    done = subprocess.run([str(script), "batch"], capture_output=True, text=True, cwd=tmp_path, timeout=60,
                          input='{"id": 7, "command": "penalty", "units": "6", "on": "2024-09-01"}\nnope\n')
    assert done.returncode == 0, done.stderr
    first, second = (json.loads(line) for line in done.stdout.splitlines())
    assert first["id"] == 7 and first["rounded"] == 1186
    assert second["line"] == 2 and "error" in second
