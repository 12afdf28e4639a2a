"""The built site's last steps, once the pages are rendered and the runtime and dataset are in place. Nothing
here depends on the site generator: `finish(site, manifest)` works on the folder of built files.

- the calculators' worker gets the runtime's manifest (scripts/build_runtime.py), so the page that fetched it
  fresh uses that release's runtime, checks each file and the snapshot self-test against it; the pages get the
  worker's name, a digest of its code and the manifest, so that pages share one Python (a SharedWorker) with
  pages of the same release only;
- the service worker gets its cache version, the site's file lists and the sha256 of each file it serves from its
  cache first (docs/service-worker.js explains them);
- every page gets a Content-Security-Policy <meta> tag (static hosts may not set headers): scripts from the site
  only, the pages' few inline scripts allowed by their sha256, no plugins, nothing from another origin;
- the site's own scripts and stylesheets are minified and named by their content (scripts/build_assets.py);
- `_headers`, for hosts that read it (Netlify, Cloudflare Pages): the same policy as a header, which can also
  say who may frame a page (anyone for /embed/ pages, only the site itself otherwise), nosniff, no referrer, and
  caching for ever of the content-addressed files (the runtime's, and the theme's and our scripts and styles);
  the two scripts whose addresses never change (the service worker, embed-resize.js) are revalidated.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import build_assets

from calculators import dataset

import build_runtime

POLICY = {
    "default-src": "'self'",
    "script-src": "'self' 'wasm-unsafe-eval'",  # Pyodide compiles WebAssembly
    # Zensical's search puts a <style> element in the page; a style cannot run code, and with images, fonts and
    # connections limited to the site it cannot send anything elsewhere.
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data:",  # the theme's icons are data: URLs in its stylesheet
    "worker-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}
INLINE_SCRIPT = re.compile(r"<script\b(?P<attributes>[^>]*)>(?P<code>.*?)</script>", re.S)
CHARSET = re.compile(r'<meta charset="utf-8"\s*/?>', re.I)
HASHED_ASSET = build_assets.ADDRESSED
"""Content-addressed file names, the theme's and ours: bundle.a5f9d56c.min.js (its .map beside it is not)."""


def finish(site: Path, manifest: Path) -> None:
    """Every step, in order: the scripts minified before anything is written into them, named by their content
    once filled in; the service worker's version covers the pages as the policy leaves them."""
    build_assets.minify(site)
    write_worker(site, manifest)
    name_worker(site)
    build_assets.content_address(site)
    policy = add_content_security_policy(site)
    write_service_worker(site, manifest)
    write_headers(site, policy, manifest)


def write_worker(site: Path, manifest: Path) -> None:
    """Write the runtime's id and manifest into the built pyodide-worker.js."""
    worker = site / "assets" / "javascripts" / "pyodide-worker.js"
    runtime = {"id": build_runtime.runtime_id(manifest), "manifest": json.loads(manifest.read_text())}
    _fill(worker, {"__RUNTIME__": json.dumps(runtime, separators=(",", ":"))})


def name_worker(site: Path) -> str:
    """Write the Python worker's name into calculators.js and the pages that start it early: `vot-python-` and a
    digest of the worker's code (its manifest included), so a page of one release never connects to another
    release's SharedWorker. Returns the name."""
    scripts = site / "assets" / "javascripts"
    digest = hashlib.sha256(b"".join((scripts / name).read_bytes() for name in ("pyodide-worker.js", "python-runtime.js")))
    name = f"vot-python-{digest.hexdigest()[:16]}"
    _fill(scripts / "calculators.js", {"__PYTHON_WORKER__": name})
    for page in pages(site):
        html = page.read_text(encoding="utf-8")
        if "__PYTHON_WORKER__" in html:
            page.write_text(html.replace("__PYTHON_WORKER__", name), encoding="utf-8")
    return name


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def inline_script_hashes(html: str) -> set[str]:
    """The CSP source of each inline script (one without `src`) that a browser would run."""
    hashes = set()
    for script in INLINE_SCRIPT.finditer(html):
        attributes = script["attributes"]
        kind = re.search(r'\btype="([^"]*)"', attributes)
        if re.search(r"\bsrc=", attributes) or (kind and kind[1] not in ("module", "text/javascript")):
            continue
        digest = base64.b64encode(hashlib.sha256(script["code"].encode()).digest()).decode()
        hashes.add(f"'sha256-{digest}'")
    return hashes


def policy_text(hashes: set[str], frame_ancestors: str | None = None) -> str:
    directives = dict(POLICY, **{"script-src": " ".join([POLICY["script-src"], *sorted(hashes)])})
    if frame_ancestors:  # only a header can say it: browsers ignore (and report) it in a <meta> tag
        directives["frame-ancestors"] = frame_ancestors
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def add_content_security_policy(site: Path) -> str:
    """Put one policy, allowing every page's inline scripts by hash, at the top of every page's <head>; returns
    it. One policy for all pages, since the theme's instant navigation runs a new page's scripts in the old one."""
    texts = {page: page.read_text(encoding="utf-8") for page in pages(site)}
    for page, html in texts.items():
        if not CHARSET.search(html):
            raise SystemExit(f"finish_site: {page.relative_to(site)} has no <meta charset>, where the policy goes")
    policy = policy_text(set().union(*map(inline_script_hashes, texts.values())))
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    for page, html in texts.items():
        page.write_text(CHARSET.sub(lambda charset: f"{charset[0]}\n    {meta}", html, count=1), encoding="utf-8")
    return policy


def write_service_worker(site: Path, manifest: Path) -> None:
    """Fill in the service worker's cache version (the release and a digest of every other file), its lists, and
    the sha256 of each file it serves from its cache first (checked before use)."""
    worker = site / "service-worker.js"
    files = sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file() and path != worker)
    runtime = [path for path in files if path.startswith("runtime/") and path != "runtime/manifest.json"]
    # Cached ahead: what a start fetches, not the full runtime kept for the fallback (or anything else).
    ahead = sorted(f"runtime/{entry['path']}" for entry in
                   build_runtime.entries(json.loads(manifest.read_text()), fallback=False))
    page_paths = sorted(_page_path(page.relative_to(site).as_posix()) for page in pages(site))
    # Material's lunr language and word-splitting files serve only sites in other languages: not cached ahead.
    assets = [path for path in files if path.startswith("assets/") and Path(path).suffix in {".js", ".css", ".png", ".svg"}
              and not path.startswith("assets/javascripts/lunr/")]
    # Every page fetches these (the theme's search and instant navigation); a checklist's lookup lists come from
    # the collections.
    site_files = [name for name in ("search/search_index.json", "search.json", "sitemap.xml") if (site / name).is_file()]
    site_files += [path for path in files if re.fullmatch(r"dataset/latest/[^/]+\.json", path)]
    digest = hashlib.sha256()
    for path in files:
        digest.update(f"{path}\0".encode())
        digest.update((site / path).read_bytes())
    _fill(worker, {
        "__CACHE_VERSION__": f"{dataset.RELEASE_VERSION}-{digest.hexdigest()[:12]}",
        "__RUNTIME_ID__": build_runtime.runtime_id(manifest),
        "__RUNTIME__": json.dumps(runtime), "__RUNTIME_AHEAD__": json.dumps(ahead), "__PAGES__": json.dumps(page_paths),
        "__SITE__": json.dumps(sorted(set(files) - set(runtime) - {page.relative_to(site).as_posix() for page in pages(site)})),
        "__PRECACHE__": json.dumps(assets + site_files),
        "__ADDRESSED__": json.dumps(addressed_assets(site)),
        "__DIGESTS__": json.dumps({path: hashlib.sha256((site / path).read_bytes()).hexdigest()
                                   for path in [*runtime, *addressed_assets(site)]}, separators=(",", ":")),
    })


def addressed_assets(site: Path) -> list[str]:
    """The scripts and stylesheets named by their content, the theme's and ours (paths from the site's root): the
    service worker serves them from its cache first, and `_headers` lets browsers keep them for a year."""
    return sorted(path.relative_to(site).as_posix() for path in (site / "assets").rglob("*")
                  if path.is_file() and HASHED_ASSET.search(path.name))


def write_headers(site: Path, policy: str, manifest: Path) -> Path:
    """`_headers`: the policy as a header for every page (framing allowed by anyone only under /embed/), nosniff
    and no referrer everywhere, immutable caching for the content-addressed files (the runtime's, the scripts' and
    the stylesheets'), and revalidation of the scripts whose addresses never change."""
    hashes = set(re.findall(r"'sha256-[^']+'", policy))
    framed_by_anyone, framed_by_self = policy_text(hashes, "*"), policy_text(hashes, "'self'")
    core = json.loads(manifest.read_text())["core"]
    lines = ["# Written by scripts/finish_site.py, for static hosts that read a _headers file (Netlify, Cloudflare",
             "# Pages). Every page also carries the same Content-Security-Policy in a <meta> tag.",
             "/*", "  X-Content-Type-Options: nosniff", "  Referrer-Policy: no-referrer", ""]
    # The policy is set per top-level folder, never on /*, so that no path gets two (hosts join repeated headers).
    top = sorted(path.name for path in site.iterdir() if path.is_dir() and path.name != "embed")
    for rule in ["/", "/index.html", "/404.html", *(f"/{name}/*" for name in top)]:
        lines += [rule, f"  Content-Security-Policy: {framed_by_self}", ""]
    lines += ["/embed/*", f"  Content-Security-Policy: {framed_by_anyone}", ""]
    # The theme's scripts and styles carry a digest of their content in their names too (bundle.<digest>.min.js).
    hashed = [f"/{path}" for path in addressed_assets(site)]
    for folder in (f"/runtime/{core}*", "/runtime/stdlib/*", "/runtime/wheels/*", *hashed):
        lines += [folder, "  Cache-Control: public, max-age=31536000, immutable", ""]
    for path in sorted(build_assets.STABLE):
        lines += [f"/{path}", "  Cache-Control: no-cache", ""]
    headers = site / "_headers"
    headers.write_text("\n".join(lines), encoding="utf-8")
    return headers


def header_rules(site: Path) -> list[tuple[re.Pattern[str], list[tuple[str, str]]]]:
    """The rules of the site's `_headers` file (above), as Netlify and Cloudflare Pages read it: a path pattern
    (`*` matches anything) on its own line, then its headers indented."""
    rules: list[tuple[re.Pattern[str], list[tuple[str, str]]]] = []
    for line in (site / "_headers").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((re.compile(re.escape(line.strip()).replace(r"\*", ".*")), []))
        else:
            name, _, value = line.strip().partition(":")
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


def _page_path(html: str) -> str:
    """The address of a page: 'calculators/penalty/' for calculators/penalty/index.html."""
    return html.removesuffix("index.html")


def _fill(path: Path, values: dict[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for placeholder, value in values.items():
        if text.count(placeholder) != 1:
            raise SystemExit(f"finish_site: {path.name} should hold {placeholder} once")
        text = text.replace(placeholder, value)
    path.write_text(text, encoding="utf-8")
