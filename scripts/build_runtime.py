"""Assemble the self-hosted browser runtime: Pyodide's core files, our wheel and its dependency wheels.

    .venv/bin/python scripts/build_runtime.py [--out build/runtime]

The output folder holds the Pyodide files `loadPyodide({indexURL})` needs to boot, fflate (which unpacks the
wheels in the browser) and `wheels/` with every
wheel to install plus `wheels/manifest.json` (file name, bytes, sha256 of each wheel; the Pyodide version).
Pyodide comes from the npm package pinned in package.json (`npm ci`, run by scripts/setup.sh). The
dependency wheels are the versions installed in the venv, for Pyodide's platform; downloads are cached in
build/wheel-cache/, so a rerun needs no network. Every wheel is shipped precompiled to bytecode by Pyodide's
own Python (scripts/compile_wheels.mjs, needs node); the compiled modules are cached too. The tzdata
wheel is cut down to the time zones the calculators use (BROWSER_ZONES): unpacking its 600 zone files took
about 0.15 s of a first visit's start-up.
"""

from __future__ import annotations

import argparse
import base64
import email.parser
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename

ROOT = Path(__file__).resolve().parent.parent
PYODIDE = ROOT / "node_modules" / "pyodide"
CACHE = ROOT / "build" / "wheel-cache"
# What loadPyodide fetches to boot (checked by booting from a folder holding only these).
CORE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
# fflate (npm, pinned in package.json) unpacks the wheels in the worker while Pyodide boots.
FFLATE = {"esm/browser.js": "fflate.js", "LICENSE": "fflate.LICENSE"}
BUILD_BACKEND = "hatchling>=1.27"  # pyproject's [build-system]; cached so the wheel builds offline
BROWSER_ZONES = ("Australia/Melbourne",)  # every ZoneInfo the calculators make (tests/test_parity.py checks)


def pyodide_info() -> dict:
    """The pinned Pyodide's version, Python version and wheel platform tag, from node_modules."""
    if not (PYODIDE / "package.json").is_file():
        sys.exit("build_runtime: node_modules/pyodide is missing; run scripts/setup.sh (or npm ci)")
    version = json.loads((PYODIDE / "package.json").read_text())["version"]
    info = json.loads((PYODIDE / "pyodide-lock.json").read_text())["info"]
    python = ".".join(info["python"].split(".")[:2])
    return {"version": version, "python": python, "python_full": info["python"],
            "platform": f"pyemscripten_{info['abi_version']}_{info['arch']}"}


def copy_core(out: Path) -> None:
    """Copy the Pyodide files needed to boot, and fflate, into the output folder."""
    for name in CORE_FILES:
        shutil.copy2(PYODIDE / name, out / name)
    for source, target in FFLATE.items():
        shutil.copy2(ROOT / "node_modules" / "fflate" / source, out / target)


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
    """Write `entries` as the wheel, with a RECORD to match, in a fixed order with a fixed date (same input,
    same bytes)."""
    (record,) = [name for name, _ in entries if name.endswith(".dist-info/RECORD")]
    files = sorted((name, data) for name, data in entries if name != record)
    lines = [f"{name},sha256={base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()},"
             f"{len(data)}" for name, data in files]
    files.append((record, ("\n".join([*lines, f"{record},,"]) + "\n").encode()))
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr, info.compress_type = 0o644 << 16, zipfile.ZIP_DEFLATED
            out.writestr(info, data)


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


def precompile(wheels: list[Path], pyodide: dict) -> list[Path]:
    """Replace each wheel's .py modules by .pyc compiled by Pyodide's Python (scripts/compile_wheels.mjs), so
    a first visit unmarshals instead of compiling from source. Compiled modules are cached, keyed by the
    Pyodide version and the wheel's sha256."""
    node = shutil.which("node")
    if node is None:
        sys.exit("build_runtime: node is not on PATH (needed to precompile the wheels); run scripts/setup.sh")
    compiled = {wheel: CACHE / "compiled" / pyodide["version"] / hashlib.sha256(wheel.read_bytes()).hexdigest()
                / f"{wheel.name}.pyc.zip" for wheel in wheels}
    todo = [wheel for wheel in wheels if not compiled[wheel].is_file()]
    if todo:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([node, str(ROOT / "scripts" / "compile_wheels.mjs"), str(PYODIDE), tmp, *map(str, todo)],
                           check=True)
            for wheel in todo:
                compiled[wheel].parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(Path(tmp) / compiled[wheel].name, compiled[wheel])
    for wheel in wheels:
        with zipfile.ZipFile(compiled[wheel]) as zf:
            modules = {name: zf.read(name) for name in zf.namelist()}
        with zipfile.ZipFile(wheel) as zf:
            entries = [(name, zf.read(name)) for name in zf.namelist()
                       if not name.endswith("/") and f"{name}c" not in modules]
        rewrite_wheel(wheel, entries + list(modules.items()))
    return wheels


def write_manifest(wheels: Path, files: list[Path], pyodide: dict) -> Path:
    """wheels/manifest.json: the Pyodide version and each wheel's file name, size and sha256."""
    entries = [{"file": path.name, "bytes": path.stat().st_size,
                "sha256": hashlib.sha256(path.read_bytes()).hexdigest()} for path in files]
    manifest = wheels / "manifest.json"
    manifest.write_text(json.dumps({"pyodide": pyodide["version"], "wheels": entries}, indent=2) + "\n")
    return manifest


def pip(*args: object) -> None:
    subprocess.run([sys.executable, "-m", "pip", *map(str, args)], check=True)


def build_runtime(out: Path) -> Path:
    """Assemble the runtime into `out` (emptied first); returns the manifest's path."""
    pyodide = pyodide_info()
    if out.exists():
        shutil.rmtree(out)
    wheels = out / "wheels"
    wheels.mkdir(parents=True)
    copy_core(out)
    ours = build_wheel(wheels)
    deps = collect_dependencies(runtime_requirements(ours, pyodide), pyodide, wheels)
    for wheel in deps:
        if parse_wheel_filename(wheel.name)[0] == "tzdata":
            trim_tzdata(wheel)
    return write_manifest(wheels, precompile([ours, *deps], pyodide), pyodide)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "runtime", help="default: build/runtime/")
    manifest = build_runtime(parser.parse_args().out.resolve())
    size = sum(path.stat().st_size for path in manifest.parent.parent.rglob("*") if path.is_file())
    print(f"build_runtime: {manifest.parent.parent} ({size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
