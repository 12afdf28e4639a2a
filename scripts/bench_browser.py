"""Browser benchmark: the built site on localhost in headless Chromium (Playwright), one run, these figures:

- bare boot: a bare Pyodide core booting on an empty page (the floor), and the bytes it transfers;
- first result, cold cache: navigation to a calculator page to its first result, and bytes transferred;
  both are the medians of ROUNDS rounds, each a bare boot then a cold visit (new browser contexts), because
  this shared machine's speed drifts: the ratio is also given per round;
- first result, warm cache: the same again in the same browser context, once the service worker is in control
  and the calculator has saved its Python snapshot (median of WARM_RUNS visits, with the range);
- recalculation p95: time from submitting the form to the new result, over 60 recalculations on a warm
  calculator page once it has settled (first result shown, network idle).

Times are read in the page: milliseconds from the start of navigation (performance.now()) to the moment Pyodide
has booted, or the first result is shown (a MutationObserver installed before the page's own scripts). Bytes
are the response bodies the server finished sending by then.

Run: .venv/bin/python scripts/bench_browser.py [SITE_DIR]   (default: builds the site into build/bench-site)
"""

from __future__ import annotations

import functools
import http.server
import json
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
BARE_PAGE = """<!doctype html><html lang="en"><title>bare</title><script type="module">
const { loadPyodide } = await import("/runtime/CORE/pyodide.mjs");
const pyodide = await loadPyodide({ indexURL: "/runtime/CORE/" });
pyodide.runPython("1 + 1");
window.bootMs = performance.now();
</script></html>"""
RESULT_OBSERVER = """new MutationObserver((changes, observer) => {
  if (document.querySelector(".vot-result:not([hidden])")) {
    window.firstResultMs = performance.now();
    observer.disconnect();
  }
}).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["hidden"] });"""
SNAPSHOT_SAVED = "caches.open('vot-python-snapshot').then((cache) => cache.keys()).then((keys) => keys.length === 2)"
WARM_RUNS = 5
ROUNDS = 5
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


class CountingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site quietly, logging when each response body was sent and its size in `server.sent`."""

    def log_message(self, *args) -> None:
        pass

    def copyfile(self, source, outputfile) -> None:
        data = source.read()
        outputfile.write(data)
        with self.server.lock:
            self.server.sent.append((time.time(), len(data)))


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(CountingHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.sent, server.lock = [], threading.Lock()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def timed_visit(context, server, url: str, done: str, *, bare: str = "") -> tuple[float, int]:
    """Seconds from navigation until `done` (a window property holding performance.now()) is set, and the
    bytes the server sent until then."""
    page = context.new_page()
    if bare:
        page.route(url, lambda route: route.fulfill(body=bare, content_type="text/html"))
    else:
        page.add_init_script(RESULT_OBSERVER)
    with server.lock:
        server.sent.clear()
    page.goto(url, wait_until="commit")
    page.wait_for_function(f"window.{done} !== undefined", timeout=120_000)
    milliseconds, origin = page.evaluate(f"[window.{done}, performance.timeOrigin]")
    with server.lock:
        sent = sum(size for when, size in server.sent if when * 1000 <= origin + milliseconds)
    page.close()
    return milliseconds / 1000, sent


def main() -> None:
    if len(sys.argv) > 1:
        site = Path(sys.argv[1]).resolve()
    else:
        site = ROOT / "build" / "bench-site"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)], cwd=ROOT, check=True,
                       capture_output=True)
    server, origin = serve(site)
    core = json.loads((site / "runtime" / "manifest.json").read_text())["core"].rstrip("/")
    bare_page = BARE_PAGE.replace("CORE", core)
    calculator = f"{origin}/calculators/penalty/?units=6&on=2024-09-01"
    bares, colds = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for _ in range(ROUNDS):  # each round a bare boot then a cold visit, each in a new (empty) context
            for runs, url, done, bare in ((bares, f"{origin}/__bare__.html", "bootMs", bare_page),
                                          (colds, calculator, "firstResultMs", "")):
                context = browser.new_context()
                runs.append(timed_visit(context, server, url, done, bare=bare))
                if bare or len(colds) < ROUNDS:
                    context.close()

        page = context.new_page()  # the last cold visit's context: the service worker installed, as a reader's would
        page.goto(f"{origin}/")
        page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=120_000)
        page.wait_for_function(SNAPSHOT_SAVED, timeout=120_000)
        page.close()
        warm_runs = sorted(timed_visit(context, server, calculator, "firstResultMs")[0] for _ in range(WARM_RUNS))
        page = context.new_page()
        page.goto(calculator)
        page.wait_for_selector(".vot-result:not([hidden])", timeout=120_000)
        page.wait_for_load_state("networkidle")  # a reader recalculates after reading the first result
        times = sorted(page.evaluate(RECALCULATE, 60))
        context.close()
        browser.close()
    server.shutdown()
    bare, bare_bytes = (statistics.median(values) for values in zip(*bares, strict=True))
    cold, cold_bytes = (statistics.median(values) for values in zip(*colds, strict=True))
    ratios = sorted(c / b for (b, _), (c, _) in zip(bares, colds, strict=True))
    warm = statistics.median(warm_runs)
    p95 = times[int(0.95 * len(times)) - 1]
    spread = lambda runs: f"{min(r[0] for r in runs) * 1000:.0f}-{max(r[0] for r in runs) * 1000:.0f} ms"  # noqa: E731
    print(f"Medians of {ROUNDS} rounds (a bare boot, then a cold visit, each in a new browser context):")
    print(f"bare Pyodide boot:            {bare * 1000:7.0f} ms ({spread(bares)}), {bare_bytes / 1e6:5.2f} MB")
    print(f"first result, cold cache:     {cold * 1000:7.0f} ms ({spread(colds)}), {cold_bytes / 1e6:5.2f} MB")
    print(f"  cold / bare, per round:     median {statistics.median(ratios):.2f}x ({ratios[0]:.2f}-{ratios[-1]:.2f}); "
          f"bytes {cold_bytes / bare_bytes:.2f}x (targets 1.5x and 1.4x)")
    print(f"first result, warm cache:     {warm * 1000:7.0f} ms median of {WARM_RUNS}, "
          f"{warm_runs[0] * 1000:.0f}-{warm_runs[-1] * 1000:.0f} ms (target under 1500 ms)")
    print(f"recalculation:                p95 {p95:.1f} ms, median {statistics.median(times):.1f} ms over "
          f"{len(times)} (target p95 under 50 ms)")


if __name__ == "__main__":
    main()
