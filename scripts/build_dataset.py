"""Writes dataset/csv/*.csv and dataset/datapackage.json; with --release, also dist/dataset-<version>.zip (JSON,
CSV, schemas, TypeScript declarations, datapackage, changelog, licence, the release's changes). Run after any change
to a collection file or a model. With --archive, also releases/archive/dataset-<version>.zip, the kept zip of the
current release (scripts/release_dataset.py writes it; the tests check it against the release's fingerprint).
`publish` puts every release kept in releases/archive/ on the built site."""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
import zipfile
from pathlib import Path

from calculators.collections import COLLECTIONS
from calculators.exports import RELEASE_VERSION, csv_files, datapackage

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_runtime import zip_bytes  # noqa: E402  (a sibling script)

ROOT = Path(__file__).resolve().parent.parent
DATASET, SCHEMAS, DIST = ROOT / "dataset", ROOT / "schemas", ROOT / "dist"
CHECKSUMS = "SHA256SUMS"
"""The file in each published release folder giving every other file's sha256 (`sha256sum -c SHA256SUMS`)."""


def changes_file(version: str = RELEASE_VERSION, root: Path = ROOT) -> Path | None:
    """The machine-readable changes of release `version` (releases/changes/), if it has them."""
    path = root / "releases" / "changes" / f"{version}.json"
    return path if path.is_file() else None


def render_datapackage() -> str:
    return json.dumps(datapackage(DATASET), indent=2, ensure_ascii=False) + "\n"


def write_csv(root: Path = ROOT) -> list[Path]:
    """Write every CSV table into dataset/csv/, removing any table that is no longer generated."""
    folder = root / "dataset" / "csv"
    folder.mkdir(exist_ok=True)
    files = csv_files(root / "dataset")
    for stale in folder.glob("*.csv"):
        if stale.stem not in files:
            stale.unlink()
    for name, text in files.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8", newline="")
    return [folder / f"{name}.csv" for name in files]


def release_files(root: Path = ROOT, version: str = RELEASE_VERSION) -> dict[str, Path]:
    """Every file of a release by its path inside the release: what the data package describes, and more."""
    dataset_dir, schemas_dir = root / "dataset", root / "schemas"
    files = {f"{name}.json": dataset_dir / f"{name}.json" for name in sorted(COLLECTIONS)}
    files |= {f"schemas/{name}.schema.json": schemas_dir / f"{name}.schema.json" for name in sorted(COLLECTIONS)}
    files |= {f"csv/{path.name}": path for path in sorted((dataset_dir / "csv").glob("*.csv"))}
    files |= {f"types/{path.name}": path for path in sorted((dataset_dir / "types").glob("*.d.ts"))}
    files |= {name: dataset_dir / name for name in ("datapackage.json", "CHANGELOG.md")}
    files["LICENSE"] = root / "LICENSE"
    changes = changes_file(version, root)
    if changes is not None:
        files["changes.json"] = changes
    return files


def release_zip(files: dict[str, Path]) -> bytes:
    """The zip of a release's `files` (path in the release -> file), each at its path from the zip's root, so
    `datapackage.json` is at the top, where Frictionless looks; in path order and dated 1 January 1980
    (build_runtime.zip_bytes), so the same files always make the same bytes."""
    return zip_bytes([(name, files[name].read_bytes()) for name in sorted(files)])


def write_release(out_dir: Path = DIST, root: Path = ROOT, version: str = RELEASE_VERSION) -> Path:
    """The release zip of the data in `root`: everything a data user needs."""
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"dataset-{version}.zip"
    target.write_bytes(release_zip(release_files(root, version)))
    return target


def archived(root: Path = ROOT) -> dict[str, Path]:
    """Every release kept in releases/archive/ (each release's zip as it was released), oldest first."""
    archives = {path.name.removeprefix("dataset-").removesuffix(".zip"): path
                for path in (root / "releases" / "archive").glob("dataset-*.zip")}
    return dict(sorted(archives.items(), key=lambda item: tuple(int(part) for part in item[0].split("."))))


def folders(versions: list[str]) -> dict[str, str]:
    """Each folder of /dataset/ with the release it holds: every version (oldest first) in its own, `v<major>`
    the newest of that major version and `latest` the newest of all."""
    held = {version: version for version in versions}
    for version in versions:
        held[f"v{version.split('.')[0]}"] = version
    if versions:
        held["latest"] = versions[-1]
    return held


def checksums(folder: Path) -> str:
    """SHA256SUMS for `folder`: a line `<sha256>  <path>` for every file in it but this one, in path order."""
    paths = sorted((path for path in folder.rglob("*") if path.is_file() and path.name != CHECKSUMS),
                   key=lambda path: path.relative_to(folder).as_posix())
    return "".join(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.relative_to(folder).as_posix()}\n"
                   for path in paths)


if __name__ == "__main__":
    print(f"wrote {len(write_csv())} CSV tables in dataset/csv/")
    (DATASET / "datapackage.json").write_text(render_datapackage(), encoding="utf-8")
    print("wrote dataset/datapackage.json")
    if "--release" in sys.argv:
        print(f"wrote {write_release().relative_to(ROOT)}")
    if "--archive" in sys.argv:  # the current release's kept zip, should a release have been made without it
        print(f"wrote {write_release(ROOT / 'releases' / 'archive').relative_to(ROOT)}")


def releases_table(root: Path = ROOT) -> str:
    """The dataset page's table of every release kept, newest first: its date, the folders that hold it and
    links to its zip, descriptor, changes and checksums (relative to /dataset/)."""
    archives = archived(root)
    held = folders(list(archives))
    rows = ["| Release | Date | Folders | Files |", "| --- | --- | --- | --- |"]
    for version, path in reversed(archives.items()):
        with zipfile.ZipFile(path) as archive:
            made = json.loads(archive.read("changes.json"))
        names = ", ".join(f"`{folder}/`" for folder, holds in held.items() if holds == version)
        links = " · ".join(f'<a href="{version}/{name}">{name}</a>' for name in
                           (f"dataset-{version}.zip", "datapackage.json", "changes.json", CHECKSUMS))
        rows.append(f"| {version} | {made['date']} | {names} | {links} |")
    return "\n".join(rows) + "\n"


def publish(site_dir: Path, root: Path = ROOT) -> list[Path]:
    """Every release kept in releases/archive/ at its stable addresses in the built site: /dataset/<version>/,
    /dataset/v<major>/ and /dataset/latest/, each with the release's files as released (the JSON, CSV, schemas,
    TypeScript declarations, datapackage, changelog, licence and changes.json), its zip and SHA256SUMS. The
    archive is committed, so publishing needs neither git history nor the network."""
    archives = archived(root)
    targets = []
    for folder, version in folders(list(archives)).items():
        target = site_dir / "dataset" / folder
        with zipfile.ZipFile(archives[version]) as archive:
            archive.extractall(target)
        shutil.copyfile(archives[version], target / archives[version].name)
        (target / CHECKSUMS).write_text(checksums(target), encoding="utf-8")
        targets.append(target)
    return targets
