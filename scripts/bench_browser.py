"""Browser benchmark: the built site on localhost in headless Chromium (Playwright), one run, these figures:

- bare boot: a bare Pyodide core booting on an empty page (the floor), and the bytes it transfers;
- first result, cold cache: navigation to a calculator page to its first result, and bytes transferred;
- first result, warm cache: the same again in the same browser context, once the service worker is in control
  and the calculator has saved its Python snapshot (median of WARM_RUNS visits, with the range);
- recalculation p95: time from submitting the form to the new result, over 60 recalculations.

Times are read in the page: milliseconds from the start of navigation (performance.now()) to the moment Pyodide
has booted, or the first result is shown (a MutationObserver installed before the page's own scripts).

Run: .venv/bin/python scripts/bench_browser.py [SITE_DIR]   (default: builds the site into build/bench-site)
"""

from __future__ import annotations

import functools
import http.server
import statistics
import subprocess
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
BARE_PAGE = """<!doctype html><html lang="en"><title>bare</title><script type="module">
const { loadPyodide } = await import("/runtime/pyodide.mjs");
const pyodide = await loadPyodide({ indexURL: "/runtime/" });
pyodide.runPython("1 + 1");
window.bootMs = performance.now();
</script></html>"""
RESULT_OBSERVER = """new MutationObserver((changes, observer) => {
  if (document.querySelector(".vot-result:not([hidden])")) {
    window.firstResultMs = performance.now();
    observer.disconnect();
  }
}).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["hidden"] });"""
SNAPSHOT_SAVED = "caches.open('vot-python-snapshot').then((cache) => cache.keys()).then((keys) => keys.length > 0)"
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


class CountingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site quietly, adding the bytes of every response body to the server's `bytes_sent`."""

    def log_message(self, *args) -> None:
        pass

    def copyfile(self, source, outputfile) -> None:
        data = source.read()
        outputfile.write(data)
        with self.server.lock:
            self.server.bytes_sent += len(data)


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(CountingHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.bytes_sent, server.lock = 0, threading.Lock()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def first_result(context, server, url: str) -> tuple[float, int]:
    """Seconds from navigation to the first result, and the bytes the server sent meanwhile."""
    page = context.new_page()
    page.add_init_script(RESULT_OBSERVER)
    server.bytes_sent = 0
    page.goto(url, wait_until="commit")
    page.wait_for_function("window.firstResultMs !== undefined", timeout=120_000)
    elapsed, sent = page.evaluate("window.firstResultMs") / 1000, server.bytes_sent
    page.close()
    return elapsed, sent


def main() -> None:
    if len(sys.argv) > 1:
        site = Path(sys.argv[1]).resolve()
    else:
        site = ROOT / "build" / "bench-site"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)], cwd=ROOT, check=True,
                       capture_output=True)
    server, origin = serve(site)
    calculator = f"{origin}/calculators/penalty/?units=6&on=2024-09-01"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)

        context = browser.new_context()
        page = context.new_page()
        page.route(f"{origin}/__bare__.html", lambda route: route.fulfill(body=BARE_PAGE, content_type="text/html"))
        server.bytes_sent = 0
        page.goto(f"{origin}/__bare__.html", wait_until="commit")
        page.wait_for_function("window.bootMs !== undefined", timeout=120_000)
        bare, bare_bytes = page.evaluate("window.bootMs") / 1000, server.bytes_sent
        context.close()

        context = browser.new_context()
        cold, cold_bytes = first_result(context, server, calculator)
        page = context.new_page()  # let the service worker finish installing, as a reader's browser would
        page.goto(f"{origin}/")
        page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=120_000)
        page.wait_for_function(SNAPSHOT_SAVED, timeout=120_000)
        page.close()
        warm_runs = sorted(first_result(context, server, calculator)[0] for _ in range(WARM_RUNS))
        warm = statistics.median(warm_runs)
        page = context.new_page()
        page.goto(calculator)
        page.wait_for_selector(".vot-result:not([hidden])", timeout=120_000)
        times = sorted(page.evaluate(RECALCULATE, 60))
        context.close()
        browser.close()
    server.shutdown()
    p95 = times[int(0.95 * len(times)) - 1]
    print(f"bare Pyodide boot:            {bare * 1000:7.0f} ms, {bare_bytes / 1e6:5.2f} MB")
    print(f"first result, cold cache:     {cold * 1000:7.0f} ms, {cold_bytes / 1e6:5.2f} MB "
          f"({cold / bare:.2f}x the bare boot, {cold_bytes / bare_bytes:.2f}x its bytes; targets 1.5x and 1.4x)")
    print(f"first result, warm cache:     {warm * 1000:7.0f} ms median of {WARM_RUNS}, "
          f"{warm_runs[0] * 1000:.0f}-{warm_runs[-1] * 1000:.0f} ms (target under 1500 ms)")
    print(f"recalculation:                p95 {p95:.1f} ms, median {statistics.median(times):.1f} ms over "
          f"{len(times)} (target p95 under 50 ms)")


if __name__ == "__main__":
    main()
