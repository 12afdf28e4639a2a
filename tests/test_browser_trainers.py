"""Browser end-to-end for trainers: an embedded calculator on a course page from another origin, permalinks,
offline use and the training scenarios' embed links, in Debian's Chromium driven by Playwright.

The course page is served from a second origin (another port: a different origin) and holds the very code the
site's own "Embed this calculator" panel produces, resize script included. Every test requires that no request
goes to an origin other than the ones it serves and that no page (nor frame) logs an error; axe-core (WCAG 2.2
AA) must find no violation on the trainers' page types.

Set VOT_BROWSER_SITE=<dir> to serve an already built site instead of building one (for iterating on these
tests only; the suite builds the real docs).
"""

from __future__ import annotations

import json
import re
import time
from contextlib import ExitStack
from datetime import date, datetime
from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright import sync_api

from calculators import dataset, periods

from browser_support import (
    CSP_LISTENER,
    FIRST_RESULT_MS,
    Site,
    address,
    axe_violations,
    choose,
    date_group,
    describe,
    fill_date,
    launched_chromium,
    leave,
    origin,
    serve,
    serve_site,
    shared_site,
)
from conftest import ROOT

expect = sync_api.expect

TIMINGS: dict[str, float] = {}
SCENARIOS = json.loads((ROOT / "dataset" / "scenarios.json").read_text(encoding="utf-8"))["records"]
CHECKLISTS = json.loads((ROOT / "dataset" / "checklists.json").read_text(encoding="utf-8"))["records"]

# The course page on the second origin: the embed code goes where {embed} is.
COURSE_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Week 3: penalties</title></head>
<body>
<main>
<h1>Week 3: penalties</h1>
<p>Work out the fine, then press Show answer.</p>
{embed}
{extra}
</main>
</body>
</html>
"""

# A page on a third origin that posts a height message to the page embedding it, as the calculator does.
OTHER_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Another site</title></head>
<body>
<p>Another site.</p>
<script>
parent.postMessage({ type: "vot-embed-height", height: 7 }, "*");
document.body.dataset.posted = "yes";
</script>
</body>
</html>
"""


class Watch:
    """Like browser_support.Watch, for several origins: records every request (pages, frames, dedicated and
    service workers) and every error any page or frame logs; requests to any other origin are recorded and
    aborted."""

    def __init__(self, context, *allowed: str):
        self.allowed = {origin(url) for url in allowed}
        self.requests: list[str] = []
        self.foreign: list[str] = []
        self.errors: list[str] = []
        context.add_init_script(CSP_LISTENER)
        context.on("request", self._request)
        context.on("page", self._page)
        context.route(lambda url: not self._own(url), lambda route: route.abort())

    def _own(self, url: str) -> bool:
        return url.startswith(("data:", "blob:")) or origin(url) in self.allowed

    def _request(self, request) -> None:
        self.requests.append(request.url)
        if not self._own(request.url):
            self.foreign.append(request.url)

    def _page(self, page) -> None:
        page.on("console", lambda message: self.errors.append(f"console.error: {message.text} ({message.location})")
                if message.type == "error" else None)
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))

    def check(self) -> None:
        assert not self.foreign, "requests went to another origin:\n" + "\n".join(self.foreign)
        assert not self.errors, "a page logged errors:\n" + "\n".join(self.errors)


def new_context(browser, base_url: str, **options):
    return browser.new_context(base_url=base_url, locale="en-AU", timezone_id="Australia/Melbourne", **options)


def wait_until(predicate, what: str, timeout: float = 30.0, interval: float = 0.1):
    """Polls `predicate` until it returns something truthy; returns that."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)


# ---- fixtures --------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def site(tmp_path_factory, pytestconfig):
    site, seconds = shared_site(tmp_path_factory)
    if seconds is not None:
        TIMINGS["site build"] = seconds
    yield site
    # Shown even when pytest captures output.
    reporter = pytestconfig.pluginmanager.get_plugin("terminalreporter")
    capture = pytestconfig.pluginmanager.get_plugin("capturemanager")
    if reporter and capture and TIMINGS:
        with capture.global_and_fixture_disabled():
            reporter.write_line("\ntrainers' browser tests: "
                                + "; ".join(f"{name} {seconds:.1f} s" for name, seconds in TIMINGS.items()))


@pytest.fixture(scope="module")
def served(site):
    """Origin A, the calculator site, served; its `requested` lists every path asked for."""
    with serve_site(Site(site)) as served:
        yield served


@pytest.fixture(scope="module")
def base_url(served):
    return served.url


@pytest.fixture(scope="module")
def browser():
    with launched_chromium() as chromium:
        yield chromium


@pytest.fixture
def watch(browser, base_url):
    """A fresh context on the site alone, watched; fails the test on a request elsewhere or a logged error."""
    context = new_context(browser, base_url)
    watch = Watch(context, base_url)
    watch.page = context.new_page()
    yield watch
    context.close()
    watch.check()


@pytest.fixture
def page(watch):
    return watch.page


@pytest.fixture(scope="module")
def embed_code(browser, base_url):
    """The code the penalty page's "Embed this calculator" panel gives for 6 units on 1 September 2024, with
    "units" and "on" locked and the answer hidden, chosen in the panel as a trainer would."""
    context = new_context(browser, base_url)
    watch = Watch(context, base_url)
    page = context.new_page()
    root = open_calculator(page, "penalty")
    root.get_by_label("A number of penalty units, in dollars").check()
    root.get_by_label("How many penalty units?").fill("6")
    fill_date(root, "On what date?", "1", "9", "2024")
    root.get_by_role("button", name="Calculate").click()
    expect(root.locator(".vot-result .vot-figure")).to_have_text("6 penalty units: $1,186", timeout=FIRST_RESULT_MS)
    panel = page.locator("details.vot-embed-builder")
    panel.locator("summary").click()
    panel.get_by_label("Lock “How many penalty units?”").check()
    panel.get_by_label("Lock “On what date?”").check()
    panel.get_by_label("Hide the answer until the learner presses “Show answer”").check()
    code = panel.get_by_label("Code to paste").input_value()
    context.close()
    watch.check()
    return code


@pytest.fixture(scope="module")
def course(tmp_path_factory, embed_code):
    """Origin B, the trainer's course page (the embed code alone), and origin C, another site; with B's
    second course page, which also frames a page from C that posts a height message to it."""
    pages_b = tmp_path_factory.mktemp("course")
    pages_c = tmp_path_factory.mktemp("other-site")
    (pages_c / "other.html").write_text(OTHER_PAGE, encoding="utf-8")
    with ExitStack() as stack:
        url_b = stack.enter_context(serve(pages_b))
        url_c = stack.enter_context(serve(pages_c))
        (pages_b / "course.html").write_text(COURSE_PAGE.format(embed=embed_code, extra=""), encoding="utf-8")
        extra = f'<iframe src="{url_c}/other.html" title="Another site" style="width:100%;border:0"></iframe>'
        (pages_b / "course-and-other.html").write_text(COURSE_PAGE.format(embed=embed_code, extra=extra),
                                                       encoding="utf-8")
        site = origin(re.search(r'src="([^"]+)"', embed_code)[1])
        frames = "\n".join(f'<iframe src="{site}/embed/{name}/{query}" title="Scenario {number}" '
                           'style="width:100%;border:0"></iframe>'
                           for number, (name, query, _) in enumerate(FIVE_EMBEDS, 1))
        resize = f'<script src="{site}/assets/javascripts/embed-resize.js" async></script>'
        (pages_b / "five.html").write_text(COURSE_PAGE.format(embed=frames, extra=resize), encoding="utf-8")
        yield {"b": url_b, "c": url_c}


# ---- helpers ---------------------------------------------------------------------------------------------

def open_calculator(page, name: str, query: str = ""):
    page.goto(f"/calculators/{name}/{query}")
    root = page.locator(f'.vot-calculator[data-command="{name}"]')
    expect(root).to_be_visible()
    return root


def figure(root):
    result = root.locator(".vot-result")
    expect(result).to_be_visible(timeout=FIRST_RESULT_MS)
    return result.locator(".vot-figure")


def form_state(root) -> list:
    """Every input of a calculator's form: name, value and whether it is checked."""
    return root.evaluate("""(root) => [...root.querySelectorAll("form input, form select")]
        .map((input) => [input.name, input.value, input.checked])""")


def assert_accessible(page, where: str):
    violations = axe_violations(page)
    assert not violations, f"axe-core found violations on {where}:\n{describe(violations)}"


def frame_height(page, selector: str) -> str:
    return page.locator(selector).evaluate("(frame) => frame.style.height")


def calculator_frame(page):
    """The embedded calculator's frame, once it has loaded its embed page."""
    return wait_until(lambda: next((frame for frame in page.frames if "/embed/penalty/" in frame.url), None),
                      "the embedded calculator's frame")


def content_height(frame) -> int:
    return frame.evaluate("() => Math.ceil(document.documentElement.scrollHeight)")


def wait_for_frame_to_fit(page, frame, selector: str) -> int:
    """Waits until the iframe's height is its content's height and has stopped changing; returns it."""
    seen = []

    def settled():
        height = frame_height(page, selector)
        seen.append(height)
        return height and height == f"{content_height(frame)}px" and seen[-5:] == [height] * 5 and height

    height = wait_until(settled, f"the iframe to take its content's height (heights seen: {seen[-5:]})")
    box = page.locator(selector).bounding_box()
    assert abs(box["height"] - int(height[:-2])) < 1, (box, height)
    return int(height[:-2])


# ---- the embed code, on a course page from another origin ----------------------------------------------------

CALCULATOR_IFRAME = 'iframe[title][src*="/embed/penalty/"]'


def test_the_embed_panel_gives_a_locked_answer_hidden_iframe_and_the_resize_script(embed_code, base_url):
    iframe, script = embed_code.strip().split("\n")
    src = re.search(r'<iframe src="([^"]+)"', iframe).group(1)
    parts = urlsplit(src)
    assert f"{parts.scheme}://{parts.netloc}" == base_url and parts.path == "/embed/penalty/"
    assert parts.query == ""  # the inputs ride in the fragment, which the frame's host never receives
    assert parse_qsl(parts.fragment) == [("units", "6"), ("on", "2024-09-01"), ("lock", "units,on"), ("hide-answer", "1")]
    assert re.search(r' title="[^"<>]+"', iframe), iframe  # the frame has an accessible name
    assert "height:" not in iframe.replace("min-height:", "")  # no height of its own: the script sizes it
    assert script == f'<script src="{base_url}/assets/javascripts/embed-resize.js" async></script>'


def test_embedded_on_a_course_page_from_another_origin(browser, base_url, course, served):
    context = new_context(browser, course["b"])
    watch = Watch(context, base_url, course["b"])
    page = context.new_page()
    page.goto("/course.html")
    started = time.monotonic()
    frame = calculator_frame(page)
    embedded = page.frame_locator(CALCULATOR_IFRAME)

    # The inputs are filled in from the address and locked: typing changes nothing.
    units = embedded.get_by_label("How many penalty units?")
    year = date_group(embedded, "On what date?").get_by_label("Year", exact=True)
    expect(units).to_have_value("6")
    expect(year).to_have_value("2024")
    for field in (units, year):
        expect(field).not_to_be_editable()
        expect(field).to_have_attribute("aria-readonly", "true")
    expect(date_group(embedded, "On what date?")).to_contain_text("locked")  # locked fields say so
    # Loading the embed took no focus from the course page.
    assert page.evaluate("() => document.activeElement === document.body")
    units.click()
    page.keyboard.press("End")
    page.keyboard.type("9")
    page.keyboard.press("Backspace")
    page.keyboard.press("Backspace")
    year.click()
    page.keyboard.type("2025")
    page.keyboard.press("ArrowUp")
    expect(units).to_have_value("6")
    expect(year).to_have_value("2024")

    # The answer is computed but hidden until "Show answer".
    show = embedded.get_by_role("button", name="Show answer")
    expect(show).to_be_visible(timeout=FIRST_RESULT_MS)
    TIMINGS["embedded calculator: page load to Show answer"] = time.monotonic() - started
    expect(embedded.locator(".vot-result")).to_be_hidden()
    expect(embedded.locator("body")).not_to_contain_text("1,186", use_inner_text=True)  # nothing shown

    # The frame took its content's height (it had none of its own: min-height only) ...
    before = wait_for_frame_to_fit(page, frame, CALCULATOR_IFRAME)
    assert before > 480, before  # taller than the snippet's min-height: the frame grew to fit the form
    show.click()
    figure_ = embedded.locator(".vot-result .vot-figure")
    expect(figure_).to_have_text("6 penalty units: $1,186")  # 6 × $197.59 = $1,185.54 (2024-25), to the nearest dollar
    expect(embedded.locator(".vot-result")).to_contain_text("$1,185.54")
    # ... and follows it: the answer made the page taller.
    after = wait_for_frame_to_fit(page, frame, CALCULATOR_IFRAME)
    assert after > before, (before, after)
    # The embed page is the calculator alone: no site header, navigation or embed panel.
    expect(embedded.locator(".md-header")).to_be_hidden()
    expect(embedded.locator("details.vot-embed-builder")).to_have_count(0)

    context.close()
    assert any(re.fullmatch(r"/runtime/pyodide-[0-9a-f]{16}/pyodide\.asm\.wasm", path) for path in served.requested)
    watch.check()


def test_messages_are_ignored_except_the_calculators_own_height(browser, base_url, course):
    context = new_context(browser, course["b"])
    watch = Watch(context, base_url, course["b"], course["c"])
    page = context.new_page()
    page.goto("/course-and-other.html")
    frame = calculator_frame(page)
    embedded = page.frame_locator(CALCULATOR_IFRAME)
    expect(embedded.get_by_role("button", name="Show answer")).to_be_visible(timeout=FIRST_RESULT_MS)
    height = f"{wait_for_frame_to_fit(page, frame, CALCULATOR_IFRAME)}px"

    state = """() => ({
        href: location.href, history: history.length,
        fields: [...document.querySelectorAll("form input")]
            .map((input) => [input.name, input.value, input.checked, input.readOnly, input.disabled]),
        result: document.querySelector(".vot-result").outerHTML,
        show: document.querySelectorAll(".vot-show-answer").length,
        status: document.querySelector(".vot-status").textContent,
    })"""
    address(frame)  # the shown answer's address written, before the state is taken
    before = frame.evaluate(state)

    # 1. The course page (origin B) posts messages into the calculator: it acts on none of them.
    page.locator(CALCULATOR_IFRAME).evaluate("""(iframe) => {
        for (const message of [
            { type: "vot-embed-height", height: 5 },
            { type: "vot-embed-show-answer" },
            { type: "result", id: 1, response: { ok: true, result: { rounded: 1 } } },
            { units: "99", on: "2025-01-01", lock: "", "hide-answer": "0" },
            "units=99&on=2025-01-01", "show-answer", null, 42,
        ]) iframe.contentWindow.postMessage(message, "*");
    }""")
    page.wait_for_timeout(750)
    assert frame.evaluate(state) == before
    assert frame_height(page, CALCULATOR_IFRAME) == height

    # 2. A height message from the course page itself (origin B, not a frame): the frame keeps its height.
    page.evaluate("() => window.postMessage({ type: 'vot-embed-height', height: 7 }, '*')")
    # 3. One from a frame of a third origin (C), which embed-resize.js must not size: the wrong origin. (The
    # page posts once as it loads; it posts again now, when the listener is surely there: the frame has its size.)
    other = page.locator('iframe[title="Another site"]')
    expect(page.frame_locator('iframe[title="Another site"]').locator("body[data-posted=yes]")).to_be_attached()
    other_frame = next(frame for frame in page.frames if frame.url == f"{course['c']}/other.html")
    other_frame.evaluate("() => parent.postMessage({ type: 'vot-embed-height', height: 7 }, '*')")
    page.wait_for_timeout(750)
    assert frame_height(page, CALCULATOR_IFRAME) == height
    assert other.evaluate("(frame) => frame.style.height") == ""

    # The listener is live: the calculator's own origin and frame are obeyed.
    frame.evaluate("() => parent.postMessage({ type: 'vot-embed-height', height: 321 }, '*')")
    wait_until(lambda: frame_height(page, CALCULATOR_IFRAME) == "321px", "the calculator's own message to apply")

    # 4. The calculator's frame navigated to origin C, which posts from that very frame: ignored too.
    calculator = page.locator("iframe").first  # the embed code comes first on the page
    assert "/embed/penalty/" in calculator.evaluate("(iframe) => iframe.src")
    calculator.evaluate("(iframe, src) => { iframe.src = src; }", f"{course['c']}/other.html")
    expect(page.frame_locator("iframe").first.locator("body[data-posted=yes]")).to_be_attached()
    page.wait_for_timeout(750)
    assert calculator.evaluate("(iframe) => iframe.style.height") == "321px"

    context.close()
    watch.check()


# Five scenarios on one course page, each worked by hand: 6 × $197.59 = $1,185.54 and 10 × $197.59 = $1,975.90
# (2024-25, to the nearest dollar); day 7 after Friday 11 April 2025 is Good Friday, then the Easter weekend and
# Easter Monday: Tuesday 22 April; 24 hours after 10 am on 5 April 2025, when the clocks go back at 3 am on the 6th:
# 9 am on Sunday 6 April; a record completed on 30 June 2010 for a client born in 1985 may go 25 years after
# completion: 1 July 2035.
FIVE_EMBEDS = [
    ("penalty", "?units=6&on=2024-09-01&lock=units,on&hide-answer=1", "6 penalty units: $1,186"),
    ("penalty", "?units=10&on=2024-09-01", "10 penalty units: $1,976"),
    ("deadline", "?from=2025-04-11&days=7", "22 April 2025"),
    ("notify", "?trigger=treatment-order-made&at=2025-04-05T10:00&lock=trigger", "6 April 2025"),
    ("retention", "?completed=2010-06-30&born=1985-01-01&hide-answer=1", "1 July 2035"),
]


def test_five_embeds_share_one_python_and_each_frame_is_its_own(browser, base_url, course):
    """A course page on another origin with five calculators embedded: every answer right, all from one Python
    (the same worker answered every frame), and each frame on its own: its own locks, its answer hidden until its
    own Show answer, its own height, and a recalculation in one frame changes no other. No frame loads the site's
    search (its index, its worker): an embed has no search box, and five frames building it slowed the start."""
    context = new_context(browser, course["b"])
    watch = Watch(context, base_url, course["b"])
    page = context.new_page()
    searched = []  # the frames' own requests for the search index (the offline cache's fill may make one)
    context.on("request", lambda request: searched.append(request.url)
               if "/search/search_index.json" in request.url and request.service_worker is None else None)
    page.goto("/five.html")
    frames = [page.frame_locator(f'iframe[title="Scenario {number}"]') for number in range(1, 6)]
    for frame, (_, query, expected) in zip(frames, FIVE_EMBEDS, strict=True):
        if "hide-answer=1" in query:
            expect(frame.get_by_role("button", name="Show answer")).to_be_visible(timeout=FIRST_RESULT_MS)
            expect(frame.locator(".vot-result")).to_be_hidden()
            expect(frame.locator("body")).not_to_contain_text(expected, use_inner_text=True)
        else:
            expect(frame.locator(".vot-result .vot-figure")).to_contain_text(expected, timeout=FIRST_RESULT_MS)
    documents = [page.locator(f'iframe[title="Scenario {number}"]').element_handle().content_frame()
                 for number in range(1, 6)]
    workers = [document.evaluate("document.documentElement.dataset.votWorker") for document in documents]
    assert len(set(workers)) == 1 and workers[0], workers  # one Python for the five

    # Locks: only where each frame's address asks for them.
    expect(frames[0].get_by_label("How many penalty units?")).not_to_be_editable()
    expect(frames[1].get_by_label("How many penalty units?")).to_be_editable()
    assert [frame.locator(".vot-lock-note").count() for frame in frames] == [2, 0, 0, 1, 0]

    # Heights: each frame takes its own content's height (once in view: the browser does not lay out a frame out
    # of sight); showing one frame's answer grows that frame alone.
    selectors = [f'iframe[title="Scenario {number}"]' for number in range(1, 6)]

    def fit(number: int) -> int:
        page.locator(selectors[number]).scroll_into_view_if_needed()
        return wait_for_frame_to_fit(page, documents[number], selectors[number])
    heights = [fit(number) for number in range(5)]
    frames[4].get_by_role("button", name="Show answer").click()
    expect(frames[4].locator(".vot-result .vot-figure")).to_contain_text("1 July 2035")
    assert fit(4) > heights[4]
    expect(frames[0].locator(".vot-result")).to_be_hidden()  # the other hidden answer stays hidden
    expect(frames[0].get_by_role("button", name="Show answer")).to_be_visible()
    assert [fit(number) for number in range(4)] == heights[:4]

    # Each frame's question is its own: a new one in frame 2 (7 × $197.59 = $1,383.13) changes no other answer.
    frames[1].get_by_label("How many penalty units?").fill("7")
    frames[1].get_by_role("button", name="Calculate").click()
    expect(frames[1].locator(".vot-result .vot-figure")).to_have_text("7 penalty units: $1,383")
    frames[0].get_by_role("button", name="Show answer").click()
    expect(frames[0].locator(".vot-result .vot-figure")).to_have_text("6 penalty units: $1,186")
    for frame, (_, _, expected) in zip(frames[2:], FIVE_EMBEDS[2:], strict=True):
        expect(frame.locator(".vot-result .vot-figure")).to_contain_text(expected)
    context.close()
    assert searched == []
    watch.check()


# ---- permalinks: every calculator ------------------------------------------------------------------------

def assert_round_trip(context, root, name: str):
    """Opens the current address in a new page: the same inputs and the same result, with no click."""
    page = root.page
    url = address(page)
    inputs, result = form_state(root), root.locator(".vot-result").inner_text()
    again = context.new_page()
    again.goto(url)
    copy = again.locator(f'.vot-calculator[data-command="{name}"]')
    expect(copy.locator(".vot-result .vot-figure")).to_have_text(root.locator(".vot-figure").inner_text(),
                                                                 timeout=FIRST_RESULT_MS)
    assert form_state(copy) == inputs
    assert copy.locator(".vot-result").inner_text() == result
    assert again.url == url
    again.close()


def test_permalink_penalty_and_the_address_follows_the_inputs_without_a_reload(page):
    root = open_calculator(page, "penalty")
    root.get_by_label("A number of penalty units, in dollars").check()
    root.get_by_label("How many penalty units?").fill("6")
    fill_date(root, "On what date?", "1", "9", "2024")
    root.get_by_role("button", name="Calculate").click()
    expect(figure(root)).to_have_text("6 penalty units: $1,186")  # 6 × $197.59 = $1,185.54
    assert urlsplit(address(page)).fragment == "units=6&on=2024-09-01"
    page.evaluate("() => { window.votSameDocument = true; }")
    loads = page.evaluate("() => performance.getEntriesByType('navigation').length")

    root.get_by_label("How many penalty units?").fill("7")
    root.get_by_role("button", name="Calculate").click()
    expect(figure(root)).to_have_text("7 penalty units: $1,383")  # 7 × $197.59 = $1,383.13
    assert urlsplit(address(page)).fragment == "units=7&on=2024-09-01"
    assert page.evaluate("() => window.votSameDocument === true"), "the page reloaded"
    assert page.evaluate("() => performance.getEntriesByType('navigation').length") == loads
    assert_round_trip(page.context, root, "penalty")


def test_permalink_deadline(page):
    root = open_calculator(page, "deadline")
    fill_date(root, "When did the event happen?", "11", "4", "2025")
    root.get_by_label("A number of days").check()
    root.get_by_label("How many days?").fill("7")
    root.get_by_role("button", name="Calculate").click()
    expect(figure(root)).to_contain_text("22 April 2025")  # day 7 is Good Friday; then the Easter weekend
    assert_round_trip(page.context, root, "deadline")


def test_permalink_notify(page):
    root = open_calculator(page, "notify")
    choose(root, "What happened?", "treatment order", "Making a Treatment Order (TO)")
    fill_date(root, "When did it happen?", "5", "4", "2025", "10:00")
    root.get_by_role("button", name="Calculate").click()
    expect(figure(root)).to_contain_text("9 am Sunday 6 April 2025")  # 24 elapsed hours; daylight saving ends
    assert_round_trip(page.context, root, "notify")


def test_permalink_obligations(page):
    root = open_calculator(page, "obligations")
    choose(root, "What happened?", "change to services")
    fill_date(root, "On what date did the clock start?", "1", "4", "2025")
    root.get_by_role("button", name="Show obligations").click()
    expect(figure(root)).to_contain_text("29 April 2025")  # 28 days after Tuesday 1 April 2025
    assert_round_trip(page.context, root, "obligations")


def test_permalink_retention(page):
    root = open_calculator(page, "retention")
    root.get_by_label("Yes", exact=True).check()
    fill_date(root, "When was the action completed?", "30", "6", "2010")
    fill_date(root, "What is the client's date of birth?", "1", "1", "1985")
    root.get_by_role("button", name="Calculate").click()
    expect(figure(root)).to_contain_text("1 July 2035")  # 25 years after completion; the client is then 50
    assert_round_trip(page.context, root, "retention")


def test_permalink_checklist_part_answered(page):
    root = open_calculator(page, "check")
    root.get_by_label("Which question do you need answered?").select_option("ciss-sharing")
    questions = root.locator(".vot-questions")
    for number, (key, answer) in enumerate([("discloser-prescribed", "Yes"), ("discloser", "Government schools"),
                                            ("employed", "Yes")], start=1):
        question = questions.locator("fieldset.vot-question")
        expect(question.locator(f'[name="{key}"]').first).to_be_attached(timeout=FIRST_RESULT_MS)
        if question.locator("select").count():
            choose(question, question.locator("legend").inner_text(), answer, answer)
        else:
            question.get_by_label(answer, exact=True).check()
        root.get_by_role("button", name="Continue").click()
        expect(questions.locator("dl.vot-answers dt")).to_have_count(number)
    expect(questions.locator('fieldset.vot-question [name="recipient-prescribed"]').first).to_be_attached()
    answers = questions.locator("dl.vot-answers").inner_text()
    next_question = questions.locator("fieldset.vot-question legend").inner_text()
    assert "Government schools" in answers
    query = parse_qsl(urlsplit(address(page)).fragment)
    assert [name for name, _ in query] == ["checklist", "answer", "answer", "answer"]
    assert query[0][1] == "ciss-sharing" and query[1][1] == "discloser-prescribed=yes"
    assert query[2][1].startswith("discloser=") and query[3][1] == "employed=yes"

    again = page.context.new_page()
    again.goto(page.url)
    copy = again.locator('.vot-calculator[data-command="check"] .vot-questions')
    expect(copy.locator("fieldset.vot-question legend")).to_have_text(next_question, timeout=FIRST_RESULT_MS)
    assert copy.locator("dl.vot-answers").inner_text() == answers
    expect(again.get_by_label("Which question do you need answered?", exact=True)).to_have_value("ciss-sharing")
    expect(again.locator(".vot-result")).to_be_hidden()
    again.close()


# ---- offline, and the Python snapshot -------------------------------------------------------------------

SNAPSHOTS = "vot-python-snapshot"  # pyodide-worker.js keeps the calculators' Python snapshot in this cache


def restored_from_snapshot(page) -> bool:
    """Whether the page's calculator restored Python from the saved snapshot (else it booted afresh)."""
    how = wait_until(lambda: page.evaluate("document.documentElement.dataset.votPython"), "the calculator to start")
    return how == "snapshot"


def test_offline_after_one_visit(browser, site):
    """Load a calculator once, let the service worker cache the runtime, then cut the network (and stop the
    server altogether): the page opens again, restores Python from the saved snapshot, and computes a new input."""
    with ExitStack() as server:
        url = server.enter_context(serve(site))  # its own server (and origin), so it can be stopped
        context = new_context(browser, url)
        watch = Watch(context, url)
        page = context.new_page()
        root = open_calculator(page, "penalty")
        root.get_by_label("A number of penalty units, in dollars").check()
        root.get_by_label("How many penalty units?").fill("6")
        fill_date(root, "On what date?", "1", "9", "2024")
        root.get_by_role("button", name="Calculate").click()
        expect(figure(root)).to_have_text("6 penalty units: $1,186")

        started = time.monotonic()
        wait_until(lambda: page.evaluate("() => navigator.serviceWorker.controller !== null"),
                   "the service worker to control the page", timeout=60)

        def cached() -> dict[str, list[str]]:
            return page.evaluate("""async () => {
                const entries = {};
                for (const name of await caches.keys()) entries[name] = (await (await caches.open(name)).keys()).map((r) => r.url);
                return entries;
            }""")

        # Once the calculator has started, the service worker caches the rest (runtime included), and the
        # calculator saves its Python snapshot and, apart from it, the snapshot's sha256.
        wasm = re.compile(rf"{re.escape(url)}/runtime/pyodide-[0-9a-f]{{16}}/pyodide\.asm\.wasm")
        wait_until(lambda: any(map(wasm.fullmatch, cached().get("vot-runtime", [])))
                   and len(cached().get(SNAPSHOTS, [])) == 2, "the runtime and the Python snapshot to be cached", timeout=60)
        TIMINGS["service worker installed and offline cache filled"] = time.monotonic() - started
        caches = cached()
        assert sorted(caches.pop(SNAPSHOTS)) == [f"{url}/runtime/python-snapshot.bin", f"{url}/runtime/python-snapshot.sha256"]
        runtime = caches.pop("vot-runtime")
        assert any(map(wasm.fullmatch, runtime))
        assert any(re.fullmatch(rf"{re.escape(url)}/runtime/wheels/[0-9a-f]{{16}}/victorian_obligations_calculators-.*\.whl", entry)
                   for entry in runtime)
        [(name, entries)] = caches.items()
        assert name.startswith(f"vot-site-{dataset.RELEASE_VERSION}-"), name
        assert f"{url}/calculators/penalty/" in entries
        assert not [entry for entry in [*entries, *runtime] if "?" in entry], "a stored address kept its query"

        context.set_offline(True)
        server.close()  # the site is gone
        here = address(page)
        leave(page)  # and its Python stops, so the page that comes back starts one, offline
        assert page.goto(here).from_service_worker
        root = page.locator('.vot-calculator[data-command="penalty"]')
        expect(root).to_be_visible()
        root.get_by_label("A number of penalty units, in dollars").check()
        root.get_by_label("How many penalty units?").fill("10")
        fill_date(root, "On what date?", "1", "9", "2024")
        root.get_by_role("button", name="Calculate").click()
        expect(figure(root)).to_have_text("10 penalty units: $1,976")  # 10 × $197.59 = $1,975.90, to the nearest dollar
        expect(root.locator(".vot-result")).to_contain_text("$1,975.90")
        assert restored_from_snapshot(page)
        context.close()
    watch.check()


# ---- the training scenarios' embed links ------------------------------------------------------------------

def long_date(value: str) -> str:
    day = date.fromisoformat(value[:10])
    return f"{day.day} {day:%B %Y}"


def expected_texts(scenario: dict) -> list[str]:
    """What the embed page must show for the scenario's expected answer, worked from `expected` alone."""
    expected = scenario["expected"]
    if scenario["calculator"] == "penalty":
        return [f"${expected['rounded']:,}", f"${float(expected['amount']):,.2f}"]
    if scenario["calculator"] in ("deadline", "notify"):
        texts = [long_date(expected["due"])]
        if "T" in expected["due"]:  # a time of day, already Melbourne time in the expected value
            moment = datetime.fromisoformat(expected["due"])
            minutes = f":{moment:%M}" if moment.minute else ""  # the answer says times as people do: "9 am"
            texts.append(f"{moment.hour % 12 or 12}{minutes} {'am' if moment.hour < 12 else 'pm'}")
        return texts
    if scenario["calculator"] == "obligations":
        dues = [long_date(obligation["due"]) for obligation in expected["obligations"]]
        return [long_date(min(obligation["due"] for obligation in expected["obligations"])), *dues]
    if scenario["calculator"] == "retention":
        return [long_date(expected["earliest_destruction"])]
    if scenario["calculator"] == "check":
        checklist = next(c for c in CHECKLISTS if c["id"] == scenario["args"][1])
        label = periods.render(next(o["label"] for o in checklist["outcomes"] if o["id"] == expected["outcome"]))
        assert expected.get("label", label) == label
        return [label]
    raise AssertionError(scenario["calculator"])


FIRST_SCENARIOS = list({scenario["calculator"]: scenario for scenario in reversed(SCENARIOS)}.values())[::-1]


def test_every_calculator_has_a_scenario():
    assert {s["calculator"] for s in FIRST_SCENARIOS} == {"penalty", "deadline", "notify", "obligations",
                                                          "retention", "check"}


@pytest.mark.parametrize("scenario", FIRST_SCENARIOS, ids=lambda scenario: scenario["id"])
def test_scenario_embed_link_shows_the_expected_answer(page, scenario):
    """One page load per calculator: the scenario's embed link shows its expected answer, and the embed page
    with a result passes axe-core."""
    page.goto(f"/{scenario['embed']}")
    root = page.locator(f'.vot-calculator[data-command="{scenario["calculator"]}"]')
    texts = expected_texts(scenario)
    expect(figure(root)).to_contain_text(texts[0])
    for text in texts[1:]:
        expect(root.locator(".vot-result")).to_contain_text(text)
    expect(page.locator("details.vot-embed-builder")).to_have_count(0)
    assert_accessible(page, f"/embed/{scenario['calculator']}/ with a result")


# ---- accessibility (axe-core; the embed pages with a result are checked above) ---------------------------------


def test_axe_trainers_page(page):
    page.goto("/trainers/")
    expect(page.get_by_role("heading", name="For trainers", level=1)).to_be_visible()
    # Its own example frame loads and takes its content's height, from the same origin.
    frame = calculator_frame(page)
    expect(page.frame_locator('iframe[title="Embedded penalty calculator"]')
           .get_by_role("button", name="Show answer")).to_be_visible(timeout=FIRST_RESULT_MS)
    wait_for_frame_to_fit(page, frame, 'iframe[title="Embedded penalty calculator"]')
    # The embedded calculator worked out its answer without taking focus from this page or scrolling it.
    assert page.evaluate("() => document.activeElement === document.body && window.scrollY === 0")
    assert_accessible(page, "/trainers/")


def test_axe_dataset_page(page):
    page.goto("/dataset/")
    assert_accessible(page, "/dataset/")


def test_axe_dataset_browser_with_a_table(page):
    page.goto("/dataset/browse/?collection=offences")
    caption = page.locator(".vot-dataset table caption")
    expect(caption).to_have_text(re.compile(r"^offences: (\d+) of \1 records$"))
    assert page.locator(".vot-dataset tbody tr").count() > 0
    assert_accessible(page, "/dataset/browse/?collection=offences")
