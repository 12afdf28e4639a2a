"""Helpers for the browser end-to-end tests (tests/test_browser.py): build and serve the site, run axe-core.

The browser is Debian's Chromium (/usr/bin/chromium, installed by scripts/setup.sh); a test tool's own
browser download does not work here. axe-core comes from node_modules (package.json devDependency) and is
injected into pages from disk, so it makes no request.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from playwright import sync_api

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from build_assets import ADDRESSED  # noqa: E402, F401  (for the tests: a content-addressed name)
from build_assets import built as built_asset  # noqa: E402, F401  (for the tests: an asset's content-addressed file)
from finish_site import header_rules  # noqa: E402  (the build writes _headers; one reader of its rules)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

# Missing tools fail the run (never a silent skip): scripts/setup.sh installs both.
assert CHROMIUM.is_file(), f"{CHROMIUM} is missing: run scripts/setup.sh (installs Debian's chromium)"
assert AXE.is_file(), f"{AXE} is missing: run scripts/setup.sh (npm ci)"

FIRST_RESULT_MS = 90_000  # Pyodide boots in a worker on every page load; the first result waits for it
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def build_site(site_dir: Path, root: Path = ROOT) -> None:
    """`mkdocs build --strict`: the whole site, with /runtime/ (Pyodide and wheels) and /dataset/latest/. With
    `root`, the site of that copy of the repository (its `calculators` imported ahead of the installed one)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if root != ROOT:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), env.get("PYTHONPATH")]))
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"),
                           "--site-dir", str(site_dir)], cwd=root, capture_output=True, text=True, timeout=900, env=env)
    assert done.returncode == 0, f"mkdocs build --strict failed:\n{done.stderr[-4000:]}"


_SHARED: dict[str, Path] = {}


def shared_site(tmp_path_factory) -> tuple[Path, float | None]:
    """The built site the browser test modules share (built once per run), and the seconds its build took (None
    if it was built already, or given as VOT_BROWSER_SITE=<dir> to iterate on the tests only)."""
    if os.environ.get("VOT_BROWSER_SITE"):
        return Path(os.environ["VOT_BROWSER_SITE"]), None
    if "site" in _SHARED:
        return _SHARED["site"], None
    site = tmp_path_factory.mktemp("browser") / "site"
    started = time.monotonic()
    build_site(site)
    _SHARED["site"] = site
    return site, time.monotonic() - started


class _SiteHandler(SimpleHTTPRequestHandler):
    """Serves the server's current site folder; adds its Cache-Control, and the `_headers` rules if it honours
    them (a header set by two rules gets both values, joined by a comma, as those hosts do)."""

    # Module scripts and workers need a JavaScript MIME type; WebAssembly streaming needs application/wasm.
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript", ".mjs": "text/javascript",
                      ".wasm": "application/wasm", ".json": "application/json"}

    def __init__(self, request, client_address, server):
        super().__init__(request, client_address, server, directory=str(server.site.directory))

    def send_head(self):
        """A path the site overrides: its given bytes, or 404 for None."""
        override = self.server.site.override
        path = urlsplit(self.path).path
        self.server.site.requested.append(path)
        self.server.site.targets.append(self.path)
        if path in self.server.site.stalled:  # accepted, never answered (until the server stops)
            self.server.site.released.wait()
            return None
        if path not in override:
            return super().send_head()
        if override[path] is None:
            self.send_error(404, "File not found")
            return None
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Length", str(len(override[path])))
        self.end_headers()
        return io.BytesIO(override[path])

    def end_headers(self):
        site = self.server.site
        extra: dict[str, list[str]] = {}
        if site.cache_control:
            extra["Cache-Control"] = [site.cache_control]
        if site.honour_headers:
            path = urlsplit(self.path).path
            for pattern, headers in header_rules(site.directory):
                if pattern.fullmatch(path):
                    for name, value in headers:
                        extra.setdefault(name, []).append(value)
        for name, values in extra.items():
            self.send_header(name, ", ".join(values))
        super().end_headers()

    def log_message(self, format, *args):  # noqa: A002  (the base class's name)
        pass


class Site:
    """What a test server serves: `directory` (publish another release at the same origin by changing it), with
    `cache_control` on every response if set, the `_headers` file's headers if `honour_headers`, and `override`:
    paths served with other bytes instead, or missing (None); `stalled`: paths whose requests are accepted and never
    answered. `requested` lists the path of every request it answered (a SharedWorker's requests included, which
    the browser's test tool does not see), and `targets` each request's target as the host received it, query
    string and all."""

    def __init__(self, directory: Path, cache_control: str | None = None, honour_headers: bool = False):
        self.directory, self.cache_control, self.honour_headers = Path(directory), cache_control, honour_headers
        self.override: dict[str, bytes | None] = {}
        self.stalled: set[str] = set()
        self.released = threading.Event()
        self.requested: list[str] = []
        self.targets: list[str] = []
        self.url = ""


@contextmanager
def launched_chromium():
    """Debian's chromium, headless, launched by Playwright with the project's flags; closed on exit."""
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@contextmanager
def chromium_profile(folder: Path, third_party_storage: bool):
    """A browser context of Debian's chromium on a profile (not incognito: Chromium blocks third-party storage in
    incognito contexts) in `folder`, with third-party cookies and storage allowed or blocked (Chromium's setting,
    `profile.cookie_controls_mode`: 0 allows them, 1 blocks them). Closed on exit."""
    (folder / "Default").mkdir(parents=True, exist_ok=True)
    (folder / "Default" / "Preferences").write_text(json.dumps({"profile": {
        "cookie_controls_mode": 0 if third_party_storage else 1, "block_third_party_cookies": not third_party_storage}}))
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(folder), executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True, locale="en-AU",
            timezone_id="Australia/Melbourne")
        try:
            yield context
        finally:
            context.close()


@contextmanager
def serve_site(site: Site):
    """Serves `site` at http://127.0.0.1:<ephemeral port> from a daemon thread; yields it, its `url` set."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SiteHandler)
    server.site = site
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    site.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield site
    finally:
        site.released.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@contextmanager
def serve(directory: Path, **options):
    """Serves `directory` (see Site for the options); yields the base URL."""
    with serve_site(Site(directory, **options)) as site:
        yield site.url


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def is_own(url: str, base: str) -> bool:
    """True for a URL on the site's own origin, or a data: or blob: URL (which never leave the browser)."""
    return url.startswith(("data:", "blob:")) or origin(url) == origin(base)


# Every page and frame reports a Content-Security-Policy violation as a console error, which the watches fail on.
CSP_LISTENER = """document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`Content-Security-Policy violation: ${event.effectiveDirective} blocked `
    + `${event.blockedURI || "inline code"} (${event.sourceFile || location.href}:${event.lineNumber})`);
});"""


class Watch:
    """Watches a browser context: every request (from pages, dedicated workers and service workers alike) and
    every error a page logs, Content-Security-Policy violations included. Requests that would leave the site's
    origin are recorded and aborted.

    The test tool sees neither a SharedWorker's requests nor its console. The calculators' worker, a SharedWorker
    in Chromium, forwards what it logs and any error it throws to its pages' consoles, which the watch sees; its
    requests are in the test server's log (`Site.requested`), and tests/test_browser.py runs the calculators
    with SharedWorker taken away, so that the same worker runs as a dedicated one, in the watch's sight."""

    def __init__(self, context, base_url: str):
        self.base_url = base_url
        self.requests: list[str] = []
        self.foreign: list[str] = []
        self.errors: list[str] = []
        context.add_init_script(CSP_LISTENER)
        context.on("request", self._request)
        context.on("page", self._page)
        context.route(lambda url: not is_own(url, base_url), lambda route: route.abort())

    def _request(self, request) -> None:
        self.requests.append(request.url)
        if not is_own(request.url, self.base_url):
            self.foreign.append(request.url)

    def _page(self, page) -> None:
        page.on("console", lambda message: self.errors.append(f"console.error: {message.text} ({message.location})")
                if message.type == "error" else None)
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))


def python_workers(browser, site_url: str) -> list[str]:
    """The SharedWorkers of the site running in the browser (the calculators' Python runs in one), by address."""
    session = browser.new_browser_cdp_session()
    try:
        targets = session.send("Target.getTargets")["targetInfos"]
    finally:
        session.detach()
    return [target["url"] for target in targets
            if target["type"] == "shared_worker" and origin(target["url"]) == origin(site_url)]


def address(page) -> str:
    """The page's (or frame's) address once the shown answer's is written: the calculators write it just after the
    answer shows, within 100 ms by a timer (calculators.js, ADDRESS_WITHIN_MS). A timer started later with a longer
    delay runs after it (HTML timers run in order of their deadlines), so this reads the address after the write."""
    return page.evaluate("() => new Promise((resolve) => setTimeout(() => resolve(location.href), 250))")


def leave(page, close: bool = False) -> None:
    """Leaves the page (closes it, or goes to about:blank) and waits until its site's SharedWorker has stopped, as
    it does when no page uses it: a page that comes while a Python runs shares it, so the next page of the site
    then starts Python as a new visit does."""
    site, browser = page.url, page.context.browser
    if close:
        page.close()
    else:
        page.goto("about:blank")
    deadline = time.monotonic() + 15
    while python_workers(browser, site):
        if time.monotonic() > deadline:
            raise AssertionError(f"the calculators' SharedWorker of {origin(site)} did not stop")
        time.sleep(0.05)


def axe_violations(page) -> list[dict]:
    """Runs axe-core (WCAG 2.0/2.1 A and AA, WCAG 2.2 AA) on the page as it is now; returns its violations."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))  # as the test tool's script: the page's policy allows no other
    return page.evaluate(
        """async (tags) => {
            // Let the page settle first: Material fades its header title in and out as the page scrolls (a
            // focused result or error summary scrolls it), and a half-faded title is not a real violation.
            await new Promise((resolve) => setTimeout(resolve, 250));
            await Promise.all(document.getAnimations()
                .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
                .map((animation) => animation.finished.catch(() => null)));
            const results = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
            return results.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                targets: v.nodes.slice(0, 5).map((node) => node.target.join(" ")),
                html: v.nodes.slice(0, 2).map((node) => node.html.slice(0, 300)),
                count: v.nodes.length,
            }));
        }""",
        AXE_TAGS,
    )


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} [{v['count']} node(s)]")
        lines.extend(f"    target: {target}" for target in v["targets"])
        lines.extend(f"    html: {html}" for html in v["html"])
    return "\n".join(lines)


# ---- filling in the forms as a person does: by labels -----------------------------------------------------

def date_group(scope, legend: str):
    """A GOV.UK date input: the group (fieldset) named by its legend, holding Day, Month, Year (and Time)."""
    return scope.get_by_role("group", name=legend)


def fill_date(scope, legend: str, day: str, month: str, year: str, time: str | None = None):
    """Types a date (and time) into the Day, Month, Year (and Time) fields of the group with that legend."""
    group = date_group(scope, legend)
    group.get_by_label("Day", exact=True).fill(day)
    group.get_by_label("Month", exact=True).fill(month)
    group.get_by_label("Year", exact=True).fill(year)
    if time is not None:
        group.get_by_label("Time", exact=True).fill(time)
    return group


def choose(scope, label: str, typed: str, option: str | None = None):
    """Types into the combobox with that label and picks the option named `option` exactly (or the first) with
    the keyboard."""
    box = scope.get_by_role("combobox", name=label)
    box.fill(typed)
    listbox = scope.get_by_role("listbox")
    options = listbox.get_by_role("option")
    wanted = options.first if option is None else listbox.get_by_role("option", name=option, exact=True)
    wanted.wait_for()
    # The first match is highlighted as you type (Enter takes it); otherwise arrow down to the one wanted.
    for _ in range(options.count()):
        if "autocomplete__option--focused" in (wanted.get_attribute("class") or ""):
            break
        box.page.keyboard.press("ArrowDown")
    box.page.keyboard.press("Enter")
    return box
