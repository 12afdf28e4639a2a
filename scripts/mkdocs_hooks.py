"""MkDocs hooks: `mkdocs build` alone produces the whole site, runtime and dataset included.

- on_config: the footer carries the dataset version and the date of the law.
- on_page_markdown: `[[rules-table C]]`, `[[options C]]`, `[[dataset-index]]` and `[[collection-options]]`
  placeholders become tables and <option> lists generated from the dataset, so every calculator page shows
  its rules without JavaScript.
- on_post_build: the Pyodide runtime and wheels go to /runtime/, the dataset to /dataset/latest/ etc.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import build_dataset  # noqa: E402  (a sibling script)
import build_runtime  # noqa: E402

from calculators import dataset  # noqa: E402
from calculators.site_tables import collection_options, dataset_downloads, dataset_index, law_as_at, options, rules_table  # noqa: E402

PLACEHOLDER = re.compile(r"\[\[(rules-table|options|dataset-index|dataset-downloads|collection-options)(?: ([a-z0-9-]+))?\]\]")
GENERATORS = {"rules-table": rules_table, "options": options, "dataset-index": dataset_index,
              "dataset-downloads": dataset_downloads,
              "collection-options": collection_options}


def on_config(config):
    config["copyright"] = (f"Dataset {dataset.RELEASE_VERSION} · law as at {law_as_at():%-d %B %Y} · "
                           f"not legal advice: check the authorised text")
    config.setdefault("extra", {})["dataset_version"] = dataset.RELEASE_VERSION
    return config


def on_page_markdown(markdown, page, config, files):
    def generate(match):
        generator = GENERATORS[match.group(1)]
        return generator(match.group(2)) if match.group(2) else generator()
    return PLACEHOLDER.sub(generate, markdown)


def on_post_build(config):
    site = Path(config["site_dir"])
    build_runtime.build_runtime(site / "runtime")
    build_dataset.publish(site)
