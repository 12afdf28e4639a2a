"""Browser end-to-end: a runtime readers can trust (issue 12), in Debian's Chromium driven by Playwright.

- a new release answers from the first visit after it, whatever the HTTP cache lifetimes, and its service
  worker removes the old release's caches;
- a damaged Python snapshot never answers: its digest (kept apart) or the self-test (answers computed by
  CPython when the release was built) refuses it, and Python boots afresh;
- a missing or damaged runtime file is named in the status line within seconds, and a damaged cached copy is
  replaced before use;
- every page type runs under its Content-Security-Policy (the <meta> tag and, from a host honouring it, the
  `_headers` file) with no violation, and only /embed/ pages may be framed by another site;
- nothing a reader types is stored, and the caches hold only the site's own files;
- the smaller defects: an answer without "=", an unknown event, an unknown collection, and the page recovering
  after an error.

Set VOT_BROWSER_SITE=<dir> to serve an already built site (release A) instead of building one.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from playwright import sync_api

from calculators import dataset

from browser_support import (
    ADDRESSED,
    FIRST_RESULT_MS,
    Site,
    Watch,
    address,
    build_site,
    built_asset,
    fill_date,
    launched_chromium,
    leave,
    serve,
    serve_site,
    shared_site,
)
from conftest import ROOT

expect = sync_api.expect
SNAPSHOTS = "vot-python-snapshot"
TIMINGS: dict[str, float] = {}
PENALTY = "?units=6&on=2024-09-01"  # 6 × $197.59 = $1,185.54: $1,186 (2024-25)
EASTER = "?from=2025-04-11&days=7"  # day 7 is Good Friday 18 April 2025; then the Easter weekend: 22 April
SOON = 10  # seconds from page load to a failure message (1 to 2.5 s measured, on a busy machine)


# ---- fixtures and helpers --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def site(tmp_path_factory, pytestconfig):
    """Release A: the site as built from this repository."""
    built, seconds = shared_site(tmp_path_factory)
    if seconds is not None:
        TIMINGS["site build"] = seconds
    yield built
    reporter = pytestconfig.pluginmanager.get_plugin("terminalreporter")
    capture = pytestconfig.pluginmanager.get_plugin("capturemanager")
    if reporter and capture and TIMINGS:
        with capture.global_and_fixture_disabled():
            reporter.write_line("\nruntime browser tests: "
                                + "; ".join(f"{name} {seconds:.1f} s" for name, seconds in TIMINGS.items()))


@pytest.fixture(scope="module")
def release_b(tmp_path_factory, site) -> Path:
    """Release B, built from a copy of the repository in which the 2024-25 penalty unit is $200.00 instead of
    $197.59 and the dataset release is 99.0.0."""
    copy = tmp_path_factory.mktemp("release-b") / "repository"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(
        ".git", ".venv", "node_modules", "build", "site", "dist", "__pycache__", ".pytest_cache", ".hypothesis"))
    (copy / "node_modules").symlink_to(ROOT / "node_modules")
    (ROOT / "build" / "wheel-cache").mkdir(parents=True, exist_ok=True)
    (copy / "build").mkdir()
    (copy / "build" / "wheel-cache").symlink_to(ROOT / "build" / "wheel-cache")  # downloads, not the release
    units = copy / "dataset" / "penalty-units.json"
    text = units.read_text(encoding="utf-8")
    assert text.count('"penalty_unit": "197.59"') == 1
    units.write_text(text.replace('"penalty_unit": "197.59"', '"penalty_unit": "200.00"'), encoding="utf-8")
    module = copy / "calculators" / "dataset.py"
    module.write_text(re.sub(r'RELEASE_VERSION = "[^"]+"', 'RELEASE_VERSION = "99.0.0"', module.read_text()))
    changes = copy / "releases" / "changes"
    shutil.copy(changes / f"{dataset.RELEASE_VERSION}.json", changes / "99.0.0.json")  # its changes: not this test's
    env = {**os.environ, "PYTHONPATH": str(copy)}  # the copy's calculators, as build_site imports them
    subprocess.run([sys.executable, "scripts/build_dataset.py", "--archive"], cwd=copy, env=env, check=True,
                   capture_output=True)  # release 99.0.0 kept in releases/archive/, as a release is
    started = time.monotonic()
    build_site(copy / "site", root=copy)
    TIMINGS["release B build"] = time.monotonic() - started
    return copy / "site"


@pytest.fixture(scope="module")
def browser():
    with launched_chromium() as chromium:
        yield chromium


def new_context(browser, url: str, **options):
    return browser.new_context(base_url=url, locale="en-AU", timezone_id="Australia/Melbourne", **options)


@pytest.fixture
def watch(browser, site):
    """A fresh context on release A, watched: fails the test on a request elsewhere or an error logged
    (a Content-Security-Policy violation included)."""
    with serve(site) as url:
        context = new_context(browser, url)
        watch = Watch(context, url)
        watch.page = context.new_page()
        yield watch
        context.close()
    assert not watch.foreign, watch.foreign
    assert not watch.errors, "\n".join(watch.errors)


def wait_until(predicate, what: str, timeout: float = 60.0, interval: float = 0.2):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)


def open_calculator(page, name: str, query: str = ""):
    page.goto(f"/calculators/{name}/{query}")
    root = page.locator(f'.vot-calculator[data-command="{name}"]')
    expect(root).to_be_visible()
    return root


def figure(root):
    return root.locator(".vot-result .vot-figure")


def started_from(page) -> str:
    """'snapshot' or 'boot': how the page's Python started."""
    return wait_until(lambda: page.evaluate("document.documentElement.dataset.votPython"), "Python to start")


CACHED = """async () => {
    const entries = {};
    for (const name of await caches.keys()) entries[name] = (await (await caches.open(name)).keys()).map((r) => r.url);
    return entries;
}"""


CACHED_SHA256 = """async (url) => {
    const response = await (await caches.open("vot-runtime")).match(url);
    if (!response) return null;
    const digest = await crypto.subtle.digest("SHA-256", await response.arrayBuffer());
    return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}"""


def cached(page) -> dict[str, list[str]]:
    return page.evaluate(CACHED)


def snapshot_saved(page) -> bool:
    return len(cached(page).get(SNAPSHOTS, [])) == 2  # the snapshot and, apart from it, its sha256


def manifest_of(site: Path) -> dict:
    return json.loads((site / "runtime" / "manifest.json").read_text())


def runtime_paths(site: Path) -> set[str]:
    """The runtime files a start fetches (the full runtime, kept for the fallback, aside)."""
    manifest = manifest_of(site)
    return {f"/runtime/{entry['path']}" for entry in [*manifest["files"], manifest["stdlib"], *manifest["wheels"]]}


def first_visit(page, name: str = "penalty", query: str = PENALTY, expected: str = "$1,186"):
    """A first visit: computes, then waits until the service worker has cached the runtime and the snapshot is
    saved."""
    root = open_calculator(page, name, query)
    expect(figure(root)).to_contain_text(expected, timeout=FIRST_RESULT_MS)
    wait_until(lambda: page.evaluate("navigator.serviceWorker.controller !== null"), "the service worker")
    wait_until(lambda: snapshot_saved(page) and any(url.endswith("/pyodide.asm.wasm")
                                                    for url in cached(page).get("vot-runtime", [])),
               "the runtime and the snapshot to be cached", timeout=120)


# ---- releases take over at once ----------------------------------------------------------------------------------

@pytest.mark.parametrize("lifetime", ["max-age=600", "max-age=31536000"], ids=["short-http-cache", "long-http-cache"])
def test_a_new_release_answers_from_the_first_visit_after_it(browser, site, release_b, lifetime):
    """Release A, visited twice (the second restores its snapshot); then release B is published at the same
    origin. The first visit after it answers with B's penalty unit and shows B's release, though every file
    was served with the same HTTP cache lifetime; B's service worker removes A's caches and A's snapshot."""
    served = Site(site, cache_control=f"public, {lifetime}")
    with serve_site(served):
        context = new_context(browser, served.url)
        watch = Watch(context, served.url)
        page = context.new_page()
        first_visit(page)
        expect(page.locator(".md-footer")).to_contain_text(f"Dataset {dataset.RELEASE_VERSION}")
        leave(page, close=True)
        page = context.new_page()
        expect(figure(open_calculator(page, "penalty", PENALTY))).to_contain_text("$1,186", timeout=FIRST_RESULT_MS)
        assert started_from(page) == "snapshot"
        # Every file a start fetches cached: A's worker has finished filling (Chromium lets B's worker take over
        # only once A's is idle; a fill still running keeps it busy, and may store A's files after B's clean-up).
        runtime_a = {served.url + path for path in runtime_paths(site)}
        wait_until(lambda: runtime_a <= set(cached(page).get("vot-runtime", [])), "A's runtime to be cached", timeout=120)
        leave(page, close=True)

        served.directory = release_b
        page = context.new_page()
        started = time.monotonic()
        root = open_calculator(page, "penalty", PENALTY)
        expect(figure(root)).to_contain_text("$1,200", timeout=FIRST_RESULT_MS)  # 6 × $200.00
        TIMINGS[f"first visit after release B ({lifetime}): first result"] = time.monotonic() - started
        expect(page.locator(".md-footer")).to_contain_text("Dataset 99.0.0")
        expect(root.locator(".vot-result")).to_contain_text("Dataset 99.0.0")
        assert started_from(page) == "boot"

        version = re.search(r'\bCACHE_VERSION ?= ?"([^"]+)"', (release_b / "service-worker.js").read_text())[1]
        runtime_b = {served.url + path for path in runtime_paths(release_b)}

        def only_b() -> bool:
            caches = cached(page)
            return (set(caches) == {f"vot-site-{version}", "vot-runtime", SNAPSHOTS} and len(caches[SNAPSHOTS]) == 2
                    and set(caches["vot-runtime"]) <= runtime_b)
        try:
            # B's worker takes over once A's is idle (see above): under load, that can take minutes.
            wait_until(only_b, "release B's service worker to remove release A's caches", timeout=300)
        except AssertionError as error:
            left = {name: [entry for entry in entries if entry not in runtime_b] if name == "vot-runtime" else len(entries)
                    for name, entries in cached(page).items()}
            raise AssertionError(f"{error}; the caches then (entries not B's runtime, or counts): {left}") from None
        leave(page, close=True)

        page = context.new_page()
        expect(figure(open_calculator(page, "penalty", PENALTY))).to_contain_text("$1,200", timeout=FIRST_RESULT_MS)
        assert started_from(page) == "snapshot"  # B's own snapshot
        context.close()
    assert not watch.foreign and not watch.errors, watch.errors


def test_a_returning_visit_fetches_no_file_named_by_its_content(browser, site):
    """Once the offline cache is filled, the next visit fetches no runtime file and no script or style named by its
    content (bundle.<digest>.min.js): the service worker serves them from the cache first, as their content cannot
    change under their names; its fill fetches none of them again either. Pages and files with lasting names are
    still asked for, so that a new release shows at once."""
    served = Site(site)
    addressed = {f"/{path.relative_to(site).as_posix()}" for path in (site / "assets").rglob("*")
                 if ADDRESSED.search(path.name)}
    with serve_site(served):
        context = new_context(browser, served.url)
        watch = Watch(context, served.url)
        page = context.new_page()
        first_visit(page)
        expected = {served.url + path for path in runtime_paths(site) | addressed}
        wait_until(lambda: expected <= {url for entries in cached(page).values() for url in entries},
                   "the runtime and the scripts and styles to be cached", timeout=120)
        leave(page, close=True)

        served.requested.clear()
        page = context.new_page()
        root = open_calculator(page, "penalty", PENALTY)
        expect(figure(root)).to_contain_text("$1,186", timeout=FIRST_RESULT_MS)
        assert started_from(page) == "snapshot"
        page.wait_for_timeout(2000)  # the fill the answer starts
        fetched = set(served.requested)
        assert not fetched & (runtime_paths(site) | addressed), sorted(fetched & (runtime_paths(site) | addressed))
        assert "/calculators/penalty/" in fetched  # the page itself is revalidated
        context.close()
    assert not watch.foreign and not watch.errors, watch.errors


def test_the_releases_differ_only_where_their_content_does(site, release_b):
    """Between A and B only the calculators' wheel changed among the runtime files: its address changed, the
    others kept theirs (a returning reader downloads the one new wheel)."""
    a, b = runtime_paths(site), runtime_paths(release_b)
    assert len(a - b) == len(b - a) == 1
    (changed,) = b - a
    assert re.fullmatch(r"/runtime/wheels/[0-9a-f]{16}/victorian_obligations_calculators-[^/]+\.whl", changed)


# ---- a snapshot that cannot lie --------------------------------------------------------------------------------

DAMAGE = """async ([damage, redigest]) => {
    const cache = await caches.open("vot-python-snapshot");
    const saved = await cache.match("/runtime/python-snapshot.bin");
    const bytes = new Uint8Array(await saved.arrayBuffer());
    const view = new DataView(bytes.buffer);
    const headerLength = view.getUint32(4, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)));
    let at = 8 + headerLength;  // the files, then the heap's pages
    const files = {};
    for (const [path, length] of header.files) { files[path] = [at, length]; at += length; }
    const heap = at;
    const replaceAll = (from, to, start, end) => {
        const source = new TextEncoder().encode(from), target = new TextEncoder().encode(to);
        let count = 0;
        for (let i = start; i + source.length <= end; i++) {
            if (source.every((byte, k) => bytes[i + k] === byte)) { bytes.set(target, i); count++; }
        }
        return count;
    };
    let changed = 0;
    if (damage === "dataset bytes") {  // Good Friday 2025 moved to 17 April in the snapshot's public-holidays.json
        const [path] = Object.keys(files).filter((name) => name.endsWith("_dataset/public-holidays.json"));
        const [start, length] = files[path];
        const text = new TextDecoder().decode(bytes.subarray(start, start + length));
        const at = text.indexOf('"2025-04-18"');
        changed = replaceAll('"2025-04-18"', '"2025-04-17"', start + at, start + at + 12);
    }
    if (damage === "heap bytes") { bytes.fill(0x55, heap + (1 << 20), heap + (1 << 20) + 4096); changed = 4096; }
    if (damage === "header") { bytes[8 + Math.floor(headerLength / 2)] ^= 0x01; changed = 1; }
    if (damage === "holiday names in the heap") changed = replaceAll("Good Friday", "Good Fridax", heap, bytes.length);
    if (damage === "another runtime") changed = 1;
    const runtime = damage === "another runtime" ? "a-previous-release" : saved.headers.get("X-Runtime");
    await cache.put("/runtime/python-snapshot.bin", new Response(bytes, { headers: { "X-Runtime": runtime } }));
    if (redigest) {
        const digest = Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)),
                                  (byte) => byte.toString(16).padStart(2, "0")).join("");
        await cache.put("/runtime/python-snapshot.sha256", new Response(digest, { headers: { "X-Runtime": runtime } }));
    }
    return changed;
}"""


def page_with_console(context):
    """A new page, and the list its console messages (its worker's included) are added to."""
    page, console = context.new_page(), []
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    return page, console


def test_a_damaged_snapshot_never_answers(browser, site):
    """A snapshot damaged in its dataset bytes, its heap or its header fails its digest (kept apart from it);
    one damaged before its digest was taken (holiday names in the heap) fails the self-test; one from another
    runtime is not tried. Each time: the right answer, from a freshly booted Python, which saves a good
    snapshot; and a restored Python prints no traceback (it once printed ZipFile.__del__'s)."""
    with serve(site) as url:
        context = new_context(browser, url)
        watch = Watch(context, url)
        page = context.new_page()
        first_visit(page, "deadline", EASTER, "22 April 2025")
        leave(page, close=True)
        for damage, redigest, reason in [("dataset bytes", False, "sha256"), ("heap bytes", False, "sha256"),
                                         ("header", False, "sha256"),
                                         ("holiday names in the heap", True, "do not answer as this release does"),
                                         ("another runtime", True, None)]:
            page, console = page_with_console(context)
            root = open_calculator(page, "deadline", EASTER)
            expect(figure(root)).to_contain_text("22 April 2025", timeout=FIRST_RESULT_MS)
            assert started_from(page) == "snapshot", damage
            assert not [line for line in console if "Traceback" in line or "Exception ignored" in line], console
            assert page.evaluate(DAMAGE, [damage, redigest]) > 0, damage
            leave(page, close=True)

            page, console = page_with_console(context)
            root = open_calculator(page, "deadline", EASTER)
            expect(figure(root)).to_contain_text("22 April 2025", timeout=FIRST_RESULT_MS)
            expect(root.locator(".vot-result")).to_contain_text("Good Friday")
            assert started_from(page) == "boot", damage
            if reason:
                assert any("snapshot was not used" in line and reason in line for line in console), (damage, console)
            wait_until(functools.partial(snapshot_saved, page), "a new snapshot to be saved", timeout=120)
            leave(page, close=True)
        context.close()
    assert not watch.foreign and not watch.errors, watch.errors


# ---- fail fast and say so --------------------------------------------------------------------------------------

def core_path(site: Path, name: str) -> str:
    """The address of a core file; for the standard library, of the cut one a start fetches."""
    if name == "python_stdlib.zip":
        return f"/runtime/{manifest_of(site)['stdlib']['path']}"
    return f"/runtime/{manifest_of(site)['core']}{name}"


def our_wheel(site: Path) -> str:
    (wheel,) = [w for w in manifest_of(site)["wheels"] if w["file"].startswith("victorian_obligations_calculators-")]
    return f"/runtime/{wheel['path']}"


def assert_fails_fast(page, named: str, problem: str, where: str) -> float:
    """The status line names the file and the problem; returns the seconds it took from navigation."""
    root = page.locator(".vot-calculator")
    status = root.locator(".vot-status")
    expect(status).to_contain_text("The calculator could not start", timeout=30_000)
    seconds = page.evaluate("performance.now()") / 1000
    expect(status).to_contain_text(named)
    expect(status).to_contain_text(problem)
    expect(status).to_have_class(re.compile("vot-failed"))
    expect(page.locator(".md-content table").first).to_be_visible()  # the rules, as without JavaScript
    TIMINGS[f"{where}: page load to the failure message"] = seconds
    return seconds


@pytest.mark.parametrize("name", ["pyodide.asm.wasm", "python_stdlib.zip", "pyodide.asm.mjs",
                                  "fflate.js", "wheel"])
def test_a_missing_runtime_file_is_named_in_the_status_line_within_seconds(browser, site, name):
    served = Site(site)
    path = our_wheel(site) if name == "wheel" else core_path(site, name)
    served.override[path] = None
    with serve_site(served):
        context = new_context(browser, served.url)
        page = context.new_page()
        page.goto(f"/calculators/penalty/{PENALTY}")
        seconds = assert_fails_fast(page, Path(path).name, "missing from the site (HTTP 404)", f"missing {name}")
        assert seconds < SOON, seconds
        context.close()


@pytest.mark.parametrize("name", ["pyodide.asm.wasm", "python_stdlib.zip", "wheel"])
def test_a_damaged_runtime_file_is_named_in_the_status_line_within_seconds(browser, site, name):
    served = Site(site)
    path = our_wheel(site) if name == "wheel" else core_path(site, name)
    original = (site / path.lstrip("/")).read_bytes()
    served.override[path] = original[:1000] + bytes(len(original) - 1000)  # the right size, the wrong bytes
    with serve_site(served):
        context = new_context(browser, served.url)
        page = context.new_page()
        page.goto(f"/calculators/penalty/{PENALTY}")
        seconds = assert_fails_fast(page, Path(path).name, "damaged", f"damaged {name}")
        assert seconds < SOON, seconds
        context.close()


def test_a_damaged_cached_file_is_replaced_before_use(browser, site):
    """The service worker's copy of the wasm is damaged after a first visit: the service worker checks it against
    its sha256 before use, removes it and fetches the file again, so the next visit answers, and the cache holds a
    good copy again (tests/test_browser_field_runtime.py damages every kind of cached file in turn)."""
    with serve(site) as url:
        context = new_context(browser, url)
        watch = Watch(context, url)
        page = context.new_page()
        first_visit(page)
        wasm = url + core_path(site, "pyodide.asm.wasm")
        page.evaluate("""async (url) => {
            const cache = await caches.open("vot-runtime");
            const saved = await cache.match(url);
            const bytes = new Uint8Array(await saved.arrayBuffer());
            bytes.fill(0, 4096, 8192);
            await cache.put(url, new Response(bytes, { headers: saved.headers }));
        }""", wasm)
        leave(page, close=True)
        page = context.new_page()
        expect(figure(open_calculator(page, "penalty", PENALTY))).to_contain_text("$1,186", timeout=FIRST_RESULT_MS)
        expected = next(f["sha256"] for f in manifest_of(site)["files"] if f["path"].endswith("/pyodide.asm.wasm"))
        wait_until(lambda: page.evaluate(CACHED_SHA256, wasm) == expected, "a good copy of the wasm to be cached")
        context.close()
    assert not watch.foreign and not watch.errors, watch.errors


# ---- the cut runtime, and its fallback --------------------------------------------------------------------------

def without_module(site: Path, module: str) -> dict[str, bytes]:
    """Overrides that serve the site's cut standard library less `module` (its guard told), and the worker and the
    service worker with the manifest and digests to match: a runtime whose cut lacks a module the calculators
    import."""
    manifest = manifest_of(site)
    cut = site / "runtime" / manifest["stdlib"]["path"]
    with zipfile.ZipFile(cut) as zf:
        entries = [(name, zf.read(name)) for name in zf.namelist() if name != f"{module}.pyc"]
    assert len(entries) == len(zf.namelist()) - 1, module
    guard = next(i for i, (name, _) in enumerate(entries) if name == "_vot_cut_guard.py")
    text = entries[guard][1].decode()
    entries[guard] = (entries[guard][0], text.replace("frozenset({\n", f"frozenset({{\n    {module!r},\n").encode())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in entries:
            out.writestr(name, data)
    data = buffer.getvalue()
    worker_file = built_asset(site, "assets/javascripts/pyodide-worker.js")
    worker = worker_file.read_text(encoding="utf-8")
    stdlib = manifest["stdlib"]
    changed = json.dumps({**stdlib, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}, separators=(",", ":"))
    assert worker.count(json.dumps(stdlib, separators=(",", ":"))) == 1
    worker = worker.replace(json.dumps(stdlib, separators=(",", ":")), changed)
    # The service worker stores a copy only if it matches the digest it carries: it carries these files' digests.
    service = (site / "service-worker.js").read_text(encoding="utf-8")
    for old, new in [(stdlib["sha256"], hashlib.sha256(data).hexdigest()),
                     (hashlib.sha256(worker_file.read_bytes()).hexdigest(), hashlib.sha256(worker.encode()).hexdigest())]:
        assert service.count(old) == 1
        service = service.replace(old, new)
    return {f"/runtime/{stdlib['path']}": data, f"/{worker_file.relative_to(site).as_posix()}": worker.encode(),
            "/service-worker.js": service.encode()}


def test_a_start_fetches_the_cut_runtime_only(browser, site):
    """A first visit fetches the cut standard library and the cut wheels, never the full runtime kept for the
    fallback."""
    served = Site(site)
    with serve_site(served):
        context = new_context(browser, served.url)
        watch = Watch(context, served.url)
        page = context.new_page()
        expect(figure(open_calculator(page, "penalty", PENALTY))).to_contain_text("$1,186", timeout=FIRST_RESULT_MS)
        context.close()
    manifest = manifest_of(site)
    assert f"/runtime/{manifest['stdlib']['path']}" in served.requested
    assert not {f"/runtime/{entry['path']}" for entry in [manifest["fallback"]["stdlib"], *manifest["fallback"]["wheels"]]} \
        & set(served.requested)
    assert not watch.foreign and not watch.errors, watch.errors


def test_a_cut_runtime_that_lacks_a_module_says_so_and_the_full_one_answers(browser, site):
    """The cut standard library served without `calendar` (which the calculators import as they start): the
    worker says so in the console, starts Python on the full library and the uncut wheels, and answers right. The
    snapshot it saves is of the full runtime, which the next visit restores without trying the cut one again."""
    served = Site(site)
    served.override.update(without_module(site, "calendar"))
    manifest = manifest_of(site)
    full = {f"/runtime/{entry['path']}" for entry in [manifest["fallback"]["stdlib"], *manifest["fallback"]["wheels"]]}
    with serve_site(served):
        context = new_context(browser, served.url)
        page, console = page_with_console(context)
        root = open_calculator(page, "deadline", EASTER)
        expect(figure(root)).to_contain_text("22 April 2025", timeout=FIRST_RESULT_MS)
        assert started_from(page) == "boot"
        assert any(line.startswith("error: ") and "cut runtime" in line and "No module named 'calendar'" in line
                   for line in console), console
        assert full <= set(served.requested), served.requested
        wait_until(functools.partial(snapshot_saved, page), "the snapshot to be saved", timeout=120)
        leave(page, close=True)

        served.requested.clear()
        page, console = page_with_console(context)
        root = open_calculator(page, "deadline", EASTER)
        expect(figure(root)).to_contain_text("22 April 2025", timeout=FIRST_RESULT_MS)
        assert started_from(page) == "snapshot"
        assert not [line for line in console if line.startswith("error: ")], console
        assert f"/runtime/{manifest['stdlib']['path']}" not in served.requested
        context.close()


# ---- a Content-Security-Policy on every page ------------------------------------------------------------------

PAGE_TYPES = ["/", "/guides/", "/guides/counting-time/", "/calculators/", "/dataset/", "/dataset/browse/?collection=offences",
              "/developers/", "/api/", "/command-line/", "/404.html"]


def test_every_page_type_runs_under_its_policy_with_no_violation(browser, site):
    """From a host honouring `_headers` (so the worker script runs under the policy too): the static pages, a
    calculator computing (booted, then restored from its snapshot), a checklist, an embed page, the trainers'
    page with its example frame, and a calculator reached by a link. The watch fails on any violation."""
    served = Site(site, honour_headers=True)
    with serve_site(served):
        context = new_context(browser, served.url)
        watch = Watch(context, served.url)
        page = context.new_page()
        for path in PAGE_TYPES:
            response = page.goto(path)
            assert "frame-ancestors 'self'" in response.headers["content-security-policy"], path
            assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1, path
        first_visit(page)
        leave(page)
        page.goto(f"/calculators/penalty/{PENALTY}")
        expect(figure(page.locator(".vot-calculator"))).to_contain_text("$1,186", timeout=FIRST_RESULT_MS)
        assert started_from(page) == "snapshot"
        page.goto("/calculators/check/?checklist=ciss-sharing")
        expect(page.locator(".vot-questions fieldset.vot-question")).to_be_visible(timeout=FIRST_RESULT_MS)
        response = page.goto(f"/embed/penalty/{PENALTY}")
        assert "frame-ancestors *" in response.headers["content-security-policy"]
        expect(figure(page.locator(".vot-calculator"))).to_contain_text("$1,186", timeout=FIRST_RESULT_MS)
        page.goto("/trainers/")
        example = page.frame_locator('iframe[title="Embedded penalty calculator"]')
        expect(example.get_by_role("button", name="Show answer")).to_be_visible(timeout=FIRST_RESULT_MS)
        # Following a link from the home page to a calculator, and computing there.
        page.goto("/")
        page.locator(".md-content a[href$='calculators/penalty/']").first.click()
        expect(page.locator('.vot-calculator[data-command="penalty"]')).to_be_visible()
        root = page.locator('.vot-calculator[data-command="penalty"]')
        root.get_by_label("A number of penalty units, in dollars").check()
        root.get_by_label("How many penalty units?").fill("6")
        fill_date(root, "On what date?", "1", "9", "2024")
        root.get_by_role("button", name="Calculate").click()
        expect(figure(page.locator(".vot-calculator"))).to_contain_text("$1,186", timeout=FIRST_RESULT_MS)
        context.close()
    assert not watch.foreign
    assert not watch.errors, "\n".join(watch.errors)


def test_the_policy_blocks_an_injected_script_and_the_listener_sees_it(browser, site):
    """The negative control: an inline script the build did not allow is blocked, and reported."""
    with serve(site) as url:
        context = new_context(browser, url)
        watch = Watch(context, url)
        page = context.new_page()
        page.goto("/guides/")
        page.evaluate("""() => {
            const script = document.createElement("script");
            script.textContent = "window.injected = true;";
            document.body.append(script);
        }""")
        wait_until(lambda: watch.errors, "the violation to be reported", timeout=10)
        assert page.evaluate("() => window.injected === undefined")
        assert any("Content-Security-Policy violation: script-src" in error for error in watch.errors), watch.errors
        context.close()


COURSE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Course</title></head><body>
<iframe src="{url}/embed/penalty/" title="An embed page"></iframe>
<iframe src="{url}/guides/" title="A guide"></iframe>
</body></html>"""


def test_only_embed_pages_may_be_framed_by_another_site(browser, site, tmp_path):
    served = Site(site, honour_headers=True)
    with serve_site(served):
        (tmp_path / "course.html").write_text(COURSE.format(url=served.url))
        with serve(tmp_path) as course:
            context = new_context(browser, course)
            page = context.new_page()
            page.goto("/course.html")
            embed = page.frame_locator('iframe[title="An embed page"]')
            expect(embed.locator('.vot-calculator[data-command="penalty"]')).to_be_visible()
            guide = page.frame(url=f"{served.url}/guides/")
            wait_until(lambda: not guide or guide.url.startswith("chrome-error:") or
                       not guide.evaluate("document.querySelector('.md-content') !== null"),
                       "the guide's frame to be refused", timeout=10)
            context.close()
    headers = (site / "_headers").read_text()
    assert "X-Content-Type-Options: nosniff" in headers and "Referrer-Policy: no-referrer" in headers
    assert re.search(r"^/runtime/pyodide-[0-9a-f]{16}/\*\n  Cache-Control: public, max-age=31536000, immutable$",
                     headers, re.M)


# ---- privacy ----------------------------------------------------------------------------------------------------

DOCUMENTED_CACHES = re.compile(r"vot-site-|vot-runtime$|vot-python-snapshot$")


def test_nothing_typed_is_stored_and_the_caches_hold_only_the_site(watch, site):
    """A client's date of birth, typed and in a permalink, is in no cache: no stored address keeps a query,
    no stored body (the snapshot included) holds the dates, and every entry is one of the site's own files.
    The cache names are the ones the calculators page describes."""
    page = watch.page
    root = open_calculator(page, "retention", "?completed=2009-11-03&born=1983-02-17")
    expect(figure(root)).to_contain_text("2034", timeout=FIRST_RESULT_MS)
    fill_date(root, "What is the client's date of birth?", "19", "2", "1983")
    root.get_by_role("button", name="Calculate").click()
    expect(root.locator(".vot-result")).to_contain_text("19 February 1983")
    wait_until(lambda: page.evaluate("navigator.serviceWorker.controller !== null"), "the service worker")
    page.goto("/calculators/penalty/?units=6&on=2024-09-01")
    expect(figure(page.locator(".vot-calculator"))).to_contain_text("$1,186", timeout=FIRST_RESULT_MS)
    wait_until(lambda: snapshot_saved(page) and len(cached(page).get("vot-runtime", [])) == len(runtime_paths(site)),
               "the caches to be filled", timeout=120)
    found = page.evaluate("""async (needles) => {
        const found = [];
        for (const name of await caches.keys()) {
            const cache = await caches.open(name);
            for (const request of await cache.keys()) {
                const response = await cache.match(request);
                if (request.url.includes("?") || response.url.includes("?")) found.push(`${name}: ${request.url} ${response.url}`);
                const text = new TextDecoder("latin1").decode(await response.arrayBuffer());
                for (const needle of needles) if (text.includes(needle)) found.push(`${name}: ${request.url} holds ${needle}`);
            }
        }
        return found;
    }""", ["1983-02-17", "1983-02-19", "2009-11-03"])
    assert not found, found
    caches = cached(page)
    assert all(DOCUMENTED_CACHES.match(name) for name in caches), caches
    files = {"/" + path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}
    pages = {path.removesuffix("index.html") for path in files if path.endswith(".html")}
    snapshot = {f"{watch.base_url}/runtime/python-snapshot.bin", f"{watch.base_url}/runtime/python-snapshot.sha256"}
    for name, urls in caches.items():
        for url in set(urls) - snapshot:
            assert url.removeprefix(watch.base_url) in files | pages, (name, url)
    page.goto("/calculators/")
    text = page.locator(".md-content").inner_text()
    for name in ("vot-site-", "vot-runtime", "vot-python-snapshot"):
        assert name in text, f"the calculators page does not describe the cache {name}"


# ---- the smaller defects ----------------------------------------------------------------------------------------

def test_an_answer_without_equals_is_refused_at_its_field(watch):
    page = watch.page
    root = open_calculator(page, "check", "?checklist=ciss-sharing&answer=yes")
    summary = root.locator(".vot-error-summary")
    expect(summary).to_be_visible(timeout=FIRST_RESULT_MS)
    expect(summary).to_contain_text("an answer is written KEY=VALUE")
    expect(summary).to_contain_text("‘yes’")
    assert "answer=yes" in address(page)  # kept as given, not cut to a key "ye"


def test_an_unknown_event_is_a_field_error(watch):
    page = watch.page
    root = open_calculator(page, "notify", "?trigger=no-such-event&at=2025-04-05T10:00")
    message = root.locator("#trigger-error")
    expect(message).to_be_visible(timeout=FIRST_RESULT_MS)
    expect(message).to_contain_text("Select what happened")
    expect(root.locator(".vot-error-summary")).not_to_contain_text("--")
    expect(root.locator(".vot-error-summary")).not_to_contain_text("argument")


def test_the_dataset_browser_with_an_unknown_collection_says_so_and_shows_one(watch):
    page = watch.page
    page.goto("/dataset/browse/?collection=no-such-collection")
    status = page.locator(".vot-dataset .vot-status")
    expect(status).to_contain_text("There is no collection named “no-such-collection”")
    expect(status).to_contain_text("records shown")
    assert page.locator(".vot-dataset tbody tr").count() > 0


def test_the_page_recovers_after_an_error(watch):
    """An input that once crashed Python (and left the page failed for every later input) is a field error; the
    next input is answered."""
    page = watch.page
    root = open_calculator(page, "deadline", "?from=9999-12-31&days=1")
    expect(root.locator("#from-error")).to_contain_text("31 December 9999", timeout=FIRST_RESULT_MS)
    fill_date(root, "When did the event happen?", "11", "4", "2025")
    root.get_by_label("How many days?").fill("7")
    root.get_by_role("button", name="Calculate").click()
    expect(figure(root)).to_contain_text("22 April 2025")
    expect(root.locator(".vot-status")).to_have_text("Ready.")
