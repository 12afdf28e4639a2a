"""CPython/browser parity: every golden case gives identical JSON in CPython and in Pyodide (booted, and
restored from a memory snapshot).

Builds the browser runtime (scripts/build_runtime.py, wheels cached in build/wheel-cache/) into a temporary
folder, runs tests/parity/run_cases.mjs in Node against it, runs the same cases here, and compares.
Needs node and node_modules/pyodide (scripts/setup.sh installs them); fails, never skips, without them.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

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
    return {**json.loads(run.stdout), "stderr": run.stderr}


def test_manifest_lists_every_file_by_a_content_address_with_the_pinned_pyodide(runtime):
    """Every runtime file's address changes whenever its content does (so no release is answered from another
    release's copy), and the manifest lists each with its size and sha256."""
    _, out = runtime
    manifest = json.loads((out / "manifest.json").read_text())
    pinned = json.loads((ROOT / "package.json").read_text())["dependencies"]["pyodide"]
    assert manifest["pyodide"] == pinned
    listed = [*manifest["files"], *manifest["wheels"]]
    on_disk = {path.relative_to(out).as_posix() for path in out.rglob("*") if path.is_file()} - {"manifest.json"}
    assert sorted(entry["path"] for entry in listed) == sorted(on_disk)
    for entry in listed:
        data = (out / entry["path"]).read_bytes()
        assert (len(data), hashlib.sha256(data).hexdigest()) == (entry["bytes"], entry["sha256"])
    for wheel in manifest["wheels"]:  # wheels/<its sha256's first 16 characters>/<its file name>
        assert wheel["path"] == f"wheels/{wheel['sha256'][:16]}/{wheel['file']}"
    core = {entry["path"].split("/")[0] for entry in manifest["files"]}
    assert core == {manifest["core"].rstrip("/")} and re.fullmatch(r"pyodide-[0-9a-f]{16}", core.pop())
    assert {Path(entry["path"]).name for entry in manifest["files"]} >= {"pyodide.asm.wasm", "fflate.js"}
    assert any(w["file"].startswith("victorian_obligations_calculators-") for w in manifest["wheels"])


def test_the_core_folder_is_named_by_its_content(tmp_path, monkeypatch):
    """The same core files give the same folder name; one changed byte gives another."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_runtime

    first, again = build_runtime.copy_core(tmp_path / "a"), build_runtime.copy_core(tmp_path / "b")
    assert first.name == again.name
    changed = tmp_path / "pyodide"
    shutil.copytree(build_runtime.PYODIDE, changed, ignore=shutil.ignore_patterns("*.whl", "*.zip", "*.tar"))
    for name in build_runtime.CORE_FILES:
        if not (changed / name).exists():
            shutil.copy2(build_runtime.PYODIDE / name, changed / name)
    (changed / "pyodide-lock.json").write_bytes((changed / "pyodide-lock.json").read_bytes() + b" ")
    monkeypatch.setattr(build_runtime, "PYODIDE", changed)
    assert build_runtime.copy_core(tmp_path / "c").name != first.name


def test_pyodide_answers_the_self_test_as_cpython_did_at_build_time(runtime, pyodide_results):
    """The manifest's self-test digest (CPython's answers to every calculator's questions and the holiday
    table) is what Pyodide gives too, booted and restored: the browser checks a restored Python against it."""
    _, out = runtime
    manifest = json.loads((out / "manifest.json").read_text())
    from calculators import web

    assert manifest["selfTest"] == hashlib.sha256(web.self_test().encode()).hexdigest()
    assert pyodide_results["selfTest"] == manifest["selfTest"]


def test_python_logs_nothing_on_stderr_booted_or_restored(pyodide_results):
    """No traceback in the console: a restored snapshot once printed `ZipFile.__del__` (a file handle of the
    Python that made it)."""
    lines = pyodide_results["stderr"].strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("pyodide "), lines  # the timings line only


def test_the_browser_runtime_has_every_time_zone_the_calculators_use(runtime):
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_runtime

    source = "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "calculators").rglob("*.py"))
    named = re.findall(r'ZoneInfo\("([^"]+)"\)', source)
    assert named and len(named) == source.count("ZoneInfo("), "every ZoneInfo names its zone literally"
    assert set(named) <= set(build_runtime.BROWSER_ZONES)
    _, out = runtime
    (tzdata,) = (out / "wheels").glob("*/tzdata-*.whl")
    with zipfile.ZipFile(tzdata) as wheel:
        zones = {name.removeprefix("tzdata/zoneinfo/") for name in wheel.namelist()
                 if name.startswith("tzdata/zoneinfo/") and not name.endswith((".pyc", "/"))}
    assert zones == set(build_runtime.BROWSER_ZONES)


def test_wheels_ship_bytecode_compiled_for_pyodide_not_sources(runtime):
    _, out = runtime
    magic = None
    for wheel in (out / "wheels").glob("*/*.whl"):
        with zipfile.ZipFile(wheel) as zf:
            names = [name for name in zf.namelist() if ".dist-info/" not in name]
            assert not [name for name in names if name.endswith(".py")], wheel.name
            for name in [name for name in names if name.endswith(".pyc")][:3]:
                magic = magic or zf.read(name)[:4]
                assert zf.read(name)[:4] == magic
    assert magic is not None  # one Python's bytecode throughout; the cases running in Pyodide prove it is Pyodide's


def test_pyodide_ran_every_case(pyodide_results):
    assert sorted(pyodide_results["cases"]) == sorted(path.stem for path in CASES)


@pytest.mark.parametrize("path", CASES, ids=[path.stem for path in CASES])
def test_case_is_identical_in_pyodide(path, pyodide_results):
    in_cpython = json.dumps(run_case(load_case(path)), indent=1)
    in_pyodide = json.dumps(pyodide_results["cases"][path.stem], indent=1)
    assert in_pyodide == in_cpython
