"""Browser benchmark: the built site in headless Chromium (Playwright), served as a static host serves it, on a
fast network and on a phone-like one. Prints figures; asserts nothing.

The server compresses text (HTML, scripts, styles, JSON, WebAssembly) with gzip as static hosts do, leaves zip
files (the wheels, the standard library) as they are, applies the site's `_headers` (as Netlify and Cloudflare
Pages do) and answers conditional requests. The phone profile shapes every response at the server: 100 ms before
the first byte and one 10 Mbit/s link shared by all responses in flight. (Chromium's own network emulation, CDP
`Network.emulateNetworkConditions`, does not reach a SharedWorker's requests: measured with Chromium 156.)

Each figure is a ratio to a reference measured in the same run, so the machine's speed (shared, and drifting)
cancels out. A round visits, each in a new browser context (an empty cache, as a first-time reader):

- a bare Pyodide core booting on an empty page (the floor), and its bytes;
- a calculator page, to its first result (cold), and the bytes on the wire until then;
- a course page on another origin (a second port) with one embedded calculator, and one with five (five
  calculators, five scenarios), to every embedded result.

Rounds alternate these visits and the figures are medians over the rounds (times with their range). Then, on
the fast network only: the first result with a warm cache (the service worker in control and the Python snapshot
saved; median of WARM_RUNS visits, each a Python started afresh) and recalculation (submit to new result, 60 times
on a settled page, p95).

Warm visits are made in one tab, the site's page left for about:blank between them (a reader coming back to the
site). The same visits in a new tab each are printed beside them: in headless Chromium 156 every new tab also
starts the browser's own omnibox renderer (chrome://omnibox-popup.top-chrome), which took about 0.8 s of CPU
during each visit in a trace (measured Dec 2026), on a machine with 2 CPUs; that is the browser's cost, not the
site's.

Times are read in the pages: from the start of navigation (performance.timeOrigin) to the moment Pyodide has
booted, or a result is shown (a MutationObserver installed before the page's own scripts, in every frame). Bytes
are the response bodies (compressed) the server finished sending by then.

Run: .venv/bin/python scripts/bench_browser.py [SITE_DIR] [--rounds N] [--profiles fast,phone]
(default: builds the site into build/bench-site; 5 rounds; both profiles)
"""

from __future__ import annotations

import argparse
import email.utils
import gzip
import json
import mimetypes
import statistics
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from finish_site import header_rules  # a sibling script: the build writes _headers, one reader of its rules
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
PROFILES = {"fast": None, "phone": {"latency": 0.100, "bytes_per_second": 10e6 / 8}}
COMPRESSED = {".html", ".js", ".mjs", ".css", ".json", ".wasm", ".svg", ".xml", ".txt", ".map", ".ics", ".md"}
TYPES = {".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".json": "application/json",
         ".whl": "application/zip", ".zip": "application/zip"}
CHUNK = 16 * 1024
BARE_PAGE = """<!doctype html><html lang="en"><title>bare</title><script type="module">
const { loadPyodide } = await import("/runtime/CORE/pyodide.mjs");
const pyodide = await loadPyodide({ indexURL: "/runtime/CORE/" });
pyodide.runPython("1 + 1");
window.doneAt = performance.timeOrigin + performance.now();
</script></html>"""
# In every page and frame: when a calculator's answer is first shown (an absolute time, comparable across frames).
RESULT_OBSERVER = """new MutationObserver((changes, observer) => {
  if (document.querySelector(".vot-result:not([hidden])")) {
    window.doneAt = performance.timeOrigin + performance.now();
    observer.disconnect();
  }
}).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["hidden"] });"""
# The embedded scenarios: one per calculator with a form (the checklist asks its questions one by one).
EMBEDS = ["penalty/?units=6&on=2024-09-01", "deadline/?from=2025-04-11&days=7",
          "notify/?trigger=treatment-order-made&at=2025-04-05T10:00",
          "obligations/?event=change-to-services&on=2025-04-01",
          "retention/?completed=2001-03-01&born=1990-05-02"]
COURSE_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Course</title></head><body>
<h1>Week 3</h1>
{frames}
<script src="{site}/assets/javascripts/embed-resize.js" async></script>
</body></html>"""
FRAME = '<iframe src="{site}/embed/{scenario}" title="Scenario {n}" style="width:100%;border:0;min-height:480px"></iframe>'
SNAPSHOT_SAVED = "caches.open('vot-python-snapshot').then((cache) => cache.keys()).then((keys) => keys.length === 2)"
WARM_RUNS = 5
RECALCULATE = """async (count) => {
  const input = document.querySelector("#units"), form = document.querySelector(".vot-form");
  const figure = () => document.querySelector(".vot-figure")?.textContent;
  const times = [];
  for (let i = 1; i <= count; i++) {
    const before = figure();
    input.value = String(6 + i);
    const started = performance.now();
    form.requestSubmit();
    while (figure() === before) await new Promise((resolve) => setTimeout(resolve, 0));
    times.push(performance.now() - started);
  }
  return times;
}"""


class Link:
    """The network every response goes through: nothing (fast), or a latency before the first byte and one
    link's bandwidth shared, chunk by chunk in order of arrival, by all responses in flight (phone)."""

    def __init__(self) -> None:
        self.profile: dict | None = None
        self.lock = threading.Lock()
        self.free_at = 0.0  # when the link has sent everything scheduled so far

    def wait_first_byte(self) -> None:
        if self.profile:
            time.sleep(self.profile["latency"])

    def send(self, write, data: bytes) -> None:
        if not self.profile:
            write(data)
            return
        for start in range(0, len(data), CHUNK):
            chunk = data[start:start + CHUNK]
            with self.lock:
                self.free_at = max(self.free_at, time.monotonic()) + len(chunk) / self.profile["bytes_per_second"]
                due = self.free_at
            time.sleep(max(0.0, due - time.monotonic()))
            write(chunk)


class Handler(BaseHTTPRequestHandler):
    """A static host: gzip for text, the `_headers` rules, Last-Modified and 304s, keep-alive; every response
    through the server's link, and the time and size of every body sent logged in `server.sent`."""

    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:
        pass

    def do_HEAD(self) -> None:
        self.respond(body=False)

    def do_GET(self) -> None:
        self.respond(body=True)

    def respond(self, body: bool) -> None:
        server = self.server
        path = urlsplit(self.path).path
        found = server.lookup(path)
        server.link.wait_first_byte()
        if found is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        data, suffix, modified = found
        if modified and self.headers.get("If-Modified-Since") == email.utils.formatdate(modified, usegmt=True):
            self.send_response(304)
            self.end_headers()
            return
        encoding = suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "")
        if encoding:
            data = server.gzipped(path, data)
        self.send_response(200)
        self.send_header("Content-Type", TYPES.get(suffix) or mimetypes.guess_type(f"x{suffix}")[0]
                         or "application/octet-stream")
        self.send_header("Content-Length", str(len(data)))
        if encoding:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        if modified:
            self.send_header("Last-Modified", email.utils.formatdate(modified, usegmt=True))
        for name, value in server.headers_for(path):
            self.send_header(name, value)
        self.end_headers()
        if body:
            server.link.send(self.wfile.write, data)
            with server.log_lock:
                server.sent.append((time.time(), len(data)))


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, site: Path | None, pages: dict[str, str], link: Link):
        super().__init__(("127.0.0.1", 0), Handler)
        self.site, self.pages, self.link = site, pages, link
        self.rules = header_rules(site) if site and (site / "_headers").is_file() else []
        self.sent: list[tuple[float, int]] = []
        self.log_lock = threading.Lock()
        self.compressed: dict[str, bytes] = {}
        self.url = f"http://127.0.0.1:{self.server_address[1]}"
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def handle_error(self, request, client_address) -> None:
        pass  # a browser closing a kept-alive connection, as contexts close

    def lookup(self, path: str) -> tuple[bytes, str, float | None] | None:
        """The bytes at `path`, its suffix and its modification time: a generated page, or a file of the site."""
        if path in self.pages:
            return self.pages[path].encode(), ".html", None
        if self.site is None:
            return None
        file = (self.site / path.lstrip("/")).resolve()
        if file.is_dir():
            file = file / "index.html"
        if not file.is_relative_to(self.site) or not file.is_file():
            return None
        return file.read_bytes(), file.suffix, file.stat().st_mtime

    def gzipped(self, path: str, data: bytes) -> bytes:
        if path not in self.compressed:
            self.compressed[path] = gzip.compress(data, compresslevel=6, mtime=0)
        return self.compressed[path]

    def headers_for(self, path: str) -> list[tuple[str, str]]:
        return [header for pattern, headers in self.rules if pattern.fullmatch(path) for header in headers]

    def bytes_until(self, instant: float) -> int:
        with self.log_lock:
            return sum(size for when, size in self.sent if when <= instant)

    def forget(self) -> None:
        with self.log_lock:
            self.sent.clear()


def poll(page, expression: str, what: str, timeout: float = 180.0):
    """Evaluates `expression` in the page until it is truthy; returns it. (Not `wait_for_function`, which the
    pages' Content-Security-Policy refuses: it evaluates a string.)"""
    deadline = time.monotonic() + timeout
    while not (value := page.evaluate(expression)):
        if time.monotonic() > deadline:
            raise TimeoutError(f"{page.url}: timed out waiting for {what}")
        time.sleep(0.05)
    return value


def visit(browser, server: Server, url: str, frames: int = 0) -> tuple[float, int]:
    """A visit in a new, empty context: seconds from navigation until the page (or each of its `frames`) has
    shown its result, and the bytes the site's server sent until then."""
    context = browser.new_context()
    context.add_init_script(RESULT_OBSERVER)
    page = context.new_page()
    server.forget()
    page.goto(url, wait_until="load" if frames else "commit")  # (Playwright may miss frames attached before "load")
    if frames:
        deadline = time.monotonic() + 180

        def finished() -> list[float] | None:
            times = [frame.evaluate("window.doneAt") for frame in page.frames if frame != page.main_frame]
            return times if len(times) == frames and None not in times else None
        while (times := finished()) is None:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url}: not every frame showed its result")
            time.sleep(0.05)
        done_at = max(times)
    else:
        done_at = poll(page, "window.doneAt", "the result")
    origin = page.evaluate("performance.timeOrigin")
    context.close()
    return (done_at - origin) / 1000, server.bytes_until(done_at / 1000)


def median(values: list[float]) -> float:
    return statistics.median(values)


def spread(values: list[float]) -> str:
    return f"{min(values):.2f}-{max(values):.2f}"


def rounds(browser, site: Server, course: Server, count: int) -> dict[str, list[tuple[float, int]]]:
    """`count` rounds, each visiting the bare boot, the calculator and the two course pages in turn."""
    visits = {
        "bare": lambda: visit(browser, site, f"{site.url}/__bare__.html"),
        "cold": lambda: visit(browser, site, f"{site.url}/calculators/{EMBEDS[0]}"),
        "one embed": lambda: visit(browser, site, f"{course.url}/one.html", frames=1),
        "five embeds": lambda: visit(browser, site, f"{course.url}/five.html", frames=5),
    }
    results: dict[str, list[tuple[float, int]]] = {name: [] for name in visits}
    for _ in range(count):
        for name, run in visits.items():
            results[name].append(run())
    return results


def report(profile: str, results: dict[str, list[tuple[float, int]]]) -> None:
    seconds = {name: [s for s, _ in runs] for name, runs in results.items()}
    sizes = {name: [b for _, b in runs] for name, runs in results.items()}
    per_round = lambda a, b: [x / y for x, y in zip(seconds[a], seconds[b], strict=True)]  # noqa: E731
    count = len(seconds["bare"])
    print(f"\n{profile} network: medians of {count} rounds (each visit in a new browser context)")
    for name in results:
        print(f"  {name + ':':28} {median(seconds[name]):6.2f} s ({spread(seconds[name])}), "
              f"{median(sizes[name]) / 1e6:5.2f} MB")
    cold_ratio, embeds_ratio = per_round("cold", "bare"), per_round("five embeds", "one embed")
    print(f"  cold first result / bare boot:   {median(cold_ratio):.2f}x ({spread(cold_ratio)}) (target 1.5x)")
    print(f"  bytes to first result / bare:    {median(sizes['cold']) / median(sizes['bare']):.2f}x (target 1.1x)")
    print(f"  five embeds / one embed:         {median(embeds_ratio):.2f}x ({spread(embeds_ratio)}) (target 1.5x)")


def warm_visit(page, calculator: str) -> tuple[float, str]:
    """Seconds from navigation to the result, and which Python answered (a worker's id, new for each start)."""
    page.goto(calculator, wait_until="commit")
    seconds = (poll(page, "window.doneAt", "the result") - page.evaluate("performance.timeOrigin")) / 1000
    return seconds, page.evaluate("document.documentElement.dataset.votWorker")


def warm_starts(context, calculator: str, new_tabs: bool) -> list[float]:
    """WARM_RUNS first results, each from a Python started afresh (from the saved snapshot): the site's page is
    left (for about:blank, in the same tab) or its tab closed before each visit, so that its Python stops. A visit
    that found the previous Python still running is not counted, and is made again."""
    times: list[float] = []
    workers: set[str] = set()
    tab = None if new_tabs else context.new_page()
    while len(times) < WARM_RUNS:
        page = context.new_page() if new_tabs else tab
        if not new_tabs:
            page.goto("about:blank")
        page.wait_for_timeout(500)  # the previous page's Python stopping
        seconds, worker = warm_visit(page, calculator)
        if worker not in workers:
            times.append(seconds)
        workers.add(worker)
        if new_tabs:
            page.close()
    if tab:
        tab.close()
    return times


def warm_and_recalculation(browser, site: Server) -> None:
    """The first result once the service worker is in control and the snapshot saved, then recalculation."""
    calculator = f"{site.url}/calculators/{EMBEDS[0]}"
    context = browser.new_context()
    context.add_init_script(RESULT_OBSERVER)
    page = context.new_page()
    page.goto(calculator)
    page.wait_for_selector(".vot-result:not([hidden])", timeout=180_000)
    poll(page, "navigator.serviceWorker.controller !== null", "the service worker")
    poll(page, SNAPSHOT_SAVED, "the snapshot to be saved")
    page.close()
    warm = warm_starts(context, calculator, new_tabs=False)
    in_new_tabs = warm_starts(context, calculator, new_tabs=True)
    page = context.new_page()
    page.goto(calculator)
    page.wait_for_selector(".vot-result:not([hidden])", timeout=120_000)
    page.wait_for_timeout(2000)  # a reader recalculates after reading the first result
    times = sorted(page.evaluate(RECALCULATE, 60))
    context.close()
    p95 = times[int(0.95 * len(times)) - 1]
    print(f"\nfast network, warm cache: first result {median(warm) * 1000:.0f} ms median of {WARM_RUNS} "
          f"({min(warm) * 1000:.0f}-{max(warm) * 1000:.0f} ms) (target under 1500 ms)")
    print(f"  in a new tab each time: {median(in_new_tabs) * 1000:.0f} ms "
          f"({min(in_new_tabs) * 1000:.0f}-{max(in_new_tabs) * 1000:.0f} ms), which adds the browser's own work "
          "for a new tab")
    print(f"recalculation: p95 {p95:.1f} ms, median {median(times):.1f} ms over {len(times)} (target p95 under 50 ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, help="a built site (default: build it into build/bench-site)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--profiles", default="fast,phone", help="fast, phone or both (default)")
    arguments = parser.parse_args()
    if arguments.site:
        site_dir = arguments.site.resolve()
    else:
        site_dir = ROOT / "build" / "bench-site"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site_dir)], cwd=ROOT, check=True,
                       capture_output=True)
    link = Link()
    core = json.loads((site_dir / "runtime" / "manifest.json").read_text())["core"].rstrip("/")
    # The bare boot is Pyodide as it comes: it fetches its lock file, which the site's runtime leaves out.
    lock = (ROOT / "node_modules" / "pyodide" / "pyodide-lock.json").read_text()
    site = Server(site_dir, {"/__bare__.html": BARE_PAGE.replace("CORE", core),
                             f"/runtime/{core}/pyodide-lock.json": lock}, link)
    frames = [FRAME.format(site=site.url, scenario=scenario, n=n) for n, scenario in enumerate(EMBEDS, 1)]
    course = Server(None, {"/one.html": COURSE_PAGE.format(frames=frames[0], site=site.url),
                           "/five.html": COURSE_PAGE.format(frames="\n".join(frames), site=site.url)}, link)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for profile in arguments.profiles.split(","):
            link.profile = PROFILES[profile]
            report(profile, rounds(browser, site, course, arguments.rounds))
        link.profile = None
        warm_and_recalculation(browser, site)
        browser.close()
    site.shutdown()
    course.shutdown()


if __name__ == "__main__":
    main()
