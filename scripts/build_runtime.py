"""Assemble the self-hosted browser runtime: Pyodide's core files, our wheel and its dependency wheels.

    .venv/bin/python scripts/build_runtime.py [--out build/runtime]

The output folder holds the Pyodide files `loadPyodide({indexURL})` needs to boot and `wheels/` with every
wheel to install plus `wheels/manifest.json` (file name, bytes, sha256 of each wheel; the Pyodide version).
Pyodide comes from the npm package pinned in package.json (`npm ci`, run by scripts/setup.sh). The
dependency wheels are the versions installed in the venv, for Pyodide's platform; downloads are cached in
build/wheel-cache/, so a rerun needs no network.
"""

from __future__ import annotations

import argparse
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
BUILD_BACKEND = "hatchling>=1.25"  # pyproject's [build-system]; cached so the wheel builds offline


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
    """Copy the Pyodide files needed to boot into the output folder."""
    for name in CORE_FILES:
        shutil.copy2(PYODIDE / name, out / name)


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
    return write_manifest(wheels, [ours, *deps], pyodide)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "runtime", help="default: build/runtime/")
    manifest = build_runtime(parser.parse_args().out.resolve())
    size = sum(path.stat().st_size for path in manifest.parent.parent.rglob("*") if path.is_file())
    print(f"build_runtime: {manifest.parent.parent} ({size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
