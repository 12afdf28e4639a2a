"""CPython/browser parity: every golden case gives identical JSON in CPython and in Pyodide (booted, and
restored from a memory snapshot), on the cut runtime the site starts (the standard library and wheels cut to what
the calculators import), with no module missing; and a cut runtime that lacks a module falls back to the full one
and answers right.

Builds the browser runtime (scripts/build_runtime.py, wheels cached in build/wheel-cache/) into a temporary
folder, runs tests/parity/run_cases.mjs in Node against it, runs the same cases here, and compares.
Needs node and node_modules/pyodide (scripts/setup.sh installs them); fails, never skips, without them.
"""

from __future__ import annotations

import ast
import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from conftest import CASES, ROOT, load_case
from parity_case import run_case

RUNNER = ROOT / "tests" / "parity" / "run_cases.mjs"


sys.path.insert(0, str(ROOT / "scripts"))
import build_runtime  # noqa: E402


def build(out: Path, *options: str) -> Path:
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_runtime.py"), "--out", str(out), *options],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 0, f"scripts/build_runtime.py failed:\n{done.stdout}\n{done.stderr}"
    return out


def run_cases(node: str, out: Path, *options: str) -> dict:
    run = subprocess.run([node, str(RUNNER), *options, str(out), str(ROOT / "tests" / "cases")],
                         capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert run.returncode == 0, f"run_cases.mjs failed:\n{run.stderr}"
    print(run.stderr.strip().splitlines()[-1], file=sys.stderr)  # the timings, shown with -s or on failure
    return {**json.loads(run.stdout), "stderr": run.stderr}


@pytest.fixture(scope="module")
def runtime(tmp_path_factory):
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not on PATH: install Node.js 20+ (the parity test runs Pyodide in Node)")
    if not (ROOT / "node_modules" / "pyodide" / "package.json").is_file():
        pytest.fail("node_modules/pyodide is missing: run scripts/setup.sh (it runs `npm ci`)")
    return node, build(tmp_path_factory.mktemp("runtime"))


@pytest.fixture(scope="module")
def in_cpython():
    return {path.stem: run_case(load_case(path)) for path in CASES}


@pytest.fixture(scope="module", params=["booted", "restored"])
def pyodide_results(runtime, request):
    """Every case's JSON from Pyodide: freshly booted, or restored from a memory snapshot as a returning
    reader's calculator is (docs/assets/javascripts/python-runtime.js)."""
    node, out = runtime
    return run_cases(node, out, *(["--snapshot"] if request.param == "restored" else []))


def test_every_case_ran_on_the_cut_runtime_and_missed_no_module(pyodide_results):
    """No golden case, nor the self-test, imported a module the cuts left out: the cut runtime answered them all
    (a missing module would have been noted, and the full runtime would have answered)."""
    assert pyodide_results["warnings"] == []
    assert pyodide_results["runtime"] == "cut"


def test_manifest_lists_every_file_by_a_content_address_with_the_pinned_pyodide(runtime):
    """Every runtime file's address changes whenever its content does (so no release is answered from another
    release's copy), and the manifest lists each with its size and sha256."""
    _, out = runtime
    manifest = json.loads((out / "manifest.json").read_text())
    pinned = json.loads((ROOT / "package.json").read_text())["dependencies"]["pyodide"]
    assert manifest["pyodide"] == pinned
    listed = build_runtime.entries(manifest)
    on_disk = {path.relative_to(out).as_posix() for path in out.rglob("*") if path.is_file()} - {"manifest.json"}
    assert sorted(entry["path"] for entry in listed) == sorted(on_disk)
    for entry in listed:
        data = (out / entry["path"]).read_bytes()
        assert (len(data), hashlib.sha256(data).hexdigest()) == (entry["bytes"], entry["sha256"])
    for wheel in [*manifest["wheels"], *manifest["fallback"]["wheels"]]:  # wheels/<its sha256's first 16>/<name>
        assert wheel["path"] == f"wheels/{wheel['sha256'][:16]}/{wheel['file']}"
    assert manifest["stdlib"]["path"] == f"stdlib/{manifest['stdlib']['sha256'][:16]}/python_stdlib.zip"
    assert manifest["fallback"]["stdlib"]["path"] == f"{manifest['core']}python_stdlib.zip"
    core = {entry["path"].split("/")[0] for entry in manifest["files"]}
    assert core == {manifest["core"].rstrip("/")} and re.fullmatch(r"pyodide-[0-9a-f]{16}", core.pop())
    assert {Path(entry["path"]).name for entry in manifest["files"]} >= {"pyodide.asm.wasm", "fflate.js"}
    assert any(w["file"].startswith("victorian_obligations_calculators-") for w in manifest["wheels"])


def test_the_core_folder_is_named_by_its_content(tmp_path, monkeypatch):
    """The same core files give the same folder name; one changed byte gives another."""
    first, again = build_runtime.copy_core(tmp_path / "a"), build_runtime.copy_core(tmp_path / "b")
    assert first.name == again.name
    changed = tmp_path / "pyodide"
    shutil.copytree(build_runtime.PYODIDE, changed, ignore=shutil.ignore_patterns("*.whl", "*.zip", "*.tar"))
    for name in build_runtime.CORE_FILES:
        if not (changed / name).exists():
            shutil.copy2(build_runtime.PYODIDE / name, changed / name)
    (changed / "pyodide.mjs").write_bytes((changed / "pyodide.mjs").read_bytes() + b" ")
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
def test_case_is_identical_in_pyodide(path, pyodide_results, in_cpython):
    assert json.dumps(pyodide_results["cases"][path.stem], indent=1) == json.dumps(in_cpython[path.stem], indent=1)


# ---- the cut runtime: what it holds, and the fallback -----------------------------------------------------------

def stdlib_modules(path: Path) -> set[str]:
    with zipfile.ZipFile(path) as zf:
        return {name for name in map(build_runtime.module_name, zf.namelist()) if name}


def test_the_cut_runtime_is_a_fraction_of_the_full_one_and_its_guard_knows_what_it_left_out(runtime):
    """The cut standard library holds the safety list and the guard, and far less than the full library; the
    guard lists every module of the full library and of the full wheels that the cut runtime lacks."""
    _, out = runtime
    manifest = json.loads((out / "manifest.json").read_text())
    cut, full = out / manifest["stdlib"]["path"], out / manifest["fallback"]["stdlib"]["path"]
    assert cut.stat().st_size < full.stat().st_size / 2
    kept = stdlib_modules(cut)
    assert set(build_runtime.STDLIB_SAFETY) | {"decimal", "zoneinfo", "json", build_runtime.GUARD} <= kept
    with zipfile.ZipFile(cut) as zf:
        guard = zf.read(f"{build_runtime.GUARD}.py").decode()
    left_out = ast.literal_eval(guard.split("LEFT_OUT = frozenset(", 1)[1].split(")\n", 1)[0])
    of_wheels = {name for name in left_out if name.split(".")[0] in ("pydantic", "calculators", "annotated_types")}
    assert left_out - of_wheels == stdlib_modules(full) - kept
    assert {"pydantic.v1", "pydantic.v1.main", "pydantic.mypy", "pydantic.experimental", "calculators.exports",
            "pydantic.color", "annotated_types.test_cases"} <= of_wheels  # the last two: never traced
    (pydantic,) = [w for w in manifest["wheels"] if w["file"].startswith("pydantic-")]
    (uncut,) = [w for w in manifest["fallback"]["wheels"] if w["file"] == pydantic["file"]]
    with zipfile.ZipFile(out / pydantic["path"]) as cut_wheel, zipfile.ZipFile(out / uncut["path"]) as full_wheel:
        taken = set(full_wheel.namelist()) - set(cut_wheel.namelist())
    assert any(name.startswith("pydantic/v1/") for name in taken) and "pydantic/main.pyc" not in taken
    assert {build_runtime.module_name(name) for name in taken} - {None} <= left_out


def test_the_browser_wheels_keep_what_the_calculators_read_and_nothing_for_people(runtime):
    """The browser's copy of our wheel holds the collections, the same JSON without indentation, and not the
    descriptor, schemas, CSV tables or changelog; every browser wheel's METADATA keeps its headers (the version that
    importlib.metadata reads) without the package description."""
    _, out = runtime
    manifest = json.loads((out / "manifest.json").read_text())
    uncut = {wheel["file"]: wheel for wheel in manifest["fallback"]["wheels"]}
    (ours,) = [w for w in manifest["wheels"] if w["file"].startswith("victorian_obligations_calculators-")]
    with zipfile.ZipFile(out / ours["path"]) as cut_wheel, zipfile.ZipFile(out / uncut[ours["file"]]["path"]) as full:
        names = set(cut_wheel.namelist())
        offences = cut_wheel.read("calculators/_dataset/offences.json")
        assert b"\n" not in offences and json.loads(offences) == json.loads(full.read("calculators/_dataset/offences.json"))
    assert "calculators/_dataset/datapackage.json" not in names
    assert not any("/_dataset/schemas/" in n or "/_dataset/csv/" in n for n in names)
    for wheel in manifest["wheels"]:
        with zipfile.ZipFile(out / wheel["path"]) as zf:
            (metadata,) = [zf.read(name).decode() for name in zf.namelist() if name.endswith(".dist-info/METADATA")]
        assert "\nVersion: " in metadata and "\n\n" not in metadata.strip(), wheel["file"]


BYTECODE_FACTS = """
import json, typing, pydantic.main, calculators.penalties
modules = [typing, pydantic.main, calculators.penalties]
json.dumps({
    "files": [module.__spec__.origin.rsplit(".", 1)[1] for module in modules],
    "docstrings": [module.__doc__ for module in modules] + [typing.get_origin.__doc__],
    "first line": typing.get_origin.__code__.co_firstlineno,
    "positions": list(next(typing.get_origin.__code__.co_positions())),
})
"""


def test_the_cut_runtime_runs_bytecode_without_docstrings_or_column_positions(runtime):
    """In Pyodide, the cut standard library, pydantic and our wheel are imported from bytecode (.pyc), their
    docstrings emptied and their column positions left out, while line numbers stay (tracebacks keep them)."""
    node, out = runtime
    results = run_cases(node, out, "--ask", BYTECODE_FACTS)
    assert results["runtime"] == "cut" and results["warnings"] == []
    facts = json.loads(results["extra"])
    assert facts["files"] == ["pyc", "pyc", "pyc"]
    assert facts["docstrings"] == ["", "", "", ""]
    assert facts["first line"] > 1  # a function far down its module
    line, end_line, column, end_column = facts["positions"]
    assert isinstance(line, int) and isinstance(end_line, int) and (column, end_column) == (None, None)


def test_the_cut_standard_library_ships_bytecode_and_only_the_guard_as_a_source(runtime):
    _, out = runtime
    manifest = json.loads((out / "manifest.json").read_text())
    with zipfile.ZipFile(out / manifest["stdlib"]["path"]) as zf:
        names = zf.namelist()
    assert [name for name in names if name.endswith(".py")] == [f"{build_runtime.GUARD}.py"]
    assert {"typing.pyc", "json/__init__.pyc", "zoneinfo/__init__.pyc"} <= set(names)


def test_runtime_zips_hold_exactly_their_entries_deflated_smaller_than_zlibs_best(tmp_path, monkeypatch):
    """`zip_bytes` writes its own zip (Python's zipfile cannot write Zopfli's deflate): zipfile reads back every
    entry, folders and an empty file included, in order, with the fixed date; the same entries give the same
    bytes; and a module's source deflates smaller than zlib's level 9 makes it."""
    monkeypatch.setattr(build_runtime, "CACHE", tmp_path)
    source = (ROOT / "scripts" / "build_runtime.py").read_bytes()
    entries = [("calculators/", b""), ("calculators/caf\u00e9.py", source), ("calculators/empty.txt", b"")]
    data = build_runtime.zip_bytes(entries)
    assert data == build_runtime.zip_bytes(entries)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.testzip() is None
        assert [(info.filename, zf.read(info)) for info in zf.infolist()] == entries
        assert zf.getinfo("calculators/").is_dir()
        deflated = zf.getinfo("calculators/caf\u00e9.py")
        assert deflated.compress_type == zipfile.ZIP_DEFLATED and deflated.date_time == (1980, 1, 1, 0, 0, 0)
    assert deflated.compress_size < len(zlib.compress(source, 9)) - 6  # less zlib's header and checksum


def test_a_cut_runtime_lacking_a_module_the_calculators_import_starts_on_the_full_one(runtime, tmp_path, in_cpython):
    """A test build whose cut library also lacks `calendar` (imported by the calculators as they start): the
    start on the cut runtime fails, says so, and the full runtime answers every case right."""
    node, _ = runtime
    results = run_cases(node, build(tmp_path / "runtime", "--leave-out", "calendar"))
    assert results["runtime"] == "full"
    assert len(results["warnings"]) == 1 and "No module named 'calendar'" in results["warnings"][0]
    assert results["cases"] == in_cpython


def test_an_answer_that_imports_a_left_out_module_is_asked_again_on_the_full_runtime(runtime, in_cpython):
    """On the shipped runtime, restored from a snapshot: a question whose answer imports a part of pydantic the
    cut wheel lacks is discarded, said, and answered by the full runtime (full library and uncut wheels); the
    cases asked before it were answered on the cut runtime, and the answers are all right."""
    node, out = runtime
    results = run_cases(node, out, "--snapshot", "--ask", "__import__('pydantic.v1').v1.VERSION.split('.')[0]")
    assert results["extra"] == "1"
    assert results["runtime"] == "full"
    assert len(results["warnings"]) == 1 and "lacks pydantic.v1" in results["warnings"][0]
    assert results["cases"] == in_cpython
