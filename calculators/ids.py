"""Ids you can build on: one id per real-world thing across the dataset, and every reference resolving.

The policy (docs/dataset/index.md, "Ids"): an id never changes once published and is never reused for another
thing. The same id in two collections names the same real-world thing, and only the ids below do so. A record
that has to be renamed (to end a collision or a second spelling) keeps its old id in `aliases`, which lookups
in its own collection still accept; references inside the dataset use the current id.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from .schemas import collection_schema
from .types import REFERENCES, SAME_COLLECTION

SHARED_IDS: dict[str, tuple[tuple[str, ...], str]] = {
    "commission-for-children-and-young-people": (
        ("prescribed-entities", "regulatory-entities"), "the Commission for Children and Young People"),
    "victorian-institute-of-teaching": (
        ("prescribed-entities", "regulatory-entities", "relevant-agencies"), "the Victorian Institute of Teaching"),
    "victorian-disability-worker-commission": (
        ("prescribed-entities", "regulatory-entities", "relevant-agencies"), "the Victorian Disability Worker Commission"),
    "disability-worker-registration-board": (
        ("prescribed-entities", "regulatory-entities", "relevant-agencies"),
        "the Disability Worker Registration Board (of Victoria)"),
    "child-safe-standards-sector-regulator": (
        ("regulatory-entities", "relevant-agencies"),
        "a sector regulator or integrated sector regulator under the Child Wellbeing and Safety Act 2005"),
    "community-based-child-and-family-services": (
        ("prescribed-entities", "social-services"),
        "community-based child and family services, as each scheme defines them"),
    "out-of-home-care-services": (
        ("prescribed-entities", "social-services"), "out of home care services, as each scheme defines them"),
    "secure-welfare-services": (
        ("prescribed-entities", "social-services"),
        "secure welfare services (Children, Youth and Families Act 2005 s 44)"),
    "sexual-assault-services": (
        ("prescribed-entities", "social-services"), "sexual assault services, as each scheme defines them"),
}
"""Ids used in more than one collection, the collections, and the one thing each names. A body or a kind of
service that a scheme lists (CISS Appendix 2, SSR 2023 Sch 3, reg 47, regs 5–11) has one id in every list
that names it; each record says how its own law describes it."""

Json = Any


def _id_fields(record: Mapping[str, Json]) -> Iterator[str]:
    yield record["id"]
    yield from record.get("aliases", [])


def reference_paths(collection: str) -> list[tuple[tuple[str, ...], str]]:
    """Where a record of `collection` holds ids of another collection: (path, target); '*' is each list item."""
    schema = collection_schema(collection)
    defs = schema.get("$defs", {})
    found: list[tuple[tuple[str, ...], str]] = []

    def walk(node: Json, path: tuple[str, ...], seen: frozenset[str]) -> None:
        if not isinstance(node, dict):
            return
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            if name not in seen:
                walk(defs[name], path, seen | {name})
        if REFERENCES in node:
            target = collection if node[REFERENCES] == SAME_COLLECTION else node[REFERENCES]
            found.append(((*path, "*") if node.get("type") == "array" else path, target))
            return
        for branch in node.get("anyOf", []) + node.get("oneOf", []):
            walk(branch, path, seen)
        for key, prop in node.get("properties", {}).items():
            walk(prop, (*path, key), seen)
        if "items" in node:
            walk(node["items"], (*path, "*"), seen)

    walk(schema["properties"]["records"]["items"], (), frozenset())
    return found


def _values(node: Json, path: tuple[str, ...]) -> Iterator[Json]:
    if not path:
        if node is not None:
            yield node
    elif path[0] == "*":
        for item in node if isinstance(node, list) else []:
            yield from _values(item, path[1:])
    elif isinstance(node, dict):
        yield from _values(node.get(path[0]), path[1:])


def problems(documents: Mapping[str, Mapping[str, Json]]) -> list[str]:
    """Everything that breaks the id policy in these collection files (name → JSON document), or []."""
    found: list[str] = []
    where: dict[str, list[str]] = {}
    for collection, document in sorted(documents.items()):
        seen: set[str] = set()
        for record in document["records"]:
            for ident in _id_fields(record):
                if ident in seen:
                    found.append(f"{collection}: {ident!r} is the id or alias of two records")
                seen.add(ident)
            where.setdefault(record["id"], []).append(collection)
    for ident, listed in sorted(where.items()):
        if len(listed) > 1 and tuple(listed) != SHARED_IDS.get(ident, ((), ""))[0]:
            found.append(f"collision: {ident!r} is an id in {', '.join(listed)}; two things never share an "
                         "id (or, for one thing, declare it in calculators.ids.SHARED_IDS)")
    for ident, (declared, _) in SHARED_IDS.items():
        if set(declared) <= set(documents) and tuple(where.get(ident, [])) != declared:
            found.append(f"SHARED_IDS: {ident!r} is declared for {', '.join(declared)} but is an id in "
                         f"{', '.join(where.get(ident, [])) or 'none'}")
    ids = {collection: {record["id"] for record in document["records"]} for collection, document in documents.items()}
    for collection, document in sorted(documents.items()):
        for path, target in reference_paths(collection):
            for record in document["records"]:
                for value in _values(record, path):
                    if value not in ids.get(target, set()):
                        found.append(f"unresolved: {collection} {record['id']!r} {'.'.join(path)} = {value!r} is "
                                     f"no id in {target}")
    return found
