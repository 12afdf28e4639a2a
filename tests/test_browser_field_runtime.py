"""Browser end-to-end: the runtime where readers are (issue 23), in Debian's Chromium driven by Playwright.

- five calculators embedded in a course page of another site (a page on `localhost` framing `127.0.0.1`) answer,
  with Chromium's third-party storage blocked (the SharedWorker and Cache Storage refused) and allowed;
- a runtime file that a host accepts the request for and never answers ends in a message naming it, within about
  30 s (the time is printed); a page whose own scripts are missing or damaged says so, its rules still shown;
- a damaged copy in the offline cache (each of our scripts, a wheel, the snapshot) heals: the next visit answers;
- a snapshot whose lazily read collection file was changed before its digest was taken is refused.

Set VOT_BROWSER_SITE=<dir> to serve an already built site instead of building one.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from pathlib import Path

import pytest
from playwright import sync_api
from test_browser_runtime import (
    PENALTY,
    SNAPSHOTS,
    browser,  # noqa: F401  (a fixture)
    cached,
    figure,
    first_visit,
    manifest_of,
    new_context,
    open_calculator,
    page_with_console,
    started_from,
    wait_until,
)

from browser_support import (
    FIRST_RESULT_MS,
    Site,
    Watch,
    built_asset,
    chromium_profile,
    leave,
    serve,
    serve_site,
    shared_site,
)

expect = sync_api.expect
TIMINGS: dict[str, float] = {}
EMBEDS = 5
ABOUT_30_S = 35  # seconds from page load to the message for a file that never comes
SCRIPTS = ["pyodide-worker", "python-runtime", "calculators", "form-patterns"]


@pytest.fixture(scope="module")
def site(tmp_path_factory, pytestconfig):
    built, _ = shared_site(tmp_path_factory)
    yield built
    reporter = pytestconfig.pluginmanager.get_plugin("terminalreporter")
    capture = pytestconfig.pluginmanager.get_plugin("capturemanager")
    if reporter and capture and TIMINGS:
        with capture.global_and_fixture_disabled():
            reporter.write_line("\nfield runtime browser tests: "
                                + "; ".join(f"{name} {seconds:.1f} s" for name, seconds in TIMINGS.items()))


def script_path(site: Path, name: str) -> str:
    return "/" + built_asset(site, f"assets/javascripts/{name}.js").relative_to(site).as_posix()


# ---- another site's course page ----------------------------------------------------------------------------------

COURSE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A course</title></head><body>
{frames}</body></html>"""


@pytest.mark.parametrize("third_party_storage", [False, True], ids=["storage-blocked", "storage-allowed"])
def test_five_embeds_on_another_sites_course_page_all_answer(site, tmp_path, third_party_storage):
    """A course page on `localhost` frames five penalty calculators from `127.0.0.1` (another site). With
    third-party storage blocked the SharedWorker and Cache Storage are refused: each frame answers from a dedicated
    worker, and its status says that nothing is kept. Allowed, the five share one Python and the status is "Ready."."""
    served = Site(site)
    with serve_site(served):
        frames = "".join(f'<iframe src="{served.url}/embed/penalty/{PENALTY}" title="Calculator {number}" '
                         'style="width:100%;height:420px"></iframe>\n' for number in range(1, EMBEDS + 1))
        (tmp_path / "course.html").write_text(COURSE.format(frames=frames))
        with serve(tmp_path) as course, chromium_profile(tmp_path / "profile", third_party_storage) as context:
            course = course.replace("127.0.0.1", "localhost")
            watch = Watch(context, served.url)
            context.route(f"{course}/**", lambda route: route.continue_())  # the course page is the test's own
            page = context.new_page()
            started = time.monotonic()
            page.goto(f"{course}/course.html")
            embeds = [page.frame_locator(f'iframe[title="Calculator {number}"]') for number in range(1, EMBEDS + 1)]
            for embed in embeds:
                expect(figure(embed.locator(".vot-calculator"))).to_contain_text("$1,186", timeout=FIRST_RESULT_MS * 2)
            TIMINGS[f"five embeds, third-party storage {'allowed' if third_party_storage else 'blocked'}"] = \
                time.monotonic() - started
            frames = [frame for frame in page.frames if frame.url.startswith(served.url)]
            assert len(frames) == EMBEDS
            workers = {frame.evaluate("document.documentElement.dataset.votWorker") for frame in frames}
            for embed in embeds:
                status = embed.locator(".vot-status")
                if third_party_storage:
                    expect(status).to_have_text("Ready.")
                else:
                    expect(status).to_contain_text("keeps no copy of the calculator here")
            assert len(workers) == (1 if third_party_storage else EMBEDS), workers
    assert not [url for url in watch.foreign if not url.startswith(course)], watch.foreign
    assert not watch.errors, "\n".join(watch.errors)


def test_the_failure_with_storage_blocked_is_storage(site, tmp_path):
    """The negative control of the test above: in that frame, with third-party storage blocked, Cache Storage and
    the service worker are refused (so the condition the fallback answers is real)."""
    with serve(site) as url:
        (tmp_path / "course.html").write_text(COURSE.format(frames=f'<iframe src="{url}/embed/penalty/" title="One"></iframe>'))
        with serve(tmp_path) as course, chromium_profile(tmp_path / "profile", False) as context:
            page = context.new_page()
            page.goto(f"{course.replace('127.0.0.1', 'localhost')}/course.html")
            frame = page.frame_locator('iframe[title="One"]')
            expect(frame.locator(".vot-calculator")).to_be_visible()
            refused = next(f for f in page.frames if f.url.startswith(url)).evaluate("""async () => {
                const refusals = [];
                await caches.keys().catch((error) => refusals.push(`caches: ${error.name}`));
                await navigator.serviceWorker.getRegistrations().catch((error) => refusals.push(`service worker: ${error.name}`));
                return refusals;
            }""")
            assert refused == ["caches: SecurityError", "service worker: NotSupportedError"], refused


# ---- network faults end in a message -----------------------------------------------------------------------------

def start_files(site: Path) -> list[str]:
    """The runtime files a start fetches (the 12 of the manifest, without fflate's licence), and the worker's own
    two scripts."""
    manifest = manifest_of(site)
    files = [f"/runtime/{entry['path']}" for entry in [*manifest["files"], manifest["stdlib"], *manifest["wheels"]]
             if not entry["path"].endswith(".LICENSE")]
    return files + [script_path(site, "pyodide-worker"), script_path(site, "python-runtime")]


@pytest.mark.parametrize("index", range(14))
def test_a_file_that_never_comes_ends_in_a_message(browser, site, index):  # noqa: F811  (a fixture)
    """The host accepts the request for one runtime file (or the worker's scripts) and never answers: the status
    line says the calculator could not start, names the file (the worker's own script: that it did not load), and
    says how to try again, within about 30 s; the rules stay."""
    files = start_files(site)
    assert len(files) == 14
    path = files[index]
    served = Site(site)
    served.stalled.add(path)
    with serve_site(served):
        context = new_context(browser, served.url)
        page = context.new_page()
        page.goto(f"/calculators/penalty/{PENALTY}")
        status = page.locator(".vot-calculator .vot-status")
        expect(status).to_contain_text("The calculator could not start", timeout=60_000)
        seconds = page.evaluate("performance.now()") / 1000
        name = Path(path).name
        TIMINGS[f"{name} stalled: page load to the message"] = seconds
        print(f"{name} stalled: the message after {seconds:.1f} s")
        expect(status).to_contain_text("Reload the page to try again")
        if "pyodide-worker" in name:
            expect(status).to_contain_text("its script did not load")
        else:
            expect(status).to_contain_text(name)
            expect(status).to_contain_text("did not arrive")
        expect(status).to_have_class(re.compile("vot-failed"))
        expect(status.get_by_role("button", name="Try again")).to_be_visible()
        expect(page.locator(".md-content table").first).to_be_visible()
        assert seconds < ABOUT_30_S, (name, seconds)
        assert path in served.requested
        context.close()


@pytest.mark.parametrize("name", ["calculators", "form-patterns"])
@pytest.mark.parametrize("fault", ["missing", "damaged"])
def test_a_page_whose_own_scripts_fail_says_so(browser, site, name, fault):  # noqa: F811  (a fixture)
    served = Site(site)
    path = script_path(site, name)
    served.override[path] = None if fault == "missing" else b"export const broken = ;\n"
    with serve_site(served):
        context = new_context(browser, served.url)
        page = context.new_page()
        page.goto(f"/calculators/penalty/{PENALTY}")
        note = page.locator(".vot-script-failed")
        expect(note).to_contain_text("The calculator could not start: the page's scripts did not load", timeout=20_000)
        expect(note).to_contain_text("Reload the page to try again")
        expect(page.locator(".md-content table").first).to_be_visible()
        served.override.pop(path)  # the host repaired: trying again answers
        note.get_by_role("button", name="Try again").click()
        expect(figure(page.locator(".vot-calculator"))).to_contain_text("$1,186", timeout=FIRST_RESULT_MS)
        context.close()


# ---- caches that heal --------------------------------------------------------------------------------------------

DAMAGE_CACHED = """async (url) => {
    for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        const saved = await cache.match(url);
        if (!saved) continue;
        const bytes = new Uint8Array(await saved.arrayBuffer());
        bytes.fill(0x20, Math.floor(bytes.length / 3), Math.floor(bytes.length / 3) + 64);
        await cache.put(url, new Response(bytes, { headers: saved.headers }));
        return name;
    }
    return null;
}"""

CACHED_DIGEST = """async (url) => {
    const saved = await caches.match(url);
    if (!saved) return null;
    const digest = await crypto.subtle.digest("SHA-256", await saved.arrayBuffer());
    return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}"""


def test_every_damaged_cached_copy_heals_by_the_next_visit(browser, site):  # noqa: F811  (a fixture)
    """After a first visit, each cached script, two wheels and the snapshot are damaged in turn in the offline cache
    (with a wheel, the snapshot is removed too: only a boot uses the wheels). The next visit answers (a second is
    allowed, no site data cleared), and the cached copy is good again or gone."""
    manifest = manifest_of(site)
    wheels = [f"/runtime/{wheel['path']}" for wheel in manifest["wheels"]
              if wheel["file"].startswith(("victorian_obligations_calculators-", "pydantic_core-"))]
    targets = [script_path(site, name) for name in SCRIPTS] + wheels + ["/runtime/python-snapshot.bin"]
    digests = {f"/{path.relative_to(site).as_posix()}": hashlib.sha256(path.read_bytes()).hexdigest()
               for path in site.rglob("*") if path.is_file()}
    with serve(site) as url:
        context = new_context(browser, url)
        watch = Watch(context, url)
        page = context.new_page()
        first_visit(page)
        wait_until(lambda: {url + path for path in targets} <= {key for keys in cached(page).values() for key in keys},
                   "every file to be damaged to be cached", timeout=120)
        leave(page, close=True)
        for path in targets:
            page, console = page_with_console(context)
            page.goto("/calculators/")
            assert page.evaluate(DAMAGE_CACHED, url + path), path
            if "/wheels/" in path:  # a visit uses the wheels only when it boots: without a snapshot
                page.evaluate(f"caches.delete('{SNAPSHOTS}')")
            leave(page, close=True)
            visits = 0
            for visits in (1, 2):
                page, console = page_with_console(context)
                root = open_calculator(page, "penalty", PENALTY)
                try:
                    expect(figure(root)).to_contain_text("$1,186", timeout=FIRST_RESULT_MS)
                    break
                except AssertionError:
                    assert visits == 1, (path, root.locator(".vot-status").text_content(), console)
                    leave(page, close=True)
            print(f"damaged {Path(path).name}: answered on visit {visits} after the damage")
            if path.endswith("python-snapshot.bin"):
                assert started_from(page) == "boot"
                assert any("snapshot was not used" in line for line in console), console
            else:
                assert "/wheels/" not in path or started_from(page) == "boot", path
                wait_until(lambda page=page, path=path: page.evaluate(CACHED_DIGEST, url + path) in (None, digests[path]),
                           f"the damaged copy of {path} to be replaced or removed", timeout=60)
            wait_until(lambda page=page: len(cached(page).get(SNAPSHOTS, [])) == 2, "a snapshot to be saved", timeout=120)
            leave(page, close=True)
        context.close()
    assert not watch.foreign, watch.foreign
    # A visit that failed on a damaged runtime file logs why; nothing else may be logged.
    assert not [error for error in watch.errors if "damaged" not in error], watch.errors


# ---- the snapshot's check covers every collection ----------------------------------------------------------------

CHANGE_SNAPSHOT_FILE = """async ([suffix, from, to]) => {
    // The snapshot rebuilt with one of its files changed (its length too), and its digest taken again: a snapshot
    // damaged before its digest was taken.
    const cache = await caches.open("vot-python-snapshot");
    const saved = await cache.match("/runtime/python-snapshot.bin");
    const bytes = new Uint8Array(await saved.arrayBuffer());
    const headerLength = new DataView(bytes.buffer).getUint32(4, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)));
    let at = 8 + headerLength, changed = 0;
    const parts = [];
    header.files = header.files.map(([path, length]) => {
        let data = bytes.subarray(at, at + length);
        at += length;
        if (path.endsWith(suffix)) {
            const text = new TextDecoder().decode(data);
            changed = text.split(from).length - 1;
            data = new TextEncoder().encode(text.replaceAll(from, to));
        }
        parts.push(data);
        return [path, data.length];
    });
    const head = new TextEncoder().encode(JSON.stringify(header));
    const prefix = new Uint8Array(8);
    new DataView(prefix.buffer).setUint32(0, new DataView(bytes.buffer).getUint32(0, true), true);
    new DataView(prefix.buffer).setUint32(4, head.length, true);
    const blob = new Uint8Array(await new Blob([prefix, head, ...parts, bytes.subarray(at)]).arrayBuffer());
    await cache.put("/runtime/python-snapshot.bin", new Response(blob, { headers: saved.headers }));
    const digest = Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256", blob)),
                              (byte) => byte.toString(16).padStart(2, "0")).join("");
    await cache.put("/runtime/python-snapshot.sha256", new Response(digest, { headers: { "X-Runtime": saved.headers.get("X-Runtime") } }));
    return changed;
}"""

CHILD_LINK = "?checklist=ciss-sharing&answer=discloser-prescribed=yes&answer=discloser=child-link"


def test_a_snapshot_with_a_changed_lazily_read_collection_is_refused(browser, site):  # noqa: F811  (a fixture)
    """The snapshot's prescribed-entities.json (read only when a checklist looks an entity up, which the self-test
    does not) changed before its digest was taken, Child Link no longer restricted: the worker refuses the snapshot,
    naming the file, and a freshly booted Python gives the right outcome."""
    with serve(site) as url:
        context = new_context(browser, url)
        watch = Watch(context, url)
        page = context.new_page()
        first_visit(page)
        assert page.evaluate(CHANGE_SNAPSHOT_FILE, ["_dataset/prescribed-entities.json", '"restricted":true',
                                                    '"restricted":false']) == 1
        leave(page, close=True)
        page, console = page_with_console(context)
        root = open_calculator(page, "check", CHILD_LINK)
        expect(root.locator(".vot-result")).to_contain_text("Child Link cannot disclose information under the scheme",
                                                            timeout=FIRST_RESULT_MS)
        assert started_from(page) == "boot"
        assert any("snapshot was not used" in line and "prescribed-entities.json" in line for line in console), console
        context.close()
    assert not watch.foreign and not watch.errors, watch.errors


def test_the_manifest_lists_every_collection_file_of_our_wheels(site):
    """The check above needs the manifest's digest of every collection file of our wheel, cut and full."""
    manifest = manifest_of(site)
    collections = {path.name for path in (site / "dataset" / "latest").glob("*.json") if path.name != "datapackage.json"}
    for wheels in (manifest["wheels"], manifest["fallback"]["wheels"]):
        (ours,) = [wheel for wheel in wheels if wheel["file"].startswith("victorian_obligations_calculators-")]
        assert {name.rsplit("/", 1)[1] for name in ours["dataset"]} >= {"prescribed-entities.json", "checklists.json"}
        assert all(re.fullmatch(r"[0-9a-f]{64}", digest) for digest in ours["dataset"].values())
        assert {name.rsplit("/", 1)[1] for name in ours["dataset"]} <= collections | {"datapackage.json"}, json.dumps(ours)
