"""The maintainer's update path: one data edit plus `scripts/release_dataset.py`, exercised on a copy of the
repository, and the committed release kept consistent with the data."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest

from calculators import dataset
from calculators.schemas import render

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import build_dataset  # noqa: E402
import release_dataset  # noqa: E402

TODAY = dt.date(2026, 12, 1)
TEST_CITATION = {"document": "Victoria Government Gazette (a made-up entry: test data, not law)", "provision": "G99"}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of what the release command reads and writes."""
    shutil.copytree(ROOT / "dataset", tmp_path / "dataset", symlinks=True)
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    shutil.copytree(ROOT / "releases", tmp_path / "releases")
    shutil.copyfile(ROOT / "LICENSE", tmp_path / "LICENSE")
    (tmp_path / "calculators").mkdir()
    shutil.copyfile(ROOT / "calculators" / "dataset.py", tmp_path / "calculators" / "dataset.py")
    released = json.loads((tmp_path / "releases" / "fingerprints" / f"{dataset.RELEASE_VERSION}.json").read_text("utf-8"))
    if released["collections"] != release_dataset.fingerprint(tmp_path / "dataset")["collections"]:
        # Changes noted under '## Unreleased' are released first, so each test starts from a clean release
        # (a major one when they rename or remove an id).
        try:
            release_dataset.release(tmp_path, "minor", "Unreleased changes (test setup).", TODAY)
        except release_dataset.ReleaseError as error:
            if "major release" not in str(error):
                raise
            release_dataset.release(tmp_path, "major", "Unreleased changes (test setup).", TODAY)
    return tmp_path


def _released(repo: Path) -> str:
    """The copy's release version (the committed one, or the one its setup released)."""
    return release_dataset.release_version(repo)


def _edit(repo: Path, collection: str, change) -> None:
    path = repo / "dataset" / f"{collection}.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _add_a_financial_year(document: dict) -> None:
    document["records"].append({
        "id": "fy-2025-26", "financial_year": "2025-26", "starts": "2025-07-01", "ends": "2026-06-30",
        "penalty_unit": "123.45", "fee_unit": None,
        "in_force": {"from": "2025-07-01", "from_source": TEST_CITATION, "to": "2026-06-30",
                     "to_source": {"document": "Monetary Units Act 2004 (Vic)", "provision": "s 5"}},
        "source": TEST_CITATION,
    })


def _versions(repo: Path) -> dict[str, str]:
    return {path.stem: json.loads(path.read_text(encoding="utf-8"))["version"]
            for path in (repo / "dataset").glob("*.json") if path.name != "datapackage.json"}


def test_a_new_penalty_unit_year_is_one_edit_and_one_command(repo):
    before, previous = _versions(repo), _released(repo)
    years_before = len(json.loads((repo / "dataset" / "penalty-units.json").read_text(encoding="utf-8"))["records"])
    _edit(repo, "penalty-units", _add_a_financial_year)
    made = release_dataset.release(repo, "minor", "The penalty unit value for 2025-26.", TODAY)

    new = release_dataset.bumped(previous, "minor")
    assert made["version"] == new
    assert f'RELEASE_VERSION = "{new}"' in (repo / "calculators" / "dataset.py").read_text(encoding="utf-8")
    after = _versions(repo)
    assert after["penalty-units"] == release_dataset.bumped(before["penalty-units"], "minor")
    assert {name: v for name, v in after.items() if name != "penalty-units"} == \
        {name: v for name, v in before.items() if name != "penalty-units"}

    diff = json.loads((repo / "releases" / "changes" / f"{new}.json").read_text(encoding="utf-8"))
    assert diff["previous"] == previous and diff["summary"] == "The penalty unit value for 2025-26."
    assert diff["collections"] == {"penalty-units": {"added": ["fy-2025-26"], "removed": [], "changed": [],
                                                     "envelope_changed": False}}
    fingerprint = json.loads((repo / "releases" / "fingerprints" / f"{new}.json").read_text(encoding="utf-8"))
    assert fingerprint["collections"] == release_dataset.fingerprint(repo / "dataset")["collections"]

    package = json.loads((repo / "dataset" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["version"] == new
    resource = next(r for r in package["resources"] if r["name"] == "penalty-units")
    content = (repo / "dataset" / "penalty-units.json").read_bytes()
    assert resource["hash"] == f"sha256:{hashlib.sha256(content).hexdigest()}" and resource["records"] == years_before + 1
    for name in ("penalty-units", "offences"):
        assert (repo / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8") == render(name)

    changelog = (repo / "dataset" / "CHANGELOG.md").read_text(encoding="utf-8")
    entry = changelog.split("\n## ")[1]
    assert entry.startswith(f"{new} — 2026-12-01") and "`fy-2025-26`" in entry
    assert "## Unreleased" not in changelog

    assert made["zip"] == repo / "releases" / "archive" / f"dataset-{new}.zip"  # kept, to be published forever
    with zipfile.ZipFile(made["zip"]) as archive:
        assert "2025-26,2025-07-01,2026-06-30,123.45" in archive.read("csv/penalty-units.csv").decode()
        assert json.loads(archive.read("changes.json"))["version"] == new
    assert list(build_dataset.archived(repo))[-2:] == [previous, new]


def test_an_amendment_ends_one_version_and_starts_another(repo):
    def amend(document: dict) -> None:
        for record in document["records"]:
            if record["id"] == "ssr-reg-37":
                record["in_force"].update({"to": "2026-12-31", "to_source": TEST_CITATION})
                amended = {**record, "id": "ssr-reg-37-as-amended", "supersedes": "ssr-reg-37", "period": 10,
                           "in_force": {"from": "2027-01-01", "from_source": TEST_CITATION, "to": None,
                                        "to_source": None, "note": None}}
        document["records"].append(amended)
    _edit(repo, "deadline-rules", amend)
    made = release_dataset.release(repo, "minor", "reg 37 amended (test).", TODAY)
    assert made["collections"]["deadline-rules"]["added"] == ["ssr-reg-37-as-amended"]
    assert made["collections"]["deadline-rules"]["changed"] == [{"id": "ssr-reg-37", "fields": ["in_force"]}]


def _snapshot(repo: Path) -> dict[str, bytes]:
    return {str(path): path.read_bytes() for path in repo.rglob("*") if path.is_file()}


def test_an_uncited_record_stops_the_release_and_nothing_is_written(repo):
    def uncite(document: dict) -> None:
        _add_a_financial_year(document)
        document["records"][-1]["source"] = {"document": "Victoria Government Gazette", "provision": " "}
    _edit(repo, "penalty-units", uncite)
    untouched = _snapshot(repo)
    with pytest.raises(release_dataset.ReleaseError, match="penalty-units/fy-2025-26: a source without"):
        release_dataset.release(repo, "minor", "An uncited value.", TODAY)
    assert _snapshot(repo) == untouched


def test_a_law_record_without_in_force_stops_the_release(repo):
    _edit(repo, "trigger-events", lambda document: document["records"][0].pop("in_force"))
    with pytest.raises(release_dataset.ReleaseError, match="trigger-events/restrictive-intervention-used: no in_force"):
        release_dataset.release(repo, "patch", "Missing dates.", TODAY)


def test_a_removed_record_needs_a_major_release_and_no_change_no_release(repo):
    with pytest.raises(release_dataset.ReleaseError, match="nothing changed"):
        release_dataset.release(repo, "patch", "Nothing.", TODAY)
    _edit(repo, "penalty-units", lambda document: document["records"].pop(0))
    with pytest.raises(release_dataset.ReleaseError, match="major release"):
        release_dataset.release(repo, "minor", "Dropped 2019-20.", TODAY)
    assert release_dataset.release(repo, "major", "Dropped 2019-20.", TODAY)["version"].endswith(".0.0")


def test_a_major_release_bumps_major_only_the_collections_it_breaks(repo):
    before = _versions(repo)
    _edit(repo, "penalty-units", lambda document: document["records"].pop(0))
    _edit(repo, "offences", lambda document: document["records"][0].update(description="A changed description (test data)."))
    release_dataset.release(repo, "major", "Dropped 2019-20; a description changed.", TODAY)
    after = _versions(repo)
    assert after["penalty-units"] == release_dataset.bumped(before["penalty-units"], "major")
    assert after["offences"] == release_dataset.bumped(before["offences"], "minor")
    assert after["public-holidays"] == before["public-holidays"]
    _edit(repo, "offences", lambda document: document["records"][0].update(description="Another description (test data)."))
    release_dataset.release(repo, "major", "A field removed (test).", TODAY, breaking=["offences"])
    assert _versions(repo)["offences"] == release_dataset.bumped(after["offences"], "major")
    with pytest.raises(release_dataset.ReleaseError, match="breaking: no collection named fines"):
        release_dataset.release(repo, "major", "Nothing.", TODAY, breaking=["fines"])


def test_the_command_line(repo):
    previous = _released(repo)
    _edit(repo, "penalty-units", _add_a_financial_year)
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "release_dataset.py"), "patch", "--summary",
                           "A value.", "--root", str(repo), "--date", "2026-12-01"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert f"released dataset {release_dataset.bumped(previous, 'patch')}" in done.stdout
    again = subprocess.run([sys.executable, str(ROOT / "scripts" / "release_dataset.py"), "patch", "--summary",
                            "Again.", "--root", str(repo)], capture_output=True, text=True)
    assert again.returncode == 1 and again.stderr.startswith("error: nothing changed")


def test_the_committed_release_matches_the_data_or_the_changes_are_noted_as_unreleased():
    """Run scripts/release_dataset.py after a data change; until then, say what changed under '## Unreleased'."""
    version = dataset.RELEASE_VERSION
    released = json.loads((ROOT / "releases" / "fingerprints" / f"{version}.json").read_text(encoding="utf-8"))
    current = release_dataset.fingerprint(ROOT / "dataset")
    if released["collections"] != current["collections"]:
        assert "\n## Unreleased\n" in (ROOT / "dataset" / "CHANGELOG.md").read_text(encoding="utf-8"), \
            "the data differs from the last release: note the change under '## Unreleased' in dataset/CHANGELOG.md"
    changes = json.loads((ROOT / "releases" / "changes" / f"{version}.json").read_text(encoding="utf-8"))
    previous = json.loads((ROOT / "releases" / "fingerprints" / f"{changes['previous']}.json").read_text("utf-8"))
    assert changes["version"] == version
    assert changes["collections"] == release_dataset.changes(previous, released)


def _unpacked(archive: Path, into: Path) -> Path:
    with zipfile.ZipFile(archive) as release:
        release.extractall(into)
    return into


def test_every_release_is_kept_as_it_was_released():
    """releases/archive/ holds a zip for every release fingerprinted, and each one's collections are, field for
    field, the ones its fingerprint recorded when it was made: the site publishes them without git history."""
    versions = sorted(path.stem for path in (ROOT / "releases" / "fingerprints").glob("*.json"))
    archives = build_dataset.archived()
    assert sorted(archives) == versions and dataset.RELEASE_VERSION in archives, \
        "a release without its zip in releases/archive/: run scripts/build_dataset.py --archive on the release's data"
    assert list(archives)[0] == "1.0.0" and list(archives)[-1] == dataset.RELEASE_VERSION
    for version, archive in archives.items():
        with tempfile.TemporaryDirectory() as tmp:
            folder = _unpacked(archive, Path(tmp))
            released = json.loads((ROOT / "releases" / "fingerprints" / f"{version}.json").read_text("utf-8"))
            assert release_dataset.fingerprint(folder, released["collections"]) == {"collections": released["collections"]}, version
            assert json.loads((folder / "datapackage.json").read_text("utf-8"))["version"] == version
            assert (folder / "changes.json").read_bytes() == (ROOT / "releases" / "changes" / f"{version}.json").read_bytes()


def test_every_kept_release_is_as_the_release_writer_makes_it():
    """Each kept zip is the one `release_zip` makes of its own files: sorted, dated 1980, nothing under a folder."""
    for version, archive in build_dataset.archived().items():
        with tempfile.TemporaryDirectory() as tmp:
            folder = _unpacked(archive, Path(tmp))
            files = {path.relative_to(folder).as_posix(): path for path in folder.rglob("*") if path.is_file()}
            assert build_dataset.release_zip(files) == archive.read_bytes(), version


def test_frictionless_and_ajv_strict_validate_every_kept_release():
    import frictionless

    for version, archive in build_dataset.archived().items():
        report = frictionless.validate(str(archive), type="package")
        assert report.valid and report.stats["tasks"] >= 25, (version, report.flatten(["message"]))
        with tempfile.TemporaryDirectory() as tmp:
            done = subprocess.run(["node", str(ROOT / "scripts" / "check_schemas.mjs"), str(_unpacked(archive, Path(tmp)))],
                                  capture_output=True, text=True, timeout=120)
            assert done.returncode == 0, (version, done.stdout)


def test_the_first_release_has_its_changes_every_record_added():
    first = json.loads((ROOT / "releases" / "changes" / "1.0.0.json").read_text(encoding="utf-8"))
    fingerprint = json.loads((ROOT / "releases" / "fingerprints" / "1.0.0.json").read_text(encoding="utf-8"))
    assert first["previous"] is None and first["collections"] == release_dataset.changes({"collections": {}}, fingerprint)
    assert "## 1.0.0 (2026-11-23)" in release_dataset.changes_markdown() and "The first release: every record added" \
        in release_dataset.changes_markdown()


def test_each_folder_holds_its_release_v_major_the_newest_of_its_major_and_latest_the_newest():
    assert build_dataset.folders(["1.0.0", "1.1.0", "2.0.0", "2.0.1", "10.0.0"]) == {
        "1.0.0": "1.0.0", "1.1.0": "1.1.0", "2.0.0": "2.0.0", "2.0.1": "2.0.1", "10.0.0": "10.0.0",
        "v1": "1.1.0", "v2": "2.0.1", "v10": "10.0.0", "latest": "10.0.0"}


def test_publishing_puts_every_release_at_its_addresses_with_checksums(tmp_path):
    archives = build_dataset.archived()
    build_dataset.publish(tmp_path)
    for folder, version in build_dataset.folders(list(archives)).items():
        target = tmp_path / "dataset" / folder
        assert (target / f"dataset-{version}.zip").read_bytes() == archives[version].read_bytes()
        listed = dict(line.split("  ", 1)[::-1] for line in (target / "SHA256SUMS").read_text("utf-8").splitlines())
        files = {path.relative_to(target).as_posix(): path for path in target.rglob("*") if path.is_file()}
        assert set(listed) == set(files) - {"SHA256SUMS"} and len(listed) > 70
        assert all(hashlib.sha256(files[name].read_bytes()).hexdigest() == digest for name, digest in listed.items())
