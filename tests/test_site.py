"""The documentation site builds with no warning (mkdocs --strict), and the build finishes it
(scripts/finish_site.py): a Content-Security-Policy on every page, `_headers`, the worker's manifest and the
service worker's lists."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from browser_support import header_rules
from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import finish_site  # noqa: E402

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
    for path in [*pages, "/assets/javascripts/pyodide-worker.js"]:
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
    # The theme's content-addressed scripts and styles are cached for ever too; our own, named for what they are,
    # are not (the service worker revalidates them).
    for path in ["/assets/javascripts/" + next(p.name for p in (site / "assets" / "javascripts").glob("bundle.*.min.js")),
                 "/assets/javascripts/calculators.js"]:
        caching = [value for pattern, headers in rules if pattern.fullmatch(path)
                   for name, value in headers if name == "Cache-Control"]
        assert caching == (["public, max-age=31536000, immutable"] if ".min." in path else []), path


def test_our_page_scripts_do_not_block_rendering(site):
    """Every script a page loads from a file runs after the page is parsed (a module, or `defer`); only the small
    inline scripts run in the head."""
    page = (site / "calculators" / "penalty" / "index.html").read_text(encoding="utf-8")
    ours = [tag for tag in re.findall(r"<script\b[^>]*\bsrc=[^>]*>", page) if "bundle." not in tag]
    assert ours and all('type="module"' in tag or re.search(r"\bdefer\b", tag) for tag in ours), ours


def test_the_worker_carries_the_runtime_manifest_and_the_service_worker_its_lists(site):
    manifest = site / "runtime" / "manifest.json"
    worker = (site / "assets" / "javascripts" / "pyodide-worker.js").read_text(encoding="utf-8")
    carried = json.loads(re.search(r"const RUNTIME = (\{.*?\}); //", worker)[1])
    assert carried == {"id": build_runtime.runtime_id(manifest), "manifest": json.loads(manifest.read_text())}
    service = (site / "service-worker.js").read_text(encoding="utf-8")
    assert not re.search(r"__[A-Z_]+__", service) and not re.search(r"__[A-Z_]+__", worker)
    lists = {name: json.loads(value) for name, value in
             re.findall(r"const (RUNTIME|RUNTIME_AHEAD|PAGES|SITE|PRECACHE) = (?:new Set\()?(\[.*?\])", service)}
    files = {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}
    # Every runtime file is served from the cache first; those a start fetches are cached ahead, not the fallback's.
    assert set(lists["RUNTIME"]) == {f"runtime/{entry['path']}" for entry in build_runtime.entries(carried["manifest"])}
    assert set(lists["RUNTIME_AHEAD"]) == {f"runtime/{entry['path']}" for entry in
                                           build_runtime.entries(carried["manifest"], fallback=False)}
    assert f"runtime/{carried['manifest']['fallback']['stdlib']['path']}" not in lists["RUNTIME_AHEAD"]
    assert set(lists["PAGES"]) == {path.removesuffix("index.html") for path in files if path.endswith(".html")}
    assert set(lists["SITE"]) | set(lists["RUNTIME"]) <= files and set(lists["PRECACHE"]) <= set(lists["SITE"])
    assert f'const RUNTIME_ID = "{carried["id"]}"' in service


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
