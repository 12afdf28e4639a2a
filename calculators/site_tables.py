"""Markdown tables of the rules, generated from the dataset for the site's no-JavaScript fallback and guides.

Every period in a table or guide comes from its deadline rule (`calculators.periods`), never retyped.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from typing import Any

from . import dataset, periods, rules
from .collections import COLLECTIONS, PenaltyUnitValue
from .collections.offences import PenaltyUnits


def law_as_at() -> dt.date:
    """The latest 'as at' date of the law across collections (public holidays are generated, not law)."""
    return max(dataset.load(name).as_at for name in COLLECTIONS if name != "public-holidays")


def latest_penalty_year() -> str:
    """The last financial year whose penalty-unit value is recorded, e.g. '2024-25'."""
    latest: PenaltyUnitValue = max(dataset.load("penalty-units").records, key=lambda record: record.starts)
    return latest.financial_year


def sources_currency() -> str:
    """How current each source is: the date its law is stated as at, and from when it is in force."""
    groups: dict[str, dict[str, Any]] = {}
    for name in sorted(COLLECTIONS):
        if name in ("scenarios", "public-holidays"):
            continue
        envelope = dataset.load(name)
        for record in envelope.records:
            group = groups.setdefault(record.source.document, {"as_at": set(), "primary": set(), "starts": [],
                                                               "unstated": 0, "collections": []})
            group["as_at"].add(envelope.as_at)
            if envelope.sources[0].document == record.source.document:
                group["primary"].add(envelope.as_at)
            if record.in_force.starts is None:
                group["unstated"] += 1
            else:
                group["starts"].append(record.in_force.starts)
            if name not in group["collections"]:
                group["collections"].append(name)
    rows = []
    for document, group in groups.items():
        in_force = f"{min(group['starts']):%-d %B %Y}" if group["starts"] else "not stated in the sources"
        if group["starts"] and group["unstated"]:
            in_force += f" ({group['unstated']} record{'s' if group['unstated'] > 1 else ''}: not stated)"
        as_at = min(group["primary"] or group["as_at"])
        rows.append([document, f"{as_at:%-d %B %Y}", in_force,
                     ", ".join(f"`{name}`" for name in group["collections"])])
    penalty = max(dataset.load("penalty-units").records, key=lambda record: record.starts)
    note = (f"\nPenalty-unit values are recorded up to {penalty.financial_year} (until {penalty.ends:%-d %B %Y}). "
            f"For a later date the penalty calculator gives an estimate at that value and says so beside the "
            f"figure; the official value is published in the Victoria Government Gazette.\n")
    return _table(["Source", "Law stated as at", "In force from", "Collections"], rows) + note


def _cell(value: object) -> str:
    return str(value if value is not None else "—").replace("|", "\\|").replace("\n", " ")


def _table(header: list[str], rows: Sequence[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    lines += ["| " + " | ".join(_cell(value) for value in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def rules_table(collection: str) -> str:
    """The collection as a Markdown table with the columns a reader needs, and its source."""
    envelope = dataset.load(collection)
    records = envelope.records
    if collection == "penalty-units":
        return _table(["Financial year", "Penalty unit", "Source"],
                      [[r.financial_year, f"${r.penalty_unit}", r.source.cite()] for r in records])
    if collection == "deadline-rules":
        return _table(["Rule", "Period", "Counted", "Source"],
                      [[periods.render(r.title), periods.period_text(r), periods.convention_text(r) or r.kind,
                        r.source.cite()] for r in records])
    if collection == "trigger-events":
        return _table(["Event", "Mechanism", "Data entry within", "Responsible", "IMHA intake response"],
                      [[r.name, r.mechanism_text, period(r.rule), r.responsible, r.intake_response_text]
                       for r in records])
    if collection == "offences":
        def units(p: PenaltyUnits | None) -> str:
            if p is None:
                return "—"
            return str(p.any_offender) if p.any_offender else f"individual {p.individual or '—'}; body corporate {p.body_corporate or '—'}"
        return _table(["Offence", "Maximum (penalty units)", "Infringement (penalty units)"],
                      [[f"{r.act} {r.section}", units(r.maximum_penalty), units(r.infringement_penalty)]
                       for r in records])
    if collection == "provider-events":
        return _table(["Event", "Clock starts", "Time limits, the shortest first"],
                      [[periods.render(r.name), periods.render(r.clock_starts),
                        "<br>".join(_limit(limit) for limit in rules.time_limits(r.id)) or periods.render(r.notes) or "—"]
                       for r in records])
    if collection == "checklists":
        return _table(["Checklist", "Questions", "Source"],
                      [[periods.render(r.title), "; ".join(periods.render(q.text) for q in r.questions), r.source.cite()]
                       for r in records])
    if collection == "public-holidays":
        return _table(["Date", "Holiday", "Note"],
                      [[r.date.isoformat(), r.name, "estimate" if r.estimated else ""] for r in records
                       if r.date.year in (dt.date.today().year, dt.date.today().year + 1)])
    raise KeyError(f"no rules table for {collection}")


def _limit(limit: rules.TimeLimit) -> str:
    """One time limit in a table cell: the period, what starts it, the provision and when it applies."""
    return f"{limit.period} after {limit.after} ({_provision(limit.citation)}). {limit.applies_when}"


def _provision(citation: str) -> str:
    """'reg 35(2)(a)' from a full citation (document, provision)."""
    return citation.rsplit(", ", 1)[-1]


def period(rule_id: str) -> str:
    """A rule's period in words, for a page's `period` placeholder."""
    return periods.period_text(periods.rule(rule_id)) or "—"


def intake(trigger_id: str) -> str:
    """`[[intake TRIGGER-ID]]`: IMHA's indicative intake response time for a trigger event, from trigger-events."""
    event = dataset.load("trigger-events").by_id(trigger_id)
    if event is None:
        raise KeyError(f"no trigger event {trigger_id!r}")
    if event.intake_response_hours:
        return f"{event.intake_response_hours} hours"
    return "; ".join(f"{x.hours} hours ({x.setting})" for x in event.intake_response_by_setting) or "—"


def option_label(collection: str, record: Any) -> str:
    """What a reader sees and types to find a record: its name, with the section or regulation it is under."""
    if collection == "offences":
        label = f"{record.section} {record.act}"
        return f"{label}: {record.description}" if record.description else label
    if collection == "deadline-rules":
        provision = record.source.provision.split(" (")[0]
        title = periods.render(record.title)
        return f"{title} ({provision})" if provision.startswith(("reg ", "regs ", "s ")) else title
    return periods.render(str(getattr(record, "name", None) or record.title))


def option_data(collection: str, record: Any) -> str:
    """Data attributes the form reads: which penalties an offence has; whether a rule counts hours."""
    if collection == "offences":
        kinds = [kind for kind, units in (("maximum", record.maximum_penalty),
                                          ("infringement", record.infringement_penalty)) if units is not None]
        return f' data-kinds="{" ".join(kinds)}"'
    if collection == "deadline-rules" and record.convention == "elapsed-hours":
        return " data-needs-time"
    return ""


def options(collection: str) -> str:
    """HTML <option> elements, one per record id (its latest version), for a calculator's select."""
    latest = {record.id: record for record in dataset.load(collection).records}
    return "\n".join(f'<option value="{record.id}"{option_data(collection, record)}>'
                     f'{html.escape(option_label(collection, record))}</option>' for record in latest.values())


def dataset_index() -> str:
    """A table of every collection: records, version, date of the law, and download links (raw HTML links, since
    the files are added to the site after the pages are built)."""
    rows = []
    for name in sorted(COLLECTIONS):
        envelope = dataset.load(name)
        links = " · ".join(f'<a href="latest/{path}">{label}</a>' for label, path in
                           (("JSON", f"{name}.json"), ("CSV", f"csv/{name}.csv"), ("schema", f"schemas/{name}.schema.json")))
        rows.append([f'<a href="browse/?collection={name}">{name}</a>', len(envelope.records), envelope.version,
                     envelope.as_at.isoformat(), links])
    return _table(["Collection", "Records", "Version", "Law as at", "Download"], rows)


def collection_options() -> str:
    """An <option> per collection, for the dataset browser."""
    return "\n".join(f'<option value="{name}">{name}</option>' for name in sorted(COLLECTIONS))


def dataset_downloads() -> str:
    """The release downloads, latest and this version."""
    version = dataset.RELEASE_VERSION
    rows = [[label, f'<a href="latest/{path}">{path}</a>', f'<a href="{version}/{path}">{version}/{path}</a>']
            for label, path in (("Everything (JSON, CSV, schemas, changelog)", f"dataset-{version}.zip"),
                                ("Data Package descriptor", "datapackage.json"), ("What changed", "changes.json"))]
    rows.append(["Changelog", "[What changed](changes.md)", f"`{version}/CHANGELOG.md`"])
    return _table(["What", "Latest", "This version"], rows)


def scenarios_table() -> str:
    """The training scenarios: story, question, answer, and a link to the pre-filled embed page."""
    rows = [[f"**{s.title}**<br>{s.story}", s.question, s.answer, f'<a href="../{s.embed}">open</a>']
            for s in dataset.load("scenarios").records]
    return _table(["Scenario", "Question", "Answer", "Embed"], rows)
