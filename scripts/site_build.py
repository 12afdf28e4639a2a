"""The site's own build steps, whichever generator renders it (Material for MkDocs today, Zensical tomorrow).

The generator only renders Markdown and templates. Before it runs, `prepare` writes a copy of `docs/` with the
generated tables, option lists and forms in place, and a copy of `mkdocs.yml` carrying the footer and the
dataset version, so any generator that reads `mkdocs.yml` renders the full site. After it runs, `finish` adds
the Pyodide runtime, publishes the dataset, copies the front-end libraries and finishes the site
(scripts/finish_site.py: the worker's manifest, the service worker's lists, the Content-Security-Policy of every
page, `_headers`), and `check` refuses a site with a placeholder left, a runtime file missing or the dataset
unpublished. The MkDocs hook (`mkdocs_hooks.py`) calls the same functions, so `mkdocs build` alone still builds
everything.

    python scripts/site_build.py prepare BUILD_DIR [mkdocs|zensical]   # BUILD_DIR/docs and BUILD_DIR/mkdocs.yml
    python scripts/site_build.py finish SITE_DIR          # runtime, dataset, workers, policy, then check
    python scripts/site_build.py check SITE_DIR
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import build_assets  # noqa: E402
import build_vendor  # noqa: E402
import finish_site  # noqa: E402

from calculators import dataset  # noqa: E402
from calculators.site_tables import (  # noqa: E402
    collection_options,
    dataset_downloads,
    dataset_index,
    intake,
    latest_penalty_year,
    law_as_at,
    options,
    period,
    rules_table,
    scenarios_table,
    sources_currency,
)

import build_dataset  # noqa: E402  (a sibling script)
import build_runtime  # noqa: E402
import release_dataset  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(
    r"\[\[(form|rules-table|options|dataset-index|dataset-downloads|collection-options|scenarios|sources-currency|"
    r"dataset-changes|dataset-releases|period|intake)(?: ([a-z0-9-]+))?\]\]")
GENERATORS = {"rules-table": rules_table, "options": options, "dataset-index": dataset_index,
              "dataset-downloads": dataset_downloads, "scenarios": scenarios_table,
              "collection-options": collection_options, "sources-currency": sources_currency,
              "dataset-changes": release_dataset.changes_markdown, "dataset-releases": build_dataset.releases_table,
              "period": period, "intake": intake}
"""`[[period RULE]]` states a deadline rule's period, and `[[intake TRIGGER]]` IMHA's intake response time, so no
page retypes one (tests/test_periods.py)."""
LEFTOVERS = ("[[form ", "[[rules-table", "[[options", "[[dataset-", "[[collection-options", "[[scenarios",
             "[[sources-currency", "[[period", "[[intake", "__CACHE_VERSION__", "__PRECACHE__", "__RUNTIME__",
             "__RUNTIME_ID__", "__RUNTIME_AHEAD__", "__PAGES__", "__SITE__", "__ADDRESSED__", "__PYTHON_WORKER__")
"""Text that must not survive into a built page, the service worker or the Python worker."""
WORKER = re.compile(r"pyodide-worker\.[0-9a-f]{8}\.min\.js")
"""The Python worker's content-addressed name (scripts/build_assets.py)."""
CORE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "fflate.js")


def footer() -> str:
    """The footer: the dataset release, the date of the law, how current the penalty units are."""
    return (f"Dataset {dataset.RELEASE_VERSION} · law as at {law_as_at():%-d %B %Y} · penalty units recorded to "
            f"{latest_penalty_year()} · not legal advice: check the authorised text")


def configure(config: dict) -> dict:
    """The site configuration with what the project computes: the footer and the dataset version."""
    config["copyright"] = footer()
    config.setdefault("extra", {})["dataset_version"] = dataset.RELEASE_VERSION
    return config


def is_calculator(markdown: str) -> bool:
    """A page with a calculator form starts its Python worker early (overrides/main.html reads `calculator`)."""
    return "[[form " in markdown


def expand(text: str, docs: Path) -> str:
    """Replace the placeholders; `[[form NAME]]` includes docs/snippets/NAME.html (one calculator's form,
    shared by its page and its embed page), itself expanded."""
    def generate(match: re.Match[str]) -> str:
        kind, argument = match.groups()
        if kind == "form":
            return expand((docs / "snippets" / f"{argument}.html").read_text(encoding="utf-8"), docs)
        return str(GENERATORS[kind](argument) if argument else GENERATORS[kind]())
    return PLACEHOLDER.sub(generate, text)


def _with_calculator_meta(markdown: str) -> str:
    """The page with `calculator: true` in its front matter (added to the front matter it has, if any)."""
    if markdown.startswith("---\n"):
        return "---\ncalculator: true\n" + markdown[4:]
    return "---\ncalculator: true\n---\n\n" + markdown


RAW_HTML_UP = re.compile(r"""(<[a-z]+\b[^<>]*?\b(?:src|href)=["'])\.\./""")
"""A relative URL going up a folder in a page's own HTML (not a Markdown link)."""


def for_zensical(markdown: str, page: str) -> str:
    """A page's own HTML URLs as Zensical reads them. MkDocs leaves a page's HTML as it is, so its URLs are
    written relative to where the page is served (`../assets/...` from trainers/); Zensical takes them relative to
    the Markdown file, as it does Markdown links, and adds the `../` itself: for a page served a folder below its
    file (any page but an index), one `../` less."""
    return markdown if Path(page).name in ("index.md", "README.md") else RAW_HTML_UP.sub(r"\1", markdown)


def prepare(build: Path, generator: str = "mkdocs", root: Path = ROOT) -> Path:
    """Write `build`/docs (docs/ with every placeholder expanded) and `build`/mkdocs.yml (the project's
    configuration, without the MkDocs-only hook, pointing at that copy); returns the configuration's path.
    For Zensical the theme's classic variant is chosen: the one that keeps Material for MkDocs' look, and the
    pages' own HTML URLs are written as it reads them."""
    docs, target = root / "docs", build / "docs"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(docs, target)
    for page in target.rglob("*.md"):
        markdown = page.read_text(encoding="utf-8")
        expanded = expand(markdown, docs)
        if generator == "zensical":
            expanded = for_zensical(expanded, page.name)
        page.write_text(_with_calculator_meta(expanded) if is_calculator(markdown) else expanded, encoding="utf-8")
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config.pop("hooks", None)
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    config["theme"]["custom_dir"] = str(root / config["theme"].get("custom_dir", "overrides"))
    if generator == "zensical":
        config["theme"]["variant"] = "classic"
    path = build / "mkdocs.yml"
    path.write_text("# Generated by scripts/site_build.py prepare from mkdocs.yml: do not edit.\n"
                    + yaml.safe_dump(configure(config), sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def finish(site: Path) -> None:
    """After rendering: the runtime to /runtime/, the dataset to /dataset/..., the front-end libraries to
    /assets/vendor/ (before the service worker lists the assets), then the site finished (the workers filled
    in, the Content-Security-Policy, `_headers`)."""
    manifest = build_runtime.build_runtime(site / "runtime")
    build_dataset.publish(site)
    build_vendor.vendor(site)
    finish_site.finish(site, manifest)


def check(site: Path) -> list[str]:
    """What makes a built site incomplete, whichever generator built it: an empty list when it is whole."""
    problems = []
    for path in sorted(site.rglob("*")):
        if path.suffix in (".html", ".js") and path.is_file() and not path.is_relative_to(site / "runtime"):
            text = path.read_text(encoding="utf-8", errors="replace")
            problems += [f"{path.relative_to(site)}: '{leftover}' left unfilled" for leftover in LEFTOVERS
                         if leftover in text]
    manifest_path = site / "runtime" / "manifest.json"
    if not manifest_path.is_file():
        problems.append("runtime/manifest.json is missing")
    else:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        try:
            listed = [entry["path"] for entry in build_runtime.entries(manifest)]
        except (KeyError, TypeError):
            listed = []
            problems.append("runtime/manifest.json lacks the files, standard library, wheels or fallback")
        problems += [f"runtime/{manifest.get('core', '')}{name} is not listed" for name in CORE_FILES
                     if f"{manifest.get('core', '')}{name}" not in listed]
        problems += [f"runtime/{path} is missing" for path in listed if not (site / "runtime" / path).is_file()]
    problems += [f"{path} is missing" for package, names in build_vendor.VENDOR.items() for name in names
                 if not build_assets.present(site, path := (build_vendor.TARGET / package / Path(name).name).as_posix())]
    published = build_dataset.folders(list(build_dataset.archived()))
    if published.get(dataset.RELEASE_VERSION) != dataset.RELEASE_VERSION:
        problems.append(f"releases/archive/dataset-{dataset.RELEASE_VERSION}.zip is missing: the release's zip "
                        "is committed there (scripts/release_dataset.py writes it; scripts/build_dataset.py --archive "
                        "writes it for a release made without it)")
    for folder, version in published.items():
        problems += [f"dataset/{folder}/{name} is missing" for name in
                     ("datapackage.json", "CHANGELOG.md", "changes.json", build_dataset.CHECKSUMS, f"dataset-{version}.zip")
                     if not (site / "dataset" / folder / name).is_file()]
    calculator_pages = [site / "calculators" / name / "index.html" for name in
                        ("penalty", "deadline", "notify", "obligations", "check", "retention")]
    problems += [f"{page.relative_to(site)}: no calculator form" for page in calculator_pages
                 if not page.is_file() or 'class="vot-calculator' not in page.read_text(encoding="utf-8")]
    problems += [f"{page.relative_to(site)}: the Python worker is not started early" for page in calculator_pages
                 if page.is_file() and not WORKER.search(page.read_text(encoding="utf-8"))]
    problems += missing_assets(site)
    if dataset.RELEASE_VERSION not in (site / "index.html").read_text(encoding="utf-8"):
        problems.append("index.html: the footer does not name the dataset release")
    return problems


def missing_assets(site: Path) -> list[str]:
    """The scripts and stylesheets of the site that a page or one of the site's own scripts names but the site
    lacks, and the site's own ones left without a content-addressed name (scripts/build_assets.py)."""
    problems = []
    for page in sorted(site.rglob("*.html")):
        path = page.relative_to(site).as_posix()
        problems += [f"{path}: {name} is missing" for name in
                     sorted(build_assets.page_references(page.read_text(encoding="utf-8"), path))
                     if not (site / name).is_file()]
    for folder in build_assets.OWN:
        for script in sorted((site / folder).glob("*.js")) if (site / folder).is_dir() else []:
            path = script.relative_to(site).as_posix()
            problems += [f"{path}: {name} is missing" for name in
                         sorted(build_assets.script_references(script.read_text(encoding="utf-8"), path))
                         if Path(name).suffix in (".js", ".css", ".mjs") and not (site / name).is_file()]
    problems += [f"{name} is not named by its content" for name in build_assets.own_files(site)
                 if name not in build_assets.STABLE]
    return problems


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3) or argv[0] not in ("prepare", "finish", "check") or (len(argv) == 3 and argv[0] != "prepare"):
        print(__doc__, file=sys.stderr)
        return 2
    step, where = argv[0], Path(argv[1]).resolve()
    if step == "prepare":
        print(prepare(where, argv[2] if len(argv) == 3 else "mkdocs"))
        return 0
    if step == "finish":
        finish(where)
    problems = check(where)
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
