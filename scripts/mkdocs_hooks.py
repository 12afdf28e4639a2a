"""MkDocs hooks: `mkdocs build` alone produces the whole site, runtime and dataset included.

- on_config: the footer carries the dataset version and the date of the law.
- on_page_markdown: `[[rules-table C]]`, `[[options C]]`, `[[dataset-index]]`, `[[scenarios]]` and similar
  placeholders become tables and <option> lists generated from the dataset, so every calculator page shows
  its rules without JavaScript; `[[period RULE]]` states a deadline rule's period in a page, and
  `[[intake TRIGGER]]` IMHA's intake response time, so no page retypes one; `[[form NAME]]` includes a
  calculator's form from docs/snippets/.
- on_post_build: the Pyodide runtime and wheels go to /runtime/, the dataset to /dataset/latest/ etc., and the
  service worker gets its cache version and precache list.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import build_dataset  # noqa: E402  (a sibling script)
import build_runtime  # noqa: E402
import release_dataset  # noqa: E402

from calculators import dataset  # noqa: E402
from calculators.site_tables import (
    collection_options, dataset_downloads, dataset_index, intake, latest_penalty_year, law_as_at, options, period,
    rules_table, scenarios_table, sources_currency,
)  # noqa: E402

PLACEHOLDER = re.compile(
    r"\[\[(form|rules-table|options|dataset-index|dataset-downloads|collection-options|scenarios|sources-currency|"
    r"dataset-changes|period|intake)(?: ([a-z0-9-]+))?\]\]")
GENERATORS = {"rules-table": rules_table, "options": options, "dataset-index": dataset_index,
              "dataset-downloads": dataset_downloads, "scenarios": scenarios_table,
              "collection-options": collection_options, "sources-currency": sources_currency,
              "dataset-changes": release_dataset.changes_markdown, "period": period, "intake": intake}


def on_config(config):
    config["copyright"] = (f"Dataset {dataset.RELEASE_VERSION} · law as at {law_as_at():%-d %B %Y} · penalty units "
                           f"recorded to {latest_penalty_year()} · not legal advice: check the authorised text")
    config.setdefault("extra", {})["dataset_version"] = dataset.RELEASE_VERSION
    return config


def on_page_markdown(markdown, page, config, files):
    if "[[form " in markdown:
        page.meta["calculator"] = True  # overrides/main.html starts the Python worker early on these pages
    return expand(markdown, Path(config["docs_dir"]))


def expand(text: str, docs: Path) -> str:
    """Replace the placeholders; `[[form NAME]]` includes docs/snippets/NAME.html (one calculator's form,
    shared by its page and its embed page), itself expanded."""
    def generate(match):
        kind, argument = match.groups()
        if kind == "form":
            return expand((docs / "snippets" / f"{argument}.html").read_text(encoding="utf-8"), docs)
        return GENERATORS[kind](argument) if argument else GENERATORS[kind]()
    return PLACEHOLDER.sub(generate, text)


def on_post_build(config):
    site = Path(config["site_dir"])
    manifest = build_runtime.build_runtime(site / "runtime")
    build_dataset.publish(site)
    write_service_worker(site, manifest)


def write_service_worker(site: Path, manifest: Path) -> None:
    """Fill in the service worker's cache version (release + runtime manifest + assets) and its file lists."""
    runtime = sorted(path.relative_to(site).as_posix() for path in (site / "runtime").rglob("*") if path.is_file())
    # Material's lunr language and word-splitting files serve only sites in other languages: not cached.
    assets = sorted(path.relative_to(site).as_posix() for path in (site / "assets").rglob("*")
                    if path.is_file() and path.suffix in {".js", ".css", ".png", ".svg"}
                    and not path.relative_to(site).as_posix().startswith("assets/javascripts/lunr/"))
    # Every page fetches these (Material's search and instant navigation): without them a page opened offline
    # logs errors. They are fetched network first like pages, so a new build's copies replace them online.
    site_files = [name for name in ("search/search_index.json", "sitemap.xml") if (site / name).is_file()]
    # The collections, so a checklist's lookup list (fetched only when its question comes) works offline too.
    site_files += sorted(path.relative_to(site).as_posix() for path in (site / "dataset" / "latest").glob("*.json"))
    digest = hashlib.sha256(manifest.read_bytes())
    for asset in assets:
        digest.update((site / asset).read_bytes())
    version = f"{dataset.RELEASE_VERSION}-{digest.hexdigest()[:12]}"
    worker = site / "service-worker.js"
    text = worker.read_text(encoding="utf-8")
    worker.write_text(text.replace("__CACHE_VERSION__", version).replace("__PRECACHE__", json.dumps(assets + site_files))
                      .replace("__RUNTIME__", json.dumps(runtime)), encoding="utf-8")
