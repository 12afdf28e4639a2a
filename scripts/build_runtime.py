"""Assemble the self-hosted browser runtime: Pyodide's core files, our wheel and its dependency wheels.

    .venv/bin/python scripts/build_runtime.py [--out build/runtime]

Every file's address changes whenever its content does, so a new release is never answered from an old copy
and any copy may be cached for ever:

    pyodide-<hash>/       the Pyodide files `loadPyodide({indexURL, lockFileContents})` needs to boot, and fflate
                          (which unpacks the wheels in the browser); <hash> is of these files' names and bytes
    stdlib/<hash>/python_stdlib.zip
                          the standard library cut to the modules the calculators use (below)
    wheels/<hash>/<file>  every wheel to install; <hash> begins the wheel's sha256
    manifest.json         the Pyodide version, the core folder, the lock file's contents (no packages: the
                          calculators load none of Pyodide's), each file's path, bytes and sha256, and the
                          digest of the answers the calculators give to the self-test questions
                          (`calculators.web.self_test`), computed here by CPython, and, for our wheel, the
                          sha256 of each collection file inside it (`dataset`)

Only what the calculators use is fetched. scripts/trace_imports.mjs runs them in Pyodide as the site's worker
does (the self-test, a snapshot and its restoring, then every golden case in tests/cases/) and lists the modules
imported; the standard library is cut to those and a short safety list (STDLIB_SAFETY), and the pydantic wheel
and ours lose the parts never imported in the browser (BROWSER_UNUSED; the build fails if the trace imports one).
The cut library carries a guard module (GUARD) that notes any import of a module the cuts left out: the worker
then discards the answer and starts Python again on Pyodide's full standard library and the full wheels, which
are shipped too (the manifest's "fallback") but not fetched otherwise. So a missing module is an error message
in the console and a slower answer, never a wrong one.

The site's worker carries the manifest (scripts/finish_site.py writes it in), checks every file against it,
and checks a Python restored from a memory snapshot against the self-test digest, and the collection files the
snapshot holds against `dataset`, before using it.
Pyodide comes from the npm package pinned in package.json (`npm ci`, run by scripts/setup.sh). The
dependency wheels are the versions installed in the venv, for Pyodide's platform; downloads are cached in
build/wheel-cache/, so a rerun needs no network. Every wheel and the cut standard library are shipped compiled to
bytecode by Pyodide's own Python (scripts/compile_bytecode.mjs, needs node; the compiled modules are cached too):
Pyodide's own standard library is sources, and compiling the modules a start imports took most of a first visit's
start-up (in Node: a boot took 2.4-2.8 s on sources, 0.8-0.9 s on bytecode). The tzdata
wheel is cut down to the time zones the calculators use (BROWSER_ZONES): unpacking its 600 zone files took
about 0.15 s of a first visit's start-up.
"""
from __future__ import annotations

import argparse
import base64
import email.parser
import hashlib
import json
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import uuid
import zipfile
import zlib
from importlib import metadata
from pathlib import Path

import zopfli.zopfli as zopfli
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename

ROOT = Path(__file__).resolve().parent.parent
PYODIDE = ROOT / "node_modules" / "pyodide"
CACHE = ROOT / "build" / "wheel-cache"
# What loadPyodide fetches to boot (checked by booting from a folder holding only these).
CORE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
"""Pyodide's lock file is not among them: it lists Pyodide's own packages, which the calculators never load, so
the worker passes loadPyodide the manifest's "lock" (the file's "info" and no packages) instead of fetching it."""
# fflate (npm, pinned in package.json) unpacks the wheels in the worker while Pyodide boots.
FFLATE = {"esm/browser.js": "fflate.js", "LICENSE": "fflate.LICENSE"}
BUILD_BACKEND = "hatchling>=1.27"  # pyproject's [build-system]; cached so the wheel builds offline
HASH_CHARS = 16  # of a sha256 in a file's address: enough that two different contents never share one
BROWSER_ZONES = ("Australia/Melbourne",)  # every ZoneInfo the calculators make (tests/test_parity.py checks)
CASES = ROOT / "tests" / "cases"
STDLIB_SAFETY = {
    # Imported lazily by the standard library on paths the golden cases may not take:
    "_strptime": "datetime.strptime and time.strptime import it on their first call",
    "encodings.ascii": "the codec behind str.encode('ascii') and files opened with that encoding",
    "encodings.latin_1": "the codec behind 'latin-1', which byte-to-text conversions often name",
    "encodings.utf_8_sig": "a UTF-8 file with a byte-order mark",
    "traceback": "formatting a Python error for the console (Pyodide's error path)",
    "linecache": "read by traceback for the lines of an error",
    "tokenize": "read by linecache to open a module's source",
}
"""Standard-library modules kept whether or not the trace imports them, each with its reason."""
BROWSER_UNUSED = {
    "pydantic": ("pydantic/v1/", "pydantic/mypy.", "pydantic/experimental/"),
    "victorian-obligations-calculators": ("calculators/exports.", "calculators/site_tables.", "calculators/batch.",
                                          "calculators/_dataset/schemas/", "calculators/_dataset/csv/",
                                          "calculators/_dataset/datapackage.json", "calculators/_dataset/CHANGELOG.md",
                                          "calculators/_dataset/restatements.json"),
}
"""Parts of wheels never used in the browser: pydantic's V1 compatibility package (imported only by code
written for pydantic 1), its mypy plugin (run by mypy) and its experimental API (imported only by name); our CSV
and site-table exports and batch mode (the build and the command line use them), and the dataset's descriptor,
schemas, CSV tables and changelog (the calculators read only the collection files: calculators.dataset) and its
restatements (plain sentences beside the source's words, which only the tests read). Type stubs (*.pyi),
`py.typed` markers (read only by type checkers) and software bills of materials go from every wheel, and the
package description from every METADATA (its headers, the version included, stay)."""
TRACE_CUT = ("pydantic", "annotated-types")
"""Wheels that also lose every module the trace did not import: pydantic imports most of its parts only when
they are first used (TypeAdapter, networks, dataclasses...), and annotated-types ships its own test cases."""
WITHOUT_DOCSTRINGS = ("pydantic", "pydantic-core", "typing-extensions", "annotated-types", "typing-inspection",
                      "victorian-obligations-calculators")
"""Wheels whose docstrings are emptied before compiling (a fifth of their bytecode), as the cut standard
library's are: help text that the calculators never read in the browser (pydantic reads a model's docstring only
to write a JSON Schema, which the browser never does; our code reads no docstring). The parity test's golden
cases and self-test digest would show any answer that changed."""
BROWSER_MINIFIED = "calculators/_dataset/"
"""JSON files (the dataset's collections) written without indentation in the browser's wheel: the same JSON."""
GUARD = "_vot_cut_guard"
GUARD_SOURCE = '''"""Notes every import of a module that the browser runtime's cuts left out (scripts/build_runtime.py writes
this module into the cut standard library; the worker imports it first). The worker reads `missed()` after
starting and after every answer: if it names a module, the answer is discarded and Python starts again on the
full standard library and wheels."""
import sys

LEFT_OUT = frozenset(__LEFT_OUT__)
_missed = []


class LeftOutFinder:
    """Last on sys.meta_path: asked only for a module that no other finder has."""

    @staticmethod
    def find_spec(name, path=None, target=None):
        if name in LEFT_OUT:
            _missed.append(name)
        return None


def missed():
    """The left-out modules imported so far, comma-separated ("" if none)."""
    return ",".join(_missed)


sys.meta_path.append(LeftOutFinder)
'''


def pyodide_info() -> dict:
    """The pinned Pyodide's version, Python version and wheel platform tag, from node_modules."""
    if not (PYODIDE / "package.json").is_file():
        sys.exit("build_runtime: node_modules/pyodide is missing; run scripts/setup.sh (or npm ci)")
    version = json.loads((PYODIDE / "package.json").read_text())["version"]
    info = json.loads((PYODIDE / "pyodide-lock.json").read_text())["info"]
    python = ".".join(info["python"].split(".")[:2])
    return {"version": version, "python": python, "python_full": info["python"], "lock": info,
            "platform": f"pyemscripten_{info['abi_version']}_{info['arch']}"}


def copy_core(out: Path) -> Path:
    """Copy the Pyodide files needed to boot, and fflate, into `out`/pyodide-<hash of their names and bytes>/."""
    sources = {name: PYODIDE / name for name in CORE_FILES}
    sources |= {target: ROOT / "node_modules" / "fflate" / source for source, target in FFLATE.items()}
    digest = hashlib.sha256()
    for name, source in sorted(sources.items()):
        digest.update(f"{name}\0{source.stat().st_size}\0".encode())
        digest.update(source.read_bytes())
    core = out / f"pyodide-{digest.hexdigest()[:HASH_CHARS]}"
    core.mkdir(parents=True)
    for name, source in sources.items():
        shutil.copy2(source, core / name)
    return core


def build_wheel(wheels: Path) -> Path:
    """Build our own wheel (dataset force-included) into wheels/, with a cached, offline build backend."""
    backend = CACHE / "build-backend"
    if not any(backend.glob("hatchling-*.whl")):
        pip("download", "--quiet", "--only-binary=:all:", "--dest", backend, BUILD_BACKEND)
    with tempfile.TemporaryDirectory() as tmp:
        pip("wheel", "--quiet", "--no-deps", "--no-index", "--find-links", backend, "--wheel-dir", tmp, ROOT)
        (built,) = Path(tmp).glob("*.whl")
        return Path(shutil.copy2(built, wheels / built.name))


def runtime_requirements(wheel: Path, pyodide: dict) -> dict[str, str]:
    """Every package our wheel needs in Pyodide (transitively), pinned to the version installed in the venv."""
    target = {"python_version": pyodide["python"], "python_full_version": pyodide["python_full"],
              "sys_platform": "emscripten", "platform_system": "Emscripten", "platform_machine": "wasm32",
              "os_name": "posix", "implementation_name": "cpython", "platform_python_implementation": "CPython",
              "extra": ""}

    def needs(requires: list[str]) -> list[str]:
        reqs = [Requirement(text) for text in requires]
        return [req.name for req in reqs if req.marker is None or req.marker.evaluate(target)]

    with zipfile.ZipFile(wheel) as zf:
        (meta,) = [n for n in zf.namelist() if n.endswith(".dist-info/METADATA")]
        todo = needs(email.parser.Parser().parsestr(zf.read(meta).decode()).get_all("Requires-Dist") or [])
    pins: dict[str, str] = {}
    while todo:
        name = canonicalize_name(todo.pop())
        if name in pins:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            sys.exit(f"build_runtime: {name} is needed at runtime but not installed in the venv")
        pins[name] = dist.version
        todo += needs(dist.requires or [])
    return pins


def collect_dependencies(pins: dict[str, str], pyodide: dict, wheels: Path) -> list[Path]:
    """Copy the pinned wheels for Pyodide's platform into wheels/, downloading only what the cache lacks."""
    cache = CACHE / pyodide["platform"]
    cache.mkdir(parents=True, exist_ok=True)

    def cached() -> dict[tuple[str, str], Path]:
        found = {}
        for path in cache.glob("*.whl"):
            name, version, _, _ = parse_wheel_filename(path.name)
            found[(name, str(version))] = path
        return found

    missing = [f"{name}=={version}" for name, version in pins.items() if (name, version) not in cached()]
    if missing:
        pip("download", "--quiet", "--no-deps", "--only-binary=:all:", "--platform", pyodide["platform"],
            "--python-version", pyodide["python"], "--implementation", "cp", "--dest", cache, *missing)
    found = cached()
    return [Path(shutil.copy2(found[(name, version)], wheels)) for name, version in sorted(pins.items())]


def rewrite_wheel(wheel: Path, entries: list[tuple[str, bytes]]) -> None:
    """Write `entries` as the wheel, with a RECORD to match (`zip_bytes`: same input, same bytes)."""
    (record,) = [name for name, _ in entries if name.endswith(".dist-info/RECORD")]
    files = sorted((name, data) for name, data in entries if name != record)
    lines = [f"{name},sha256={base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()},"
             f"{len(data)}" for name, data in files]
    files.append((record, ("\n".join([*lines, f"{record},,"]) + "\n").encode()))
    wheel.write_bytes(zip_bytes(files))


def trim_tzdata(wheel: Path, zones: tuple[str, ...] = BROWSER_ZONES) -> None:
    """Keep only `zones` (and the package files zoneinfo needs to find them) in the tzdata wheel."""
    keep_folders = {"tzdata", "tzdata/zoneinfo"} | {f"tzdata/zoneinfo/{zone.rpartition('/')[0]}" for zone in zones}
    with zipfile.ZipFile(wheel) as zf:
        entries = [(name, zf.read(name)) for name in zf.namelist() if not name.endswith("/")]
    kept = []
    for name, data in entries:
        folder, _, base = name.rpartition("/")
        if ".dist-info/" in name or (folder in keep_folders and base.startswith("__init__.py")) or name.startswith("tzdata/zoneinfo/") and name.removeprefix("tzdata/zoneinfo/") in zones:
            kept.append((name, data))
        elif name == "tzdata/zones":
            kept.append((name, "".join(f"{zone}\n" for zone in sorted(zones)).encode()))
    missing = set(zones) - {name.removeprefix("tzdata/zoneinfo/") for name, _ in kept}
    if missing:
        sys.exit(f"build_runtime: tzdata has no zone {', '.join(sorted(missing))}")
    rewrite_wheel(wheel, kept)


def compiled_modules(zips: list[Path], empty_docstrings: set[Path], pyodide: dict) -> dict[Path, dict[str, bytes]]:
    """For each zip (a wheel, or a standard library), its .py modules compiled to .pyc by Pyodide's Python
    (scripts/compile_bytecode.mjs), their docstrings emptied first for the zips in `empty_docstrings`: {path in
    the zip + "c": bytecode}. Cached, keyed by the Pyodide version, the script and the zip's bytes."""
    node = shutil.which("node")
    if node is None:
        sys.exit("build_runtime: node is not on PATH (needed to compile to bytecode); run scripts/setup.sh")
    script = ROOT / "scripts" / "compile_bytecode.mjs"
    version = hashlib.sha256(script.read_bytes()).hexdigest()[:HASH_CHARS]

    def cached_at(path: Path) -> Path:
        kind = "empty-docstrings" if path in empty_docstrings else "docstrings"
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        return CACHE / "compiled" / pyodide["version"] / version / kind / digest / f"{path.name}.pyc.zip"
    cached = {path: cached_at(path) for path in zips}
    todo = [path for path in zips if not cached[path].is_file()]
    if todo:
        with tempfile.TemporaryDirectory() as tmp:
            kept = [str(path) for path in todo if path not in empty_docstrings]
            emptied = [str(path) for path in todo if path in empty_docstrings]
            options = ["--empty-docstrings", *emptied] if emptied else []
            subprocess.run([node, str(script), str(PYODIDE), tmp, *kept, *options], check=True)
            for path in todo:
                cached[path].parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(Path(tmp) / cached[path].name, cached[path])
    compiled = {}
    for path in zips:
        with zipfile.ZipFile(cached[path]) as zf:
            compiled[path] = {name: zf.read(name) for name in zf.namelist()}
    return compiled


def precompile(wheels: list[Path], pyodide: dict) -> list[Path]:
    """Replace each wheel's .py modules by bytecode (`compiled_modules`), so a first visit unmarshals instead of
    compiling from source; the WITHOUT_DOCSTRINGS wheels' docstrings emptied."""
    emptied = {wheel for wheel in wheels if canonicalize_name(parse_wheel_filename(wheel.name)[0]) in WITHOUT_DOCSTRINGS}
    compiled = compiled_modules(wheels, emptied, pyodide)
    for wheel in wheels:
        modules = compiled[wheel]
        with zipfile.ZipFile(wheel) as zf:
            entries = [(name, zf.read(name)) for name in zf.namelist()
                       if not name.endswith("/") and f"{name}c" not in modules]
        rewrite_wheel(wheel, entries + list(modules.items()))
    return wheels


def place_wheels(out: Path, wheels: list[Path]) -> list[Path]:
    """Move each wheel to `out`/wheels/<its sha256's first characters>/, keeping its file name."""
    placed = []
    for wheel in wheels:
        folder = out / "wheels" / hashlib.sha256(wheel.read_bytes()).hexdigest()[:HASH_CHARS]
        folder.mkdir(parents=True, exist_ok=True)
        placed.append(Path(shutil.move(wheel, folder / wheel.name)))
    return placed


def trace_imports(wheels: list[Path], pyodide: dict) -> dict[str, str]:
    """Every module the calculators import in Pyodide, with its origin (scripts/trace_imports.mjs); cached,
    keyed by everything that decides it."""
    tracer = ROOT / "scripts" / "trace_imports.mjs"
    key = hashlib.sha256(pyodide["version"].encode())
    for path in [tracer, ROOT / "docs" / "assets" / "javascripts" / "python-runtime.js", *wheels,
                 *sorted(CASES.glob("*.json"))]:
        key.update(f"{path.name}\0".encode() + hashlib.sha256(path.read_bytes()).digest())
    cached = CACHE / "traces" / f"{key.hexdigest()}.json"
    if not cached.is_file():
        node = shutil.which("node")
        if node is None:
            sys.exit("build_runtime: node is not on PATH (needed to trace imports); run scripts/setup.sh")
        done = subprocess.run([node, str(tracer), str(PYODIDE), str(CASES), *map(str, wheels)], check=True,
                              capture_output=True, text=True)
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_text(done.stdout)
    return json.loads(cached.read_text())["modules"]


def module_name(path: str) -> str | None:
    """The module a file in a zip or wheel holds ("re/_parser.py" is re._parser, "re/__init__.py" is re), or
    None for a file that is not a module."""
    stem, dot, suffix = path.rpartition(".")
    if not dot or suffix not in ("py", "pyc") or ".dist-info/" in path or ".data/" in path:
        return None
    return stem.removesuffix("/__init__").replace("/", ".")


def deflated(data: bytes) -> bytes:
    """`data` as a raw deflate stream made by Zopfli: any inflater reads it, and it is 3-5% smaller than zlib's
    best (about 120 KB less on a first visit). Zopfli is slow, so each result is cached, keyed by the data's
    sha256. One iteration: more gave under 0.3% for several times the time."""
    cached = CACHE / "deflated" / hashlib.sha256(data).hexdigest()
    if not cached.is_file():
        compressed = zopfli.compress(data, numiterations=1)[2:-4]  # a zlib stream, less its header and checksum
        if zlib.decompress(compressed, -zlib.MAX_WBITS) != data:
            sys.exit("build_runtime: Zopfli's output does not inflate to its input")
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{uuid.uuid4().hex}.partial")
        partial.write_bytes(compressed)
        partial.replace(cached)  # whole or not at all, should two builds run at once
    return cached.read_bytes()


def zip_bytes(entries: list[tuple[str, bytes]]) -> bytes:
    """A zip of `entries` (a name ending in "/" is a folder), in the order given and dated 1 January 1980 (same
    entries, same bytes), each file deflated by Zopfli (`deflated`), which Python's zipfile cannot write."""
    dos_date, dos_time = 1 << 5 | 1, 0  # MS-DOS date fields: (year - 1980) << 9 | month << 5 | day; midnight
    body, directory = bytearray(), bytearray()
    for name, data in entries:
        folder = name.endswith("/")
        packed = b"" if folder else deflated(data)
        method, attributes = (0, 0o40755 << 16 | 0x10) if folder else (8, 0o100644 << 16)
        raw_name, crc = name.encode(), zlib.crc32(data)
        fields = struct.pack("<HHHHHIIIH", 20, 0x800, method, dos_time, dos_date, crc, len(packed), len(data),
                             len(raw_name))
        directory += struct.pack("<IH", 0x02014B50, 0x0314) + fields + struct.pack("<HHHHII", 0, 0, 0, 0,
                                                                                    attributes, len(body)) + raw_name
        body += struct.pack("<I", 0x04034B50) + fields + struct.pack("<H", 0) + raw_name + packed
    count = len(entries)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(directory), len(body), 0)
    return bytes(body + directory + end)


def cut_stdlib(full: Path, traced: dict[str, str], left_out_of_wheels: set[str], pyodide: dict,
               leave_out: tuple[str, ...] = ()) -> tuple[bytes, set[str]]:
    """The standard library's zip with only the traced modules and STDLIB_SAFETY (less `leave_out`, which tests
    use to check the fallback), compiled to bytecode with their docstrings emptied (`compiled_modules`: Pyodide's
    zip holds sources, and compiling them was most of a first visit's start), and the guard module (a source,
    which tests read); and the names of the modules it left out."""
    prefix = f"/lib/python{pyodide['python'].replace('.', '')}.zip/"
    keep = {origin.removeprefix(prefix) for origin in traced.values() if origin.startswith(prefix)}
    with zipfile.ZipFile(full) as zf:
        files = {name: zf.read(name) for name in zf.namelist() if not name.endswith("/")}
    by_module = {module_name(name): name for name in files if module_name(name)}
    missing = set(STDLIB_SAFETY) - set(by_module)
    if missing:
        sys.exit(f"build_runtime: STDLIB_SAFETY names modules the standard library lacks: {sorted(missing)}")
    keep |= {by_module[name] for name in STDLIB_SAFETY}
    keep -= {by_module[name] for name in leave_out}
    left_out = {module for module, name in by_module.items() if name not in keep} | left_out_of_wheels
    with tempfile.TemporaryDirectory() as tmp:
        sources = Path(tmp) / "python_stdlib.zip"
        with zipfile.ZipFile(sources, "w") as zf:  # only for compile_bytecode.mjs to read: stored, not deflated
            for name in sorted(keep):
                zf.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), files[name])
        compiled = compiled_modules([sources], {sources}, pyodide)[sources]
    kept = {name: files[name] for name in keep if f"{name}c" not in compiled} | compiled
    folders = {name[:end + 1] for name in kept for end in range(len(name)) if name[end] == "/"}
    guard = GUARD_SOURCE.replace("__LEFT_OUT__", "{\n" + "".join(f"    {name!r},\n" for name in sorted(left_out)) + "}")
    entries = [*kept.items(), *((folder, b"") for folder in folders), (f"{GUARD}.py", guard.encode())]
    return zip_bytes(sorted(entries)), left_out


def cut_wheel(wheel: Path, traced: dict[str, str]) -> set[str]:
    """Take from `wheel` (in place) its BROWSER_UNUSED parts, untraced modules (TRACE_CUT), type stubs, `py.typed`
    markers and bills of materials; shorten METADATA to its headers and minify BROWSER_MINIFIED JSON. Returns the
    modules taken. Refuses to take a module the trace imported."""
    project = str(canonicalize_name(parse_wheel_filename(wheel.name)[0]))
    unused = BROWSER_UNUSED.get(project, ())
    with zipfile.ZipFile(wheel) as zf:
        entries = [(name, zf.read(name)) for name in zf.namelist() if not name.endswith("/")]
    taken = [name for name, _ in entries if name.startswith(unused) or name.endswith((".pyi", "/py.typed"))
             or ".dist-info/sboms/" in name or project in TRACE_CUT and module_name(name) not in (None, *traced)]
    modules = {module for module in map(module_name, taken) if module}
    imported = sorted(modules & set(traced))
    if imported:
        sys.exit(f"build_runtime: BROWSER_UNUSED names modules the calculators import: {imported}")
    kept = [(name, browser_copy(name, data)) for name, data in entries if name not in taken]
    if kept != entries:
        rewrite_wheel(wheel, kept)
    return modules


def browser_copy(name: str, data: bytes) -> bytes:
    """A wheel file as the browser's wheel holds it: METADATA without the package description (after the first
    blank line), BROWSER_MINIFIED JSON without indentation, anything else unchanged."""
    if name.endswith(".dist-info/METADATA"):
        return data.replace(b"\r\n", b"\n").split(b"\n\n", 1)[0] + b"\n"
    if name.startswith(BROWSER_MINIFIED) and name.endswith(".json"):
        return json.dumps(json.loads(data), ensure_ascii=False, separators=(",", ":")).encode()
    return data


def self_test_digest() -> str:
    """The sha256 of `calculators.web.self_test()` as CPython answers it: what a restored Python must match."""
    from calculators import web

    return hashlib.sha256(web.self_test().encode()).hexdigest()


DATASET_IN_WHEEL = re.compile(r"calculators/_dataset/[^/]+\.json")
"""The collection files inside our wheel, which the calculators read lazily (each on first use)."""


def dataset_digests(wheel: Path) -> dict[str, str]:
    """The sha256 of each collection file inside `wheel` (by its path in the wheel; none for another wheel): the
    worker checks a snapshot's copies against them, since the self-test reads only some collections."""
    with zipfile.ZipFile(wheel) as archive:
        return {name: hashlib.sha256(archive.read(name)).hexdigest()
                for name in sorted(archive.namelist()) if DATASET_IN_WHEEL.fullmatch(name)}


def write_manifest(out: Path, core: Path, stdlib: Path, wheels: list[Path], full_wheels: list[Path],
                   pyodide: dict) -> Path:
    """manifest.json: the Pyodide version, the core folder, the lock file's contents for loadPyodide, each file's
    path, size and sha256, and the self-test digest. `files`, `stdlib` and `wheels` are what a start fetches; `fallback` is what a start on
    the full library fetches instead: the core's standard library, and the uncut wheels (same file names)."""
    def entry(path: Path) -> dict:
        return {"path": path.relative_to(out).as_posix(), "bytes": path.stat().st_size,
                "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}

    def wheel_entry(path: Path) -> dict:
        found = dataset_digests(path)
        return {"file": path.name, **entry(path), **({"dataset": found} if found else {})}

    manifest = out / "manifest.json"
    manifest.write_text(json.dumps({
        "pyodide": pyodide["version"], "core": f"{core.name}/", "lock": {"info": pyodide["lock"], "packages": {}},
        "files": [entry(path) for path in sorted(core.iterdir()) if path.name != "python_stdlib.zip"],
        "stdlib": entry(stdlib),
        "wheels": [wheel_entry(path) for path in wheels],
        "fallback": {"stdlib": entry(core / "python_stdlib.zip"),
                     "wheels": [wheel_entry(path) for path in full_wheels]},
        "selfTest": self_test_digest(),
    }, indent=2) + "\n")
    return manifest


def entries(manifest: dict, fallback: bool = True) -> list[dict]:
    """The manifest's file entries: those a start fetches, and (with `fallback`) those of the fallback."""
    fetched = [*manifest["files"], manifest["stdlib"], *manifest["wheels"]]
    return fetched + ([manifest["fallback"]["stdlib"], *manifest["fallback"]["wheels"]] if fallback else [])


def runtime_id(manifest: Path) -> str:
    """Names one build of the runtime (the sha256 of its manifest): a snapshot is restored only by the
    runtime that made it."""
    return hashlib.sha256(manifest.read_bytes()).hexdigest()[:HASH_CHARS]


def pip(*args: object) -> None:
    subprocess.run([sys.executable, "-m", "pip", *map(str, args)], check=True)


def build_runtime(out: Path, leave_out: tuple[str, ...] = ()) -> Path:
    """Assemble the runtime into `out` (emptied first); returns the manifest's path. `leave_out` names
    standard-library modules to leave out of the cut library as well (to test the fallback)."""
    pyodide = pyodide_info()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    core = copy_core(out)
    with tempfile.TemporaryDirectory() as tmp:
        staging = Path(tmp)
        ours = build_wheel(staging)
        deps = collect_dependencies(runtime_requirements(ours, pyodide), pyodide, staging)
        for wheel in deps:
            project = canonicalize_name(parse_wheel_filename(wheel.name)[0])
            if project == "tzdata":
                trim_tzdata(wheel)
        wheels = precompile([ours, *deps], pyodide)
        traced = trace_imports(wheels, pyodide)
        full = staging / "full"
        full.mkdir()
        full_wheels, left_out = [], set()
        for wheel in wheels:
            uncut = Path(shutil.copy2(wheel, full / wheel.name))
            taken = cut_wheel(wheel, traced)
            if taken:
                full_wheels.append(uncut)
                left_out |= taken
        stdlib, _ = cut_stdlib(core / "python_stdlib.zip", traced, left_out, pyodide, leave_out)
        folder = out / "stdlib" / hashlib.sha256(stdlib).hexdigest()[:HASH_CHARS]
        folder.mkdir(parents=True)
        (folder / "python_stdlib.zip").write_bytes(stdlib)
        placed = place_wheels(out, wheels)
        fallback = place_wheels(out, full_wheels)
    return write_manifest(out, core, folder / "python_stdlib.zip", placed, fallback, pyodide)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "runtime", help="default: build/runtime/")
    parser.add_argument("--leave-out", action="append", default=[], metavar="MODULE",
                        help="leave this standard-library module out of the cut library too (tests the fallback)")
    arguments = parser.parse_args()
    manifest = build_runtime(arguments.out.resolve(), tuple(arguments.leave_out))
    size = sum(path.stat().st_size for path in manifest.parent.rglob("*") if path.is_file())
    print(f"build_runtime: {manifest.parent} ({size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
