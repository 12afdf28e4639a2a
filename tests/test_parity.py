"""CPython/browser parity: every golden case gives identical JSON in CPython and in Pyodide (booted, and
restored from a memory snapshot).

Builds the browser runtime (scripts/build_runtime.py, wheels cached in build/wheel-cache/) into a temporary
folder, runs tests/parity/run_cases.mjs in Node against it, runs the same cases here, and compares.
Needs node and node_modules/pyodide (scripts/setup.sh installs them); fails, never skips, without them.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import zipfile

import pytest

from conftest import CASES, ROOT, load_case
from parity_case import run_case

RUNNER = ROOT / "tests" / "parity" / "run_cases.mjs"


@pytest.fixture(scope="module")
def runtime(tmp_path_factory):
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not on PATH: install Node.js 20+ (the parity test runs Pyodide in Node)")
    if not (ROOT / "node_modules" / "pyodide" / "package.json").is_file():
        pytest.fail("node_modules/pyodide is missing: run scripts/setup.sh (it runs `npm ci`)")
    out = tmp_path_factory.mktemp("runtime")
    build = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_runtime.py"), "--out", str(out)],
                           capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert build.returncode == 0, f"scripts/build_runtime.py failed:\n{build.stdout}\n{build.stderr}"
    return node, out


@pytest.fixture(scope="module", params=["booted", "restored"])
def pyodide_results(runtime, request):
    """Every case's JSON from Pyodide: freshly booted, or restored from a memory snapshot as a returning
    reader's calculator is (docs/assets/javascripts/python-runtime.js)."""
    node, out = runtime
    snapshot = ["--snapshot"] if request.param == "restored" else []
    run = subprocess.run([node, str(RUNNER), *snapshot, str(out), str(ROOT / "tests" / "cases")],
                         capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert run.returncode == 0, f"run_cases.mjs failed:\n{run.stderr}"
    print(run.stderr.strip().splitlines()[-1], file=sys.stderr)  # the timings, shown with -s or on failure
    return json.loads(run.stdout)


def test_manifest_lists_every_wheel_with_the_pinned_pyodide(runtime):
    _, out = runtime
    manifest = json.loads((out / "wheels" / "manifest.json").read_text())
    pinned = json.loads((ROOT / "package.json").read_text())["dependencies"]["pyodide"]
    assert manifest["pyodide"] == pinned
    assert sorted(w["file"] for w in manifest["wheels"]) == sorted(p.name for p in (out / "wheels").glob("*.whl"))
    assert any(w["file"].startswith("victorian_obligations_calculators-") for w in manifest["wheels"])


def test_the_browser_runtime_has_every_time_zone_the_calculators_use(runtime):
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_runtime

    source = "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "calculators").rglob("*.py"))
    named = re.findall(r'ZoneInfo\("([^"]+)"\)', source)
    assert named and len(named) == source.count("ZoneInfo("), "every ZoneInfo names its zone literally"
    assert set(named) <= set(build_runtime.BROWSER_ZONES)
    _, out = runtime
    (tzdata,) = (out / "wheels").glob("tzdata-*.whl")
    with zipfile.ZipFile(tzdata) as wheel:
        zones = {name.removeprefix("tzdata/zoneinfo/") for name in wheel.namelist()
                 if name.startswith("tzdata/zoneinfo/") and not name.endswith((".pyc", "/"))}
    assert zones == set(build_runtime.BROWSER_ZONES)


def test_wheels_ship_bytecode_compiled_for_pyodide_not_sources(runtime):
    _, out = runtime
    magic = None
    for wheel in (out / "wheels").glob("*.whl"):
        with zipfile.ZipFile(wheel) as zf:
            names = [name for name in zf.namelist() if ".dist-info/" not in name]
            assert not [name for name in names if name.endswith(".py")], wheel.name
            for name in [name for name in names if name.endswith(".pyc")][:3]:
                magic = magic or zf.read(name)[:4]
                assert zf.read(name)[:4] == magic
    assert magic is not None  # one Python's bytecode throughout; the cases running in Pyodide prove it is Pyodide's


def test_pyodide_ran_every_case(pyodide_results):
    assert sorted(pyodide_results) == sorted(path.stem for path in CASES)


@pytest.mark.parametrize("path", CASES, ids=[path.stem for path in CASES])
def test_case_is_identical_in_pyodide(path, pyodide_results):
    in_cpython = json.dumps(run_case(load_case(path)), indent=1)
    in_pyodide = json.dumps(pyodide_results[path.stem], indent=1)
    assert in_pyodide == in_cpython
