"""Writes dataset/csv/*.csv and dataset/datapackage.json; with --release, also dist/dataset-<version>.zip (JSON,
CSV, schemas, datapackage, changelog, licence). Run after any change to a collection file or a model."""

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
CSV = DATASET / "csv"


def render_datapackage() -> str:
    return json.dumps(datapackage(DATASET), indent=2, ensure_ascii=False) + "\n"


def write_csv() -> list[Path]:
    """Write every CSV table into dataset/csv/, removing any table that is no longer generated."""
    CSV.mkdir(exist_ok=True)
    files = csv_files(DATASET)
    for stale in CSV.glob("*.csv"):
        if stale.stem not in files:
            stale.unlink()
    for name, text in files.items():
        (CSV / f"{name}.csv").write_text(text, encoding="utf-8", newline="")
    return [CSV / f"{name}.csv" for name in files]


def release_files() -> dict[str, Path]:
    """Every file of a release, by its path inside the release: what the data package describes, and more."""
    files = {f"{collection}.json": DATASET / f"{collection}.json" for collection in sorted(COLLECTIONS)}
    files |= {f"schemas/{c}.schema.json": SCHEMAS / f"{c}.schema.json" for c in sorted(COLLECTIONS)}
    files |= {f"csv/{path.name}": path for path in sorted(CSV.glob("*.csv"))}
    files |= {name: DATASET / name for name in ("datapackage.json", "CHANGELOG.md")}
    files["LICENSE"] = ROOT / "LICENSE"
    return files


def write_release(out_dir: Path = DIST) -> Path:
    """The release zip: everything a data user needs, under one versioned folder."""
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"dataset-{RELEASE_VERSION}.zip"
    folder = f"victorian-obligations-dataset-{RELEASE_VERSION}"
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as release:
        for name, source in release_files().items():
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
    /dataset/<version>/, each with the JSON, CSV, schemas, datapackage, changelog and the release zip."""
    release = write_release(site_dir / "dataset" / "_release")
    targets = [site_dir / "dataset" / name for name in ("latest", f"v{RELEASE_VERSION.split('.')[0]}", RELEASE_VERSION)]
    for target in targets:
        for name, source in release_files().items():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target / name)
        shutil.copyfile(release, target / release.name)
    shutil.rmtree(release.parent)
    return targets
