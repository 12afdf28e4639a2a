"""The documentation site builds with no warning (mkdocs --strict), and the build finishes it
(scripts/finish_site.py): a Content-Security-Policy on every page, `_headers`, the worker's manifest and the
service worker's lists."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from browser_support import header_rules
from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import build_assets  # noqa: E402
import finish_site  # noqa: E402
import site_build  # noqa: E402

import build_dataset  # noqa: E402
import build_runtime  # noqa: E402

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    built = tmp_path_factory.mktemp("site") / "site"
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(built)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return built


def test_site_builds_strictly(site):
    assert (site / "index.html").is_file()
    assert "calculators.penalties.penalty" in (site / "api" / "index.html").read_text(encoding="utf-8")


def test_every_page_carries_the_policy_before_any_script_and_it_allows_each_inline_script(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    policies = set()
    for page in pages:
        html = page.read_text(encoding="utf-8")
        (policy,) = META.findall(html)
        policies.add(policy)
        assert html.index('<meta charset="utf-8">') < html.index("Content-Security-Policy") < html.index("<script")
        for script in re.finditer(r"<script\b([^>]*)>(.*?)</script>", html, re.S):
            if "src=" in script[1] or 'type="application/json"' in script[1]:
                continue
            digest = base64.b64encode(hashlib.sha256(script[2].encode()).digest()).decode()
            assert f"'sha256-{digest}'" in policy, (page, script[2][:80])
    (policy,) = policies  # one policy everywhere
    directives = dict(part.split(" ", 1) for part in policy.split("; "))
    assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'"
    assert directives["script-src"].startswith("'self' 'wasm-unsafe-eval' 'sha256-")
    assert not {"'unsafe-inline'", "'unsafe-eval'"} & set(directives["script-src"].split())
    assert "frame-ancestors" not in policy  # a <meta> cannot say it


def test_headers_let_only_embed_pages_be_framed_by_other_sites_and_give_one_policy_per_page(site):
    rules = header_rules(site)
    pages = ["/" + page.relative_to(site).as_posix().removesuffix("index.html") for page in site.rglob("*.html")]
    worker = "/" + build_assets.built(site, "assets/javascripts/pyodide-worker.js").relative_to(site).as_posix()
    for path in [*pages, worker]:
        policies = [value for pattern, headers in rules if pattern.fullmatch(path)
                    for name, value in headers if name == "Content-Security-Policy"]
        assert len(policies) == 1, (path, policies)
        expected = "frame-ancestors *" if path.startswith("/embed/") else "frame-ancestors 'self'"
        assert policies[0].endswith(expected), path
    everywhere = dict(next(headers for pattern, headers in rules if pattern.pattern == "/.*"))
    assert everywhere == {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}
    manifest = json.loads((site / "runtime" / "manifest.json").read_text())
    for entry in build_runtime.entries(manifest):
        caching = [value for pattern, headers in rules if pattern.fullmatch(f"/runtime/{entry['path']}")
                   for name, value in headers if name == "Cache-Control"]
        assert caching == ["public, max-age=31536000, immutable"], entry["path"]
    assert not [value for pattern, headers in rules if pattern.fullmatch("/runtime/manifest.json")
                for name, value in headers if name == "Cache-Control"]
    # The theme's content-addressed scripts and styles are cached for ever too, and so are ours (named by their
    # content by the build); the two scripts whose addresses never change are revalidated, and so are the pages.
    addressed = [path.relative_to(site).as_posix() for path in site.rglob("*") if finish_site.HASHED_ASSET.search(path.name)]
    assert build_assets.built(site, "assets/javascripts/calculators.js").relative_to(site).as_posix() in addressed
    for path in addressed:
        assert cache_control(rules, f"/{path}") == ["public, max-age=31536000, immutable"], path
    for path in ["/service-worker.js", "/assets/javascripts/embed-resize.js"]:
        assert cache_control(rules, path) == ["no-cache"], path
    for path in ["/", "/calculators/penalty/", "/dataset/latest/offences.json", "/search/search_index.json"]:
        assert cache_control(rules, path) == [], path


def cache_control(rules, path: str) -> list[str]:
    return [value for pattern, headers in rules if pattern.fullmatch(path) for name, value in headers
            if name == "Cache-Control"]


def test_no_page_script_blocks_rendering(site):
    """Every script a page loads from a file runs after the page is parsed (a module, or `defer`: the theme's bundle
    too, which the build defers) or whenever it arrives (`async`); only the small inline scripts run in the head."""
    for path in ("calculators/penalty/index.html", "trainers/index.html", "index.html", "embed/penalty/index.html"):
        page = (site / path).read_text(encoding="utf-8")
        tags = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", page)
        assert any("bundle." in tag for tag in tags), path
        assert all('type="module"' in tag or re.search(r"\b(defer|async)\b", tag) for tag in tags), (path, tags)


def test_the_worker_carries_the_runtime_manifest_and_the_service_worker_its_lists(site):
    manifest = site / "runtime" / "manifest.json"
    worker = build_assets.built(site, "assets/javascripts/pyodide-worker.js").read_text(encoding="utf-8")
    carried, _ = json.JSONDecoder().raw_decode(worker, worker.index('{"id":"'))
    assert carried == {"id": build_runtime.runtime_id(manifest), "manifest": json.loads(manifest.read_text())}
    service = (site / "service-worker.js").read_text(encoding="utf-8")
    assert not re.search(r"__[A-Z_]+__", service) and not re.search(r"__[A-Z_]+__", worker)
    lists = {name: json.loads(value) for name, value in
             re.findall(r"\b(RUNTIME|RUNTIME_AHEAD|PAGES|SITE|PRECACHE) ?= ?(?:new Set\()?(\[.*?\])", service)}
    files = {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}
    # Every runtime file is served from the cache first; those a start fetches are cached ahead, not the fallback's.
    assert set(lists["RUNTIME"]) == {f"runtime/{entry['path']}" for entry in build_runtime.entries(carried["manifest"])}
    assert set(lists["RUNTIME_AHEAD"]) == {f"runtime/{entry['path']}" for entry in
                                           build_runtime.entries(carried["manifest"], fallback=False)}
    assert f"runtime/{carried['manifest']['fallback']['stdlib']['path']}" not in lists["RUNTIME_AHEAD"]
    assert set(lists["PAGES"]) == {path.removesuffix("index.html") for path in files if path.endswith(".html")}
    assert set(lists["SITE"]) | set(lists["RUNTIME"]) <= files and set(lists["PRECACHE"]) <= set(lists["SITE"])
    assert re.search(rf'\bRUNTIME_ID ?= ?"{carried["id"]}"', service)


def test_the_service_worker_knows_the_sha256_of_every_file_it_serves_from_its_cache_first(site):
    """It checks each cached copy against these before use (a damaged copy is fetched again)."""
    service = (site / "service-worker.js").read_text(encoding="utf-8")
    digests, _ = json.JSONDecoder().raw_decode(service, re.search(r"\bDIGESTS ?= ?", service).end())
    lists = {name: json.loads(value) for name, value in
             re.findall(r"\b(RUNTIME|ADDRESSED) ?= ?new Set\((\[.*?\])", service)}
    assert set(digests) == set(lists["RUNTIME"]) | set(lists["ADDRESSED"])
    assert build_assets.built(site, "assets/javascripts/calculators.js").relative_to(site).as_posix() in digests
    for path, digest in digests.items():
        assert hashlib.sha256((site / path).read_bytes()).hexdigest() == digest, path


FILLED_IN = {"service-worker.js", "assets/javascripts/pyodide-worker.js"}
"""Scripts the build writes lists into (longer than their sources for it)."""


def test_our_scripts_and_styles_are_minified_and_named_by_their_content(site):
    """Built from docs/ by esbuild: smaller, no comments left, and named by a digest of what they hold, the old name
    gone; the two scripts named elsewhere (the service worker, and embed-resize.js in trainers' pages) keep theirs."""
    sources = [f"{folder}/{path.name}" for folder in build_assets.OWN for path in (ROOT / "docs" / folder).iterdir()]
    sources += ["service-worker.js", "assets/vendor/accessible-autocomplete/accessible-autocomplete.min.js",
                "assets/vendor/accessible-autocomplete/accessible-autocomplete.min.css"]
    assert len(sources) >= 10
    for source in sources:
        if source in build_assets.STABLE:
            built = site / source
        else:
            built = build_assets.built(site, source)
            assert not (site / source).exists(), source
            assert built.name.split(".")[-3] == hashlib.sha256(built.read_bytes()).hexdigest()[:8], source
        text = built.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(//|/\*)", text, re.M), source
        original = ROOT / "docs" / source
        if original.is_file() and source not in FILLED_IN:
            assert len(text) < 0.85 * len(original.read_text(encoding="utf-8")), source


def test_every_script_and_stylesheet_a_page_or_script_names_is_there(site):
    """No page asks for a file the site lacks: the tags, the worker started from the head, the modules' imports
    and the worker's URL all point at the content-addressed files."""
    assert site_build.missing_assets(site) == []
    page = (site / "calculators" / "penalty" / "index.html").read_text(encoding="utf-8")
    named = build_assets.page_references(page, "calculators/penalty/index.html")
    scripts = {name: build_assets.built(site, f"assets/javascripts/{name}.js").relative_to(site).as_posix()
               for name in ("calculators", "form-patterns", "pyodide-worker", "python-runtime")}
    assert {scripts["calculators"], scripts["form-patterns"], scripts["pyodide-worker"]} <= named
    calculators = (site / scripts["calculators"]).read_text(encoding="utf-8")
    worker = (site / scripts["pyodide-worker"]).read_text(encoding="utf-8")
    assert f'"./{Path(scripts["form-patterns"]).name}"' in calculators
    assert f'"./{Path(scripts["pyodide-worker"]).name}"' in calculators
    assert f'"./{Path(scripts["python-runtime"]).name}"' in worker
    # The head starts the worker by the name calculators.js uses: pages of one release share one Python.
    (name,) = set(re.findall(r"vot-python-[0-9a-f]{16}", page))
    assert re.findall(r"vot-python-[0-9a-f]{16}", calculators) == [name]


def test_a_page_fetches_the_modules_its_modules_import_at_once(site):
    """calculators.js imports form-patterns.js: the page names both, so the browser need not read the first to
    find the second."""
    page = (site / "calculators" / "penalty" / "index.html").read_text(encoding="utf-8")
    patterns = build_assets.built(site, "assets/javascripts/form-patterns.js").name
    calculators = build_assets.built(site, "assets/javascripts/calculators.js").name
    preload = page.index(f'<link rel="modulepreload" href="../../assets/javascripts/{patterns}">')
    assert preload < page.index(f'<script src="../../assets/javascripts/{calculators}" type="module">')


def test_a_page_without_a_charset_fails_the_build(tmp_path):
    """The policy goes right after <meta charset>, before any script: a page without one cannot carry it."""
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text("<html><head><script>alert(1)</script></head></html>")
    with pytest.raises(SystemExit, match="no <meta charset>"):
        finish_site.add_content_security_policy(tmp_path)


def test_inline_scripts_are_hashed_as_browsers_hash_them():
    html = '<script>alert(1)</script><script src="a.js"></script><script type="application/json">{}</script>'
    # The sha256 of the script's text, as CSP Level 2 defines it (the value browsers print for alert(1)).
    assert finish_site.inline_script_hashes(html) == {"'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"}


DATASET_PAGES = ("dataset/index.html", "dataset/changes/index.html", "dataset/browse/index.html")
LINK = re.compile(r'<(?:a|link|script|img|iframe|source)\b[^>]*?\s(?:href|src)="([^"]*)"')
PROMISED = re.compile(r"(?<![\w.])/dataset/[\w.<>${}/-]*")
"""An address under /dataset/ that a page of the docs writes out, placeholders (`<version>`, `v<major>`,
`<collection>`, `${name}`) and all."""


def _served(site: Path, path: str) -> bool:
    """Whether the site answers `path` (an address on its own origin) with a file."""
    target = site / unquote(path).lstrip("/")
    return (target / "index.html").is_file() if path.endswith("/") else target.is_file() or \
        (target / "index.html").is_file()


def test_every_link_on_the_dataset_pages_resolves(site):
    broken, walked = [], 0
    for page in DATASET_PAGES:
        address = "https://site.test/" + page.removesuffix("index.html")
        for href in LINK.findall((site / page).read_text(encoding="utf-8")):
            url = urlsplit(urljoin(address, html.unescape(href)))
            if url.scheme in ("http", "https") and url.netloc == "site.test":
                walked += 1
                if not _served(site, url.path):
                    broken.append(f"{page}: {href}")
    assert not broken, broken
    changes = (site / "dataset" / "changes" / "index.html").read_text(encoding="utf-8")
    assert all(f'href="../{version}/changes.json"' in changes for version in build_dataset.archived())
    assert walked > 100


def _collections(site: Path, folder: str) -> list[str]:
    package = json.loads((site / "dataset" / folder / "datapackage.json").read_text(encoding="utf-8"))
    return [resource["path"].removesuffix(".json") for resource in package["resources"] if resource["type"] == "json"]


def _expanded(site: Path, address: str) -> list[str]:
    """The addresses a promise stands for: each release for `<version>`, each major for `v<major>`, then each
    collection of that folder's release for `<collection>` or `${name}`."""
    folders = build_dataset.folders(list(build_dataset.archived()))
    addresses = [address]
    for placeholder, values in (("<version>", [f for f in folders if f[0].isdigit()]),
                                ("v<major>", [f for f in folders if re.fullmatch(r"v\d+", f)])):
        addresses = [a.replace(placeholder, value) for a in addresses for value in values] if placeholder in address \
            else addresses
    return [a.replace("<collection>", name).replace("${name}", name) for a in addresses
            for name in (_collections(site, a.split("/")[2]) if "<collection>" in a or "${name}" in a else [""])]


def test_every_dataset_address_the_docs_promise_is_there(site):
    promises = {(page.relative_to(ROOT).as_posix(), address) for page in sorted((ROOT / "docs").rglob("*.md"))
                for address in PROMISED.findall(page.read_text(encoding="utf-8"))}
    assert {address for _, address in promises} >= {"/dataset/<version>/<collection>.json", "/dataset/v2/${name}.json",
                                                    "/dataset/v<major>/<collection>.json", "/dataset/v1/offences.json",
                                                    "/dataset/latest/<collection>.json", "/dataset/<version>/changes.json"}
    missing = [f"{page}: {address} -> {expanded}" for page, address in sorted(promises)
               for expanded in _expanded(site, address) if not _served(site, expanded)
               and not (expanded.endswith("/") and (site / expanded.lstrip("/") / "datapackage.json").is_file())]
    assert not missing, missing
    every_collection = _expanded(site, "/dataset/<version>/<collection>.json")
    assert {address.split("/")[2] for address in every_collection} == set(build_dataset.archived())
    assert len(every_collection) >= 25 * len(build_dataset.archived())


def test_every_release_is_published_whole_with_its_zip_and_checksums(site):
    import frictionless

    archives = build_dataset.archived()
    folders = build_dataset.folders(list(archives))
    assert {"1.0.0", "1.1.0", "2.0.0", "2.1.0", "v1", "v2", "latest"} <= set(folders)
    for folder, version in folders.items():
        target = site / "dataset" / folder
        assert (target / f"dataset-{version}.zip").read_bytes() == archives[version].read_bytes(), folder
        assert (target / "SHA256SUMS").read_text("utf-8") == build_dataset.checksums(target), folder
        assert (target / "SHA256SUMS").read_bytes() == (site / "dataset" / version / "SHA256SUMS").read_bytes()
        assert json.loads((target / "changes.json").read_text("utf-8"))["version"] == version
        report = frictionless.validate(str(target / "datapackage.json"))
        assert report.valid, (folder, report.flatten(["type", "message"]))
    done = subprocess.run(["node", str(ROOT / "scripts" / "check_schemas.mjs"), str(site / "dataset" / "latest")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout
