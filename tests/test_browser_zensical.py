"""The site built by Zensical (scripts/build.sh zensical), Material for MkDocs' successor: a smoke set in
Debian's Chromium. Every calculator computes from a permalink, the dataset downloads, an embed works, nothing is
requested from another origin and no page breaks its Content-Security-Policy."""

from __future__ import annotations

import subprocess
import urllib.request

import pytest
from playwright import sync_api

from calculators import dataset

from browser_support import FIRST_RESULT_MS, Watch, built_asset, launched_chromium, serve, shared_site
from conftest import ROOT

expect = sync_api.expect

# Each permalink and what its answer must contain, worked by hand (the same cases as the MkDocs build's tests).
PERMALINKS = [
    ("penalty", "?units=6&on=2024-09-01", "$1,186"),  # 6 × $197.59 = $1,185.54 (2024-25)
    ("deadline", "?from=2025-04-11&days=7", "22 April 2025"),  # day 7 is Good Friday; then the Easter weekend
    ("notify", "?trigger=treatment-order-made&at=2025-04-05T10:00", "6 April 2025"),  # 24 hours, clocks go back
    ("obligations", "?event=change-to-services&on=2025-04-01", "29 April 2025"),  # reg 35(1): 28 days
    ("retention", "?completed=2010-06-30&born=1985-01-01", "1 July 2035"),  # 25 years after completion
    # Not a prescribed information sharing entity: the scheme does not let it share (Guidelines, Chapter 1).
    ("check", "?checklist=ciss-sharing&answer=discloser-prescribed%3Dno", "cannot share this"),
]
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    site = tmp_path_factory.mktemp("zensical") / "site"
    done = subprocess.run([str(ROOT / "scripts" / "build.sh"), "zensical", str(site)], cwd=ROOT, capture_output=True,
                          text=True, timeout=900)
    assert done.returncode == 0, f"scripts/build.sh zensical failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return site


@pytest.fixture(scope="module")
def base_url(site):
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with launched_chromium() as chromium:
        yield chromium


@pytest.fixture
def context(browser, base_url):
    context = browser.new_context(base_url=base_url, locale="en-AU", timezone_id="Australia/Melbourne")
    context.add_init_script(CSP_LISTENER)
    watch = Watch(context, base_url)
    yield context
    context.close()
    assert not watch.foreign, "requests went to another origin:\n" + "\n".join(watch.foreign)


def _no_csp_violation(page) -> None:
    assert page.evaluate("() => window.__cspViolations") == []


@pytest.mark.parametrize(("calculator", "query", "answer"), PERMALINKS, ids=[p[0] for p in PERMALINKS])
def test_every_calculator_computes_from_a_permalink(context, calculator, query, answer):
    page = context.new_page()
    page.goto(f"/calculators/{calculator}/{query}")
    result = page.locator(f'.vot-calculator[data-command="{calculator}"] .vot-result')
    expect(result).to_be_visible(timeout=FIRST_RESULT_MS)
    expect(result).to_contain_text(answer)
    _no_csp_violation(page)


def test_an_embed_works(context):
    page = context.new_page()
    page.goto("/embed/penalty/?units=6&on=2024-09-01")
    expect(page.locator('.vot-calculator[data-command="penalty"] .vot-result')).to_contain_text("$1,186",
                                                                                              timeout=FIRST_RESULT_MS)
    _no_csp_violation(page)


def test_the_dataset_downloads(base_url):
    version = dataset.RELEASE_VERSION
    for path in ("latest/datapackage.json", f"latest/dataset-{version}.zip", f"{version}/offences.json",
                 "latest/csv/offences.csv", f"{version}/changes.json"):
        with urllib.request.urlopen(f"{base_url}/dataset/{path}") as response:
            assert response.status == 200 and response.read(), path


def test_pages_without_a_calculator_load_cleanly(context):
    for path in ("/", "/guides/counting-time/", "/dataset/", "/dataset/changes/", "/developers/"):
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
        page.goto(path)
        expect(page.locator("footer")).to_contain_text(f"Dataset {dataset.RELEASE_VERSION}")
        _no_csp_violation(page)
        assert errors == [], f"{path}: {errors}"
        page.close()


def test_both_generators_serve_the_same_scripts_and_styles(site, tmp_path_factory):
    """Our scripts and stylesheets are built by the project's own step, whichever generator renders the pages: the
    same minified files under the same content-addressed names."""
    mkdocs_site, _ = shared_site(tmp_path_factory)
    sources = [f"{folder}/{path.name}" for folder in ("assets/javascripts", "assets/stylesheets")
               for path in (ROOT / "docs" / folder).iterdir() if path.name != "embed-resize.js"]
    sources += ["assets/vendor/accessible-autocomplete/accessible-autocomplete.min.js",
                "assets/vendor/accessible-autocomplete/accessible-autocomplete.min.css"]
    for source in sources:
        ours, theirs = built_asset(site, source), built_asset(mkdocs_site, source)
        assert ours.relative_to(site) == theirs.relative_to(mkdocs_site), source
        assert ours.read_bytes() == theirs.read_bytes(), source
    resize = "assets/javascripts/embed-resize.js"
    assert (site / resize).read_bytes() == (mkdocs_site / resize).read_bytes()
