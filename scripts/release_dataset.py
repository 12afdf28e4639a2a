"""Releases the dataset after a data edit: one command, checked, nothing retyped by hand.

    .venv/bin/python scripts/release_dataset.py minor --summary "Penalty unit value for 2025-26 (Gazette ...)"

It validates every collection against its model and refuses anything uncited; compares the records with the
previous release's fingerprint (releases/fingerprints/<version>.json) and refuses a release with no change, or a
removed record without a major bump; then bumps the version of each changed collection and of the release
(calculators/dataset.py), regenerates the schemas and datapackage.json, writes the machine-readable changes
(releases/changes/<version>.json, published beside the dataset) and the new fingerprint, turns the
CHANGELOG's "## Unreleased" notes, with the list of changes, into the release's entry, and writes the release
zip (JSON, CSV, schemas, types, descriptor, changelog, changes) to releases/archive/, which is committed: the
site publishes every release from there, forever. `--root DIR` runs it on a copy of the repository.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import re
import sys
from collections.abc import Collection
from pathlib import Path

from pydantic import ValidationError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from calculators.collections import COLLECTIONS  # noqa: E402
from calculators.collections.base import Envelope, LawRecord  # noqa: E402
from calculators.exports import datapackage  # noqa: E402
from calculators.schemas import render as render_schema  # noqa: E402

from build_dataset import write_csv, write_release  # noqa: E402  (a sibling script)

ROOT = Path(__file__).resolve().parent.parent
LEVELS = ("major", "minor", "patch")
_VERSION_LINE = re.compile(r'^RELEASE_VERSION = "(\d+\.\d+\.\d+)"$', re.MULTILINE)


class ReleaseError(Exception):
    """A release that must not be made, with every reason."""


def read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def write_json(path: Path, document: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def release_version(root: Path) -> str:
    """The release recorded in calculators/dataset.py."""
    match = _VERSION_LINE.search((root / "calculators" / "dataset.py").read_text(encoding="utf-8"))
    if match is None:
        raise ReleaseError("calculators/dataset.py has no RELEASE_VERSION line")
    return match.group(1)


def bumped(version: str, level: str) -> str:
    """'1.2.3' bumped by 'major', 'minor' or 'patch'."""
    major, minor, patch = (int(part) for part in version.split("."))
    return {"major": f"{major + 1}.0.0", "minor": f"{major}.{minor + 1}.0", "patch": f"{major}.{minor}.{patch + 1}"}[level]


def _digest(value: object) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()[:10]


def fingerprint(dataset_dir: Path, names: Collection[str] = COLLECTIONS) -> dict:
    """Each collection's version, envelope digest and, per record id, a digest of each field: enough to say
    what changed between releases, and to check a kept release (releases/archive/) is the one released."""
    collections = {}
    for name in sorted(names):
        document = read_json(dataset_dir / f"{name}.json")
        envelope = {key: value for key, value in document.items() if key not in ("records", "version")}
        collections[name] = {
            "version": document["version"],
            "envelope": _digest(envelope),
            "records": {record["id"]: {field: _digest(value) for field, value in record.items()}
                        for record in document["records"]},
        }
    return {"collections": collections}


def write_fingerprint(path: Path, version: str, prints: dict) -> None:
    """One line per collection: compact, and a release's diff in git stays readable."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"  {json.dumps(name)}: {json.dumps(entry, ensure_ascii=False, separators=(',', ':'))}"
             for name, entry in prints["collections"].items()]
    path.write_text(f'{{"version": {json.dumps(version)}, "collections": {{\n' + ",\n".join(lines) + "\n}}\n",
                    encoding="utf-8")


def changes(previous: dict, current: dict) -> dict:
    """Records added, removed and changed (with the changed fields), by collection; empty collections left out."""
    result = {}
    for name in sorted(set(previous["collections"]) | set(current["collections"])):
        before = previous["collections"].get(name, {"records": {}, "envelope": None})
        after = current["collections"].get(name, {"records": {}, "envelope": None})
        old, new = before["records"], after["records"]
        changed = [{"id": record_id, "fields": sorted(field for field in set(old[record_id]) | set(new[record_id])
                                                        if old[record_id].get(field) != new[record_id].get(field))}
                   for record_id in new if record_id in old and old[record_id] != new[record_id]]
        entry = {"added": [record_id for record_id in new if record_id not in old],
                 "removed": [record_id for record_id in old if record_id not in new],
                 "changed": changed,
                 "envelope_changed": before["envelope"] != after["envelope"]}
        if entry["added"] or entry["removed"] or entry["changed"] or entry["envelope_changed"]:
            result[name] = entry
    return result


def uncited(dataset_dir: Path) -> list[str]:
    """Every problem that must stop a release: a file its model rejects, a law-stating record without
    `in_force`, a blank citation anywhere."""
    problems = []
    for name, model in sorted(COLLECTIONS.items()):
        path = dataset_dir / f"{name}.json"
        document = read_json(path)
        if issubclass(model, LawRecord):
            problems += [f"{name}/{record.get('id')}: no in_force (a date with its citation, or "
                         f"'not stated in the sources')" for record in document["records"] if "in_force" not in record]
        try:
            Envelope[model].model_validate_json(path.read_bytes())  # type: ignore[valid-type]
        except ValidationError as error:
            first = error.errors(include_url=False)[0]
            problems.append(f"{name}: does not match its model at {'.'.join(map(str, first['loc']))}: {first['msg']}")
        problems += [f"{where}: a source without a document or a provision" for where, source
                     in _sources(document["sources"], name) if _blank(source)]
        for record in document["records"]:
            problems += [f"{where}: a source without a document or a provision" for where, source
                         in _sources(record, f"{name}/{record.get('id')}") if _blank(source)]
    return list(dict.fromkeys(problems))


def _blank(source: dict) -> bool:
    return not str(source.get("document") or "").strip() or not str(source.get("provision") or "").strip()


def _sources(value: object, where: str) -> list[tuple[str, dict]]:
    """Every citation object ({'document', 'provision', ...}) inside `value`, with where it is."""
    found = []
    if isinstance(value, dict):
        if "document" in value or "provision" in value:
            found.append((where, value))
        for item in value.values():
            found += _sources(item, where)
    elif isinstance(value, list):
        for item in value:
            found += _sources(item, where)
    return found


def changelog_entry(version: str, day: dt.date, summary: str, notes: str, diff: dict) -> str:
    """The CHANGELOG section for a release: the summary, the maintainers' notes, and every change by collection."""
    lines = [f"## {version} — {day.isoformat()}", "", summary.strip(), ""]
    if notes.strip():
        lines += [notes.strip(), ""]
    lines += ["Changes by collection (machine-readable: `changes.json` beside this release):"]
    for name, entry in diff.items():
        parts = []
        if entry["added"]:
            parts.append("added " + _ids(entry["added"]))
        if entry["removed"]:
            parts.append("removed " + _ids(entry["removed"]))
        parts += [f"changed {_ids(ids)} ({', '.join(fields)})" for fields, ids in _by_fields(entry).items()]
        if entry["envelope_changed"]:
            parts.append("file header (sources or date of the law)")
        lines.append(f"- `{name}`: " + "; ".join(parts) + ".")
    return "\n".join(lines) + "\n"


def _ids(ids: list[str]) -> str:
    """A few ids by name; many as a count (changes.json lists them all)."""
    return ", ".join(f"`{record_id}`" for record_id in ids) if len(ids) <= 6 else f"{len(ids)} records"


def _split_unreleased(changelog: str) -> tuple[str, str, str]:
    """(text before the first release heading, the '## Unreleased' notes, the released entries)."""
    head, marker, rest = changelog.partition("\n## ")
    if not marker:
        return changelog.rstrip() + "\n", "", ""
    sections = ("## " + rest).split("\n## ")
    if sections[0].startswith("## Unreleased"):
        notes = sections[0].split("\n", 1)[1] if "\n" in sections[0] else ""
        released = "\n## ".join(sections[1:])
        return head.rstrip() + "\n", notes, ("## " + released) if released else ""
    return head.rstrip() + "\n", "", "\n## ".join(sections)


def collection_level(name: str, entry: dict, level: str, breaking: Collection[str]) -> str:
    """A changed collection's own bump. In a major release only a collection that lost a record (a removed or
    renamed id) or is named as breaking takes major; the others, whose files changed compatibly, take minor."""
    if level != "major" or entry["removed"] or name in breaking:
        return level
    return "minor"


def release(root: Path, level: str, summary: str, day: dt.date, breaking: Collection[str] = ()) -> dict:
    """Make the release in `root`; returns the changes. Raises ReleaseError, writing nothing, when it must not."""
    if level not in LEVELS:
        raise ReleaseError(f"level: choose one of {', '.join(LEVELS)}")
    unknown = sorted(set(breaking) - set(COLLECTIONS))
    if unknown:
        raise ReleaseError(f"breaking: no collection named {', '.join(unknown)}")
    if not summary.strip():
        raise ReleaseError("summary: say in a sentence what this release changes")
    dataset_dir = root / "dataset"
    problems = uncited(dataset_dir)
    if problems:
        raise ReleaseError("nothing released; fix these first:\n  " + "\n  ".join(problems))
    previous_version = release_version(root)
    previous_path = root / "releases" / "fingerprints" / f"{previous_version}.json"
    if not previous_path.is_file():
        raise ReleaseError(f"no fingerprint of the previous release ({previous_path.relative_to(root)})")
    current = fingerprint(dataset_dir)
    diff = changes(read_json(previous_path), current)
    if not diff:
        raise ReleaseError(f"nothing changed since {previous_version}: no release made")
    removed = [f"{name}/{record_id}" for name, entry in diff.items() for record_id in entry["removed"]]
    if removed and level != "major":
        raise ReleaseError(f"records removed ({', '.join(removed)}): ids are a public API, so this is a major release")
    version = bumped(previous_version, level)

    previous_collections = read_json(previous_path)["collections"]
    for name in diff:
        path = dataset_dir / f"{name}.json"
        document = read_json(path)
        before = previous_collections.get(name)
        own_level = collection_level(name, diff[name], level, breaking)
        document["version"] = bumped(before["version"], own_level) if before else "1.0.0"
        write_json(path, document)
    module = root / "calculators" / "dataset.py"
    module.write_text(_VERSION_LINE.sub(f'RELEASE_VERSION = "{version}"', module.read_text(encoding="utf-8")),
                      encoding="utf-8")
    for name in COLLECTIONS:
        (root / "schemas" / f"{name}.schema.json").write_text(render_schema(name), encoding="utf-8")
    write_json(root / "releases" / "changes" / f"{version}.json",
               {"version": version, "previous": previous_version, "date": day.isoformat(), "summary": summary.strip(),
                "collections": diff})
    write_fingerprint(root / "releases" / "fingerprints" / f"{version}.json", version, fingerprint(dataset_dir))
    write_csv(root)
    write_json(dataset_dir / "datapackage.json", datapackage(dataset_dir, version))
    changelog_path = dataset_dir / "CHANGELOG.md"
    head, notes, released = _split_unreleased(changelog_path.read_text(encoding="utf-8"))
    entry = changelog_entry(version, day, summary, notes, diff)
    changelog_path.write_text(f"{head}\n{entry}\n{released}".rstrip() + "\n", encoding="utf-8")
    archive = write_release(root / "releases" / "archive", root, version)
    return {"version": version, "previous": previous_version, "collections": diff, "zip": archive}


def changes_markdown(root: Path = ROOT) -> str:
    """The site's page of changes: each release, newest first, with what it added, removed and changed."""
    releases = sorted((read_json(path) for path in (root / "releases" / "changes").glob("*.json")),
                      key=lambda release: tuple(int(part) for part in release["version"].split(".")), reverse=True)
    parts = []
    for made in releases:
        version = made["version"]
        rows = [[f"`{name}`", _ids(entry["added"]) or "—", _ids(entry["removed"]) or "—",
                 "; ".join(f"{_ids(ids)} ({', '.join(fields)})" for fields, ids in _by_fields(entry).items()) or "—"]
                for name, entry in made["collections"].items()]
        table = ["| Collection | Added | Removed | Changed (fields) |", "| --- | --- | --- | --- |"]
        table += ["| " + " | ".join(row) + " |" for row in rows]
        since = f"Changes since {made['previous']}" if made["previous"] else "The first release: every record added"
        parts.append(f"## {version} ({made['date']})\n\n{made['summary']} {since}; every id "
                     f'in <a href="../{version}/changes.json">changes.json</a>.\n\n' + "\n".join(table) + "\n"
                     + _changelog_notes(root, version))
    return "\n".join(parts)


def _changelog_notes(root: Path, version: str) -> str:
    """The release's CHANGELOG entry without its heading and its generated list of changes, as a Markdown block."""
    text = (root / "dataset" / "CHANGELOG.md").read_text(encoding="utf-8")
    entry = next((section for section in text.split("\n## ") if section.startswith(f"{version} ")), "")
    body = entry.split("\n", 1)[1] if "\n" in entry else ""
    body = body.split("Changes by collection (machine-readable")[0].strip()
    return f"\n### From the changelog\n\n{body}\n" if body else ""


def _by_fields(entry: dict) -> dict[tuple[str, ...], list[str]]:
    grouped: dict[tuple[str, ...], list[str]] = {}
    for change in entry["changed"]:
        grouped.setdefault(tuple(change["fields"]), []).append(change["id"])
    return grouped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Release the dataset after a data edit.")
    parser.add_argument("level", help="major (an id removed or renamed, a field removed), minor (records or fields "
                                      "added, law changed) or patch (a corrected value)")
    parser.add_argument("--summary", required=True, help="one sentence for the CHANGELOG")
    parser.add_argument("--root", type=Path, default=ROOT, help="the repository (default: this one)")
    parser.add_argument("--date", type=dt.date.fromisoformat, default=dt.date.today(), help="release date, YYYY-MM-DD")
    parser.add_argument("--breaking", default="", help="in a major release, comma-separated collections whose own "
                                                        "version takes major although no record was removed (a "
                                                        "removed field); the other changed collections take minor")
    args = parser.parse_args(argv)
    breaking = [name.strip() for name in args.breaking.split(",") if name.strip()]
    try:
        made = release(args.root.resolve(), args.level, args.summary, args.date, breaking)
    except ReleaseError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"released dataset {made['version']} (was {made['previous']}): {', '.join(made['collections'])} changed; "
          f"wrote {made['zip']}; now run the tests and commit (the zip too)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
