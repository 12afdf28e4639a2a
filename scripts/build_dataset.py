"""Writes dataset/csv/*.csv and dataset/datapackage.json; with --release, also dist/dataset-<version>.zip (JSON,
CSV, schemas, TypeScript declarations, datapackage, changelog, licence, the release's changes). Run after any change to a collection
file or a model."""

from __future__ import annotations

import json
import shutil
import sys
import zipfile
from pathlib import Path

from calculators.collections import COLLECTIONS
from calculators.exports import RELEASE_VERSION, csv_files, datapackage

ROOT = Path(__file__).resolve().parent.parent
DATASET, SCHEMAS, DIST = ROOT / "dataset", ROOT / "schemas", ROOT / "dist"


def changes_file(version: str = RELEASE_VERSION, root: Path = ROOT) -> Path | None:
    """The machine-readable changes of release `version` (releases/changes/), if it has any (1.0.0 has none)."""
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


def write_release(out_dir: Path = DIST, root: Path = ROOT, version: str = RELEASE_VERSION) -> Path:
    """The release zip: everything a data user needs, under one versioned folder."""
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"dataset-{version}.zip"
    folder = f"victorian-obligations-dataset-{version}"
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as release:
        for name, source in release_files(root, version).items():
            release.write(source, f"{folder}/{name}")
    return target


if __name__ == "__main__":
    print(f"wrote {len(write_csv())} CSV tables in dataset/csv/")
    (DATASET / "datapackage.json").write_text(render_datapackage(), encoding="utf-8")
    print("wrote dataset/datapackage.json")
    if "--release" in sys.argv:
        print(f"wrote {write_release().relative_to(ROOT)}")


def publish(site_dir: Path) -> list[Path]:
    """Copy the dataset into the built site at its stable URLs: /dataset/latest/, /dataset/v<major>/ and
    /dataset/<version>/, each with the JSON, CSV, schemas, TypeScript declarations (types/), datapackage,
    changelog, licence, the release's changes
    (changes.json, from releases/changes/) and the release zip."""
    release = write_release(site_dir / "dataset" / "_release")
    targets = [site_dir / "dataset" / name for name in ("latest", f"v{RELEASE_VERSION.split('.')[0]}", RELEASE_VERSION)]
    for target in targets:
        for name, source in release_files().items():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target / name)
        shutil.copyfile(release, target / release.name)
    shutil.rmtree(release.parent)
    return targets
