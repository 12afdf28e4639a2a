"""Writes dataset/datapackage.json; with --release, also dist/dataset-<version>.zip (JSON, CSV, schemas,
datapackage, changelog, the release's changes). Run after any change to a collection file."""

from __future__ import annotations

import json
import shutil
import sys
import zipfile
from pathlib import Path

from calculators.collections import COLLECTIONS
from calculators.exports import RELEASE_VERSION, datapackage, to_csv

ROOT = Path(__file__).resolve().parent.parent
DATASET, SCHEMAS, DIST = ROOT / "dataset", ROOT / "schemas", ROOT / "dist"


def changes_file(version: str = RELEASE_VERSION, root: Path = ROOT) -> Path | None:
    """The machine-readable changes of release `version` (releases/changes/), if it has any (1.0.0 has none)."""
    path = root / "releases" / "changes" / f"{version}.json"
    return path if path.is_file() else None


def render_datapackage() -> str:
    return json.dumps(datapackage(DATASET), indent=2, ensure_ascii=False) + "\n"


def write_release(out_dir: Path = DIST, root: Path = ROOT, version: str = RELEASE_VERSION) -> Path:
    """The release zip: everything a data user needs, under one versioned folder."""
    dataset_dir, schemas_dir = root / "dataset", root / "schemas"
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"dataset-{version}.zip"
    folder = f"victorian-obligations-dataset-{version}"
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as release:
        for collection in sorted(COLLECTIONS):
            document = json.loads((dataset_dir / f"{collection}.json").read_text(encoding="utf-8"))
            release.write(dataset_dir / f"{collection}.json", f"{folder}/{collection}.json")
            release.writestr(f"{folder}/csv/{collection}.csv", to_csv(document))
            release.write(schemas_dir / f"{collection}.schema.json", f"{folder}/schemas/{collection}.schema.json")
        release.write(dataset_dir / "datapackage.json", f"{folder}/datapackage.json")
        release.write(dataset_dir / "CHANGELOG.md", f"{folder}/CHANGELOG.md")
        changes = changes_file(version, root)
        if changes is not None:
            release.write(changes, f"{folder}/changes.json")
    return target


if __name__ == "__main__":
    (DATASET / "datapackage.json").write_text(render_datapackage(), encoding="utf-8")
    print("wrote dataset/datapackage.json")
    if "--release" in sys.argv:
        print(f"wrote {write_release().relative_to(ROOT)}")


def publish(site_dir: Path) -> list[Path]:
    """Copy the dataset into the built site at its stable URLs: /dataset/latest/, /dataset/v<major>/ and
    /dataset/<version>/, each with the JSON, CSV, schemas, datapackage, changelog, the release's changes
    (changes.json, from releases/changes/) and the release zip."""
    release = write_release(site_dir / "dataset" / "_release")
    targets = [site_dir / "dataset" / name for name in ("latest", f"v{RELEASE_VERSION.split('.')[0]}", RELEASE_VERSION)]
    for target in targets:
        (target / "csv").mkdir(parents=True, exist_ok=True)
        (target / "schemas").mkdir(exist_ok=True)
        for collection in sorted(COLLECTIONS):
            source = DATASET / f"{collection}.json"
            shutil.copyfile(source, target / f"{collection}.json")
            (target / "csv" / f"{collection}.csv").write_text(to_csv(json.loads(source.read_text("utf-8"))), "utf-8")
            shutil.copyfile(SCHEMAS / f"{collection}.schema.json", target / "schemas" / f"{collection}.schema.json")
        for name in ("datapackage.json", "CHANGELOG.md"):
            shutil.copyfile(DATASET / name, target / name)
        changes = changes_file()
        if changes is not None:
            shutil.copyfile(changes, target / "changes.json")
        shutil.copyfile(release, target / release.name)
    shutil.rmtree(release.parent)
    return targets
