"""Lighthouse report: the mobile performance score of a calculator page on the built site, served as a static host
serves it (the browser benchmark's host, scripts/bench_browser.py: gzip, the site's `_headers`, 304s), in Debian's
Chromium. Prints each run's score and metrics and every audit that did not pass, with what it names. A report, not
a test: it asserts nothing.

Run: .venv/bin/python scripts/lighthouse.py [SITE_DIR] [--page calculators/penalty/] [--runs N]
(default: builds the site with scripts/build.sh into build/lighthouse-site; the penalty page; 3 runs)
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_browser import CHROMIUM_ARGS, Link, Server  # a sibling script: its host serves the site here too

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift",
           "speed-index")


def run(url: str, report: Path) -> dict:
    """One Lighthouse run (mobile, simulated throttling: its defaults) of the performance category."""
    subprocess.run([str(LIGHTHOUSE), url, "--only-categories=performance", "--output=json",
                    f"--output-path={report}", f"--chrome-flags={' '.join(CHROMIUM_ARGS)}", "--quiet"],
                   check=True, env=dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", "/usr/bin/chromium")))
    return json.loads(report.read_text(encoding="utf-8"))


def flagged(result: dict) -> list[dict]:
    """The audits the report shows under the performance category that did not pass (metrics aside, and the
    hidden ones, which repeat them), worst first."""
    ids = {ref["id"] for ref in result["categories"]["performance"]["auditRefs"]
           if ref.get("group") not in ("metrics", "hidden")}
    audits = [result["audits"][name] for name in ids]
    return sorted((audit for audit in audits if audit.get("score") is not None and audit["score"] < 0.9
                   and audit["scoreDisplayMode"] in ("binary", "numeric", "metricSavings")),
                  key=lambda audit: audit["score"])


def describe(audit: dict) -> list[str]:
    """An audit's title, figure and the URLs (or nodes) it names."""
    lines = [f"  {audit['title']}" + (f": {audit['displayValue']}" if audit.get("displayValue") else "")]
    for item in (audit.get("details") or {}).get("items", [])[:8]:
        url = item.get("url") or (item.get("node") or {}).get("snippet") or ""
        extra = ", ".join(f"{key} {item[key]:.0f}" for key in ("wastedMs", "wastedBytes", "cacheLifetimeMs", "totalBytes")
                          if isinstance(item.get(key), (int, float)))
        if url:
            lines.append(f"      {url}" + (f" ({extra})" if extra else ""))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, help="a built site (default: build it into build/lighthouse-site)")
    parser.add_argument("--page", default="calculators/penalty/", help="the page, from the site's root")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also keep the last run's full report here")
    arguments = parser.parse_args()
    site_dir = arguments.site.resolve() if arguments.site else ROOT / "build" / "lighthouse-site"
    if not arguments.site:
        subprocess.run([str(ROOT / "scripts" / "build.sh"), "mkdocs", str(site_dir)], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    server = Server(site_dir, {}, Link())
    url = f"{server.url}/{arguments.page}"
    scores, results = [], []
    with tempfile.TemporaryDirectory() as scratch:
        for number in range(arguments.runs):
            result = run(url, Path(scratch) / f"run{number}.json")
            results.append(result)
            scores.append(round(result["categories"]["performance"]["score"] * 100))
            metrics = ", ".join(f"{result['audits'][name]['title']} {result['audits'][name]['displayValue']}"
                                for name in METRICS)
            print(f"run {number + 1}: performance {scores[-1]} ({metrics})", flush=True)
        if arguments.json:
            arguments.json.write_text(json.dumps(results[-1], indent=1), encoding="utf-8")
    server.shutdown()
    print(f"\n{url}: mobile performance {statistics.median(scores):.0f} (median of {len(scores)}: {scores})")
    print("\nflagged audits (last run):")
    for audit in flagged(results[-1]):
        print("\n".join(describe(audit)))


if __name__ == "__main__":
    sys.exit(main())
