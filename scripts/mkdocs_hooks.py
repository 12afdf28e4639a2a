"""MkDocs hooks: `mkdocs build` alone produces the whole site, by calling the project's own build steps
(scripts/site_build.py), which any generator can use; these hooks only connect them to MkDocs' events.

- on_config: the footer carries the dataset version, the date of the law and the penalty-unit year.
- on_page_markdown: the placeholders become generated tables, option lists and forms; calculator pages are
  marked so overrides/main.html starts the Python worker early.
- on_post_build: the runtime, the dataset and the service worker (site_build.finish), then the guard.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import site_build  # noqa: E402  (a sibling script)


def on_config(config):
    return site_build.configure(config)


def on_page_markdown(markdown, page, config, files):
    if site_build.is_calculator(markdown):
        page.meta["calculator"] = True
    return site_build.expand(markdown, Path(config["docs_dir"]))


def on_post_build(config):
    site = Path(config["site_dir"])
    site_build.finish(site)
    problems = site_build.check(site)
    if problems:
        raise SystemExit("the built site is incomplete:\n  " + "\n  ".join(problems))
