"""The site's own scripts and stylesheets as the built site serves them: minified by esbuild (pinned in
package.json) and named by their content (calculators.js becomes calculators.3f2a9b1c.min.js), with every
reference to them rewritten: the pages' tags and quoted URLs, and the scripts' relative imports and worker URLs.
A new content gets a new name, so `_headers` lets browsers keep these files for a year without asking again
(finish_site.write_headers). Nothing is bundled: each module keeps its file, its imports and its semantics. The
sources in docs/ stay as they are.

Two scripts keep their addresses (minified, revalidated): embed-resize.js, which trainers' course pages on other
sites name, and the service worker, whose address is its identity.

The pages, while their references are rewritten, also stop waiting for scripts: a script that would stop the
parser gets `defer` (it runs at the same point), and the modules our modules import are named up front
(`modulepreload`), so the browser fetches them at once rather than one after the other.

Called by scripts/finish_site.py: `minify` first (before the build writes anything into the scripts), then
`content_address` once the scripts are filled in.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import subprocess
from pathlib import Path

import build_vendor

ROOT = Path(__file__).resolve().parent.parent
ESBUILD = ROOT / "node_modules" / ".bin" / "esbuild"
OWN = ("assets/javascripts", "assets/stylesheets")
"""The folders of docs/ whose scripts and stylesheets are the site's own."""
PLUGIN = ("assets/_mkdocstrings.css",)
"""A stylesheet a plugin writes into every page (mkdocstrings, when MkDocs builds): served the same way."""
STABLE = frozenset({"assets/javascripts/embed-resize.js", "service-worker.js"})
ADDRESSED = re.compile(r"\.[0-9a-f]{8}\.min\.(?:js|css)$")
"""A content-addressed name, the theme's (bundle.a5f9d56c.min.js) and ours alike."""
RELATIVE_STRING = re.compile(r"""(["'`])(\.\.?/[^"'`\\\s]+)\1""")
"""A string in a script that is a relative URL: an import specifier, or new URL("./pyodide-worker.js", ...)."""
STATIC_IMPORT = re.compile(r"""\b(?:from|import)\s*["'](\.\.?/[^"']+)["']""")
"""A module's static import (`import x from "./y.js"`, `import "./y.js"`), not a dynamic import("./y.js")."""
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>")
QUOTED_ASSET = re.compile(r"""(["'])([^"'\s<>]+?\.(?:js|css))([?#][^"'\s<>]*)?\1""")
"""A quoted URL of a script or stylesheet in a page: an attribute, or a string in an inline script."""


def own_files(site: Path, docs: Path = ROOT / "docs") -> list[str]:
    """The site's own scripts and stylesheets present in `site` (paths from its root): those of docs/, the service
    worker, the front-end libraries' (scripts/build_vendor.py) and the plugin's."""
    paths = [f"{folder}/{source.name}" for folder in OWN for source in sorted((docs / folder).iterdir())
             if source.suffix in (".js", ".css")]
    paths.append("service-worker.js")
    paths += [(build_vendor.TARGET / package / Path(name).name).as_posix() for package, names in
              build_vendor.VENDOR.items() for name in names if Path(name).suffix in (".js", ".css")]
    paths += list(PLUGIN)
    return [path for path in paths if (site / path).is_file()]


SOURCE_MAP = re.compile(r"\n*(?://# sourceMappingURL=(\S+)|/\*# sourceMappingURL=(\S+?) ?\*/)\s*$")


def minify(site: Path, paths: list[str] | None = None) -> list[str]:
    """Minify, in place, the own files that are not minified already (one esbuild run, no bundling; the format of
    each file is kept: a module stays a module, a classic script a classic script), and drop from those that are
    the comment naming a source map the site does not carry (a request for nothing). Returns the files' paths."""
    paths = own_files(site) if paths is None else paths
    sources = [path for path in paths if ".min." not in Path(path).name]
    for path in set(paths) - set(sources):
        text = (site / path).read_text(encoding="utf-8")
        found = SOURCE_MAP.search(text)
        if found and not (site / path).with_name(found[1] or found[2]).is_file():
            (site / path).write_text(text[: found.start()] + "\n", encoding="utf-8")
    if sources:
        if not ESBUILD.is_file():
            raise SystemExit(f"build_assets: {ESBUILD} is missing: run scripts/setup.sh (npm ci)")
        subprocess.run([str(ESBUILD), *sources, "--minify", "--log-level=warning", "--allow-overwrite",
                        f"--outdir={site}", f"--outbase={site}"], cwd=site, check=True)
    return paths


def addressed_name(path: str, data: bytes) -> str:
    """`path` named by its content: assets/javascripts/calculators.js -> .../calculators.<8 hex>.min.js."""
    folder, name = posixpath.split(path)
    stem, suffix = posixpath.splitext(name)
    digest = hashlib.sha256(data).hexdigest()[:8]
    return posixpath.join(folder, f"{stem.removesuffix('.min')}.{digest}.min{suffix}")


def _resolve(base: str, url: str) -> str | None:
    """The site path `url` (relative to the folder `base`, or from the root if it starts with /) points at; None
    for a URL elsewhere."""
    if "://" in url or url.startswith(("//", "data:")):
        return None
    joined = url[1:] if url.startswith("/") else posixpath.join(base, url)
    return posixpath.normpath(joined)


def _renamed(url: str, old: str, new: str) -> str:
    """`url`, which points at `old`, pointing at `new` (same folder, another name)."""
    return url[: len(url) - len(posixpath.basename(old))] + posixpath.basename(new)


def script_references(text: str, path: str) -> set[str]:
    """The site paths a script names by relative strings."""
    base = posixpath.dirname(path)
    return {resolved for match in RELATIVE_STRING.finditer(text) if (resolved := _resolve(base, match[2]))}


def page_references(html: str, page: str) -> set[str]:
    """The site paths of the scripts and stylesheets a page names (tags, and quoted URLs in its inline scripts)."""
    base = posixpath.dirname(page)
    return {resolved for match in QUOTED_ASSET.finditer(html) if (resolved := _resolve(base, match[2]))}


def _rewrite_script(text: str, path: str, renamed: dict[str, str]) -> str:
    base = posixpath.dirname(path)

    def replace(match: re.Match[str]) -> str:
        target = _resolve(base, match[2])
        return f"{match[1]}{_renamed(match[2], target, renamed[target])}{match[1]}" if target in renamed else match[0]
    return RELATIVE_STRING.sub(replace, text)


def _rewrite_page(html: str, page: str, renamed: dict[str, str]) -> str:
    base = posixpath.dirname(page)

    def replace(match: re.Match[str]) -> str:
        target = _resolve(base, match[2])
        if target not in renamed:
            return match[0]
        return f"{match[1]}{_renamed(match[2], target, renamed[target])}{match[3] or ''}{match[1]}"
    return QUOTED_ASSET.sub(replace, html)


def content_address(site: Path, paths: list[str] | None = None) -> dict[str, str]:
    """Rename each own file but the stable ones by its content, a file after the files it names (so a change in
    python-runtime.js renames pyodide-worker.js, which imports it, and calculators.js, which starts that), and
    rewrite every reference to them, in the scripts and the pages (where scripts are also deferred and imports
    preloaded: above); returns {old path: new path}."""
    paths = own_files(site) if paths is None else paths
    texts = {path: (site / path).read_text(encoding="utf-8") for path in paths}
    named = {path: script_references(text, path) & set(paths) - STABLE if path.endswith(".js") else set()
             for path, text in texts.items()}
    renamed: dict[str, str] = {}
    pending = [path for path in paths if path not in STABLE]
    while pending:
        ready = [path for path in pending if named[path] <= renamed.keys()]
        if not ready:
            raise SystemExit(f"build_assets: these scripts name each other in a cycle: {', '.join(pending)}")
        for path in ready:
            text = _rewrite_script(texts[path], path, renamed) if path.endswith(".js") else texts[path]
            renamed[path] = addressed_name(path, text.encode())
            (site / renamed[path]).write_text(text, encoding="utf-8")
            (site / path).unlink()
            pending.remove(path)
    for path in STABLE & set(paths):
        (site / path).write_text(_rewrite_script(texts[path], path, renamed), encoding="utf-8")
    imports = {new: {target for specifier in STATIC_IMPORT.findall((site / new).read_text(encoding="utf-8"))
                     if (target := _resolve(posixpath.dirname(new), specifier))}
               for new in renamed.values() if new.endswith(".js")}
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        path = page.relative_to(site).as_posix()
        rewritten = _defer(_preload_imports(_rewrite_page(html, path, renamed), path, imports))
        if rewritten != html:
            page.write_text(rewritten, encoding="utf-8")
    return renamed


def _defer(html: str) -> str:
    """The page with `defer` on each script loaded from a file that would stop the parser (the theme's bundle, at
    the end of the body): it runs at the same point, once the page is parsed and before our scripts, which come
    after it and are deferred too; only the parser no longer waits for it, nor does the first paint."""
    def defer(tag: re.Match[str]) -> str:
        attributes = tag[1]
        if "src=" not in attributes or re.search(r"\b(?:defer|async)\b|\btype=", attributes):
            return tag[0]
        return f"<script{attributes.rstrip()} defer>"
    return SCRIPT_TAG.sub(defer, html)


def _preload_imports(html: str, page: str, imports: dict[str, set[str]]) -> str:
    """The page with a <link rel="modulepreload"> for each module that its module scripts import (at any depth),
    just before the first of them: the browser then fetches calculators.js and form-patterns.js together, instead
    of form-patterns.js only once it has read calculators.js. Fetched and parsed only, run when imported: no
    change in what runs, or when. (The worker's import() is left to the worker, which chooses when to fetch.)"""
    base = posixpath.dirname(page)
    scripts = []
    for tag in SCRIPT_TAG.finditer(html):
        module, source = re.search(r"\btype=[\"']module[\"']", tag[1]), re.search(r"\bsrc=[\"']([^\"']+)[\"']", tag[1])
        if module and source and (path := _resolve(base, source[1])) in imports:
            scripts.append((tag, source[1], path))
    if not scripts:
        return html
    needed: list[tuple[str, str]] = []  # (URL as the page writes it, site path)
    loaded = {path for _, _, path in scripts}
    pending = [(url, path) for _, url, path in scripts]
    while pending:
        url, path = pending.pop(0)
        for target in sorted(imports.get(path, ())):
            if target not in loaded:
                loaded.add(target)
                link = posixpath.join(posixpath.dirname(url), posixpath.relpath(target, posixpath.dirname(path)))
                needed.append((link, target))
                pending.append((link, target))
    links = "".join(f'<link rel="modulepreload" href="{link}">' for link, _ in needed)
    first = scripts[0][0].start()
    return html[:first] + links + html[first:] if links else html


def _addressed(site: Path, source: str) -> list[Path]:
    folder, name = posixpath.split(source)
    stem, suffix = posixpath.splitext(name)
    return sorted((site / folder).glob(f"{stem.removesuffix('.min')}.????????.min{suffix}")) if suffix else []


def built(site: Path, source: str) -> Path:
    """The built file of an own file (`assets/javascripts/pyodide-worker.js`): its content-addressed name."""
    (path,) = _addressed(site, source)
    return path


def present(site: Path, source: str) -> bool:
    """Whether the site has the file `source`, under its own name or named by its content."""
    return (site / source).is_file() or bool(_addressed(site, source))
