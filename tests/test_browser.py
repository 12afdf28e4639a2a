"""Browser end-to-end: the built site in Debian's Chromium, driven by Playwright.

Each calculator page is filled in by its labels, computed in Pyodide (in a module worker) and checked against
a hand-worked figure and its citation. Every test also requires that no request leaves the site's origin and
that the page logs no error; axe-core (WCAG 2.2 AA) must find no violation.

Set VOT_BROWSER_SITE=<dir> to serve an already built site instead of building one (for iterating on these
tests only; the suite builds the real docs).
"""

from __future__ import annotations

import re
import time

import pytest
from playwright import sync_api

from browser_support import (
    FIRST_RESULT_MS,
    Site,
    Watch,
    address,
    axe_violations,
    choose,
    date_group,
    describe,
    fill_date,
    launched_chromium,
    serve_site,
    shared_site,
)

expect = sync_api.expect

TIMINGS: dict[str, float] = {}
BOOTS: list[float] = []  # seconds from page load to the first result, one per page that computed


@pytest.fixture(scope="module")
def served(tmp_path_factory, pytestconfig):
    """The site, served; its `requested` lists every path asked for (the Python worker's requests included)."""
    site, seconds = shared_site(tmp_path_factory)
    if seconds is not None:
        TIMINGS["site build"] = seconds
    with serve_site(Site(site)) as served:
        yield served
    # Shown even when pytest captures output.
    timings = [f"{name} {seconds:.1f} s" for name, seconds in TIMINGS.items()]
    if BOOTS:
        timings.append(f"first Pyodide boot (page load to first result) {BOOTS[0]:.1f} s, "
                       f"{len(BOOTS)} pages computed: mean {sum(BOOTS) / len(BOOTS):.1f} s, max {max(BOOTS):.1f} s")
    reporter = pytestconfig.pluginmanager.get_plugin("terminalreporter")
    capture = pytestconfig.pluginmanager.get_plugin("capturemanager")
    if reporter and capture and timings:
        with capture.global_and_fixture_disabled():
            reporter.write_line("\nbrowser tests: " + "; ".join(timings))


@pytest.fixture(scope="module")
def base_url(served):
    return served.url


@pytest.fixture(scope="module")
def browser():
    started = time.monotonic()
    with launched_chromium() as chromium:
        TIMINGS["browser launch"] = time.monotonic() - started
        yield chromium


@pytest.fixture
def watch(browser, base_url):
    """A fresh context, watched. Fails the test if any request left the site's origin (such requests are also
    aborted) or if a page logged an error."""
    context = browser.new_context(base_url=base_url, locale="en-AU", timezone_id="Australia/Melbourne")
    watch = Watch(context, base_url)
    watch.page = context.new_page()
    yield watch
    context.close()
    assert not watch.foreign, "requests left the site's origin:\n" + "\n".join(watch.foreign)
    assert not watch.errors, "the page logged errors:\n" + "\n".join(watch.errors)


@pytest.fixture
def page(watch):
    return watch.page


def open_calculator(page, name: str, query: str = ""):
    page.goto(f"/calculators/{name}/{query}")
    root = page.locator(f'.vot-calculator[data-command="{name}"]')
    expect(root).to_be_visible()
    return root


def wait_for_result(page, root):
    """Waits for the result (Pyodide boots first); records the time from page load to result."""
    result = root.locator(".vot-result")
    expect(result).to_be_visible(timeout=FIRST_RESULT_MS)
    started = page.evaluate("() => performance.timeOrigin")
    BOOTS.append((time.time() * 1000 - started) / 1000)
    return result


def assert_accessible(page, where: str):
    violations = axe_violations(page)
    assert not violations, f"axe-core found violations on {where}:\n{describe(violations)}"


def test_the_watch_sees_foreign_requests_from_pages_and_workers(browser, base_url):
    """The origin check is only as good as what it sees: a page's and a worker's requests both reach it. (The
    page's Content-Security-Policy would block both before they are made: it is bypassed here.)"""
    context = browser.new_context(base_url=base_url, bypass_csp=True)
    watch = Watch(context, base_url)
    page = context.new_page()
    page.goto("/command-line/")
    page.evaluate("""() => {
        fetch("http://192.0.2.1/from-page").catch(() => {});
        const code = 'fetch("http://192.0.2.1/from-worker").catch(() => {})';
        new Worker(URL.createObjectURL(new Blob([code], { type: "text/javascript" })));
    }""")
    for _ in range(50):
        if len(watch.foreign) >= 2:
            break
        page.wait_for_timeout(100)
    context.close()
    assert sorted(watch.foreign) == ["http://192.0.2.1/from-page", "http://192.0.2.1/from-worker"]
    assert any(url.endswith("/command-line/") for url in watch.requests)


def test_without_shared_workers_each_page_runs_its_own_python_and_asks_only_the_site(browser, served):
    """Where the browser has no SharedWorker (Chrome on Android, say), a calculator page starts the same worker as a
    dedicated one, for itself: it answers, and all its requests, in the watch's sight here, go to the site; two
    calculators' pages then have a Python each."""
    context = browser.new_context(base_url=served.url, locale="en-AU", timezone_id="Australia/Melbourne")
    context.add_init_script("delete window.SharedWorker;")
    watch = Watch(context, served.url)
    workers = []
    for name, query, expected in [("penalty", "?units=6&on=2024-09-01", "$1,186"),
                                  ("deadline", "?from=2025-04-11&days=7", "22 April 2025")]:
        page = context.new_page()
        root = open_calculator(page, name, query)
        expect(root.locator(".vot-result .vot-figure")).to_contain_text(expected, timeout=FIRST_RESULT_MS)
        workers.append(page.evaluate("document.documentElement.dataset.votWorker"))
        assert page.evaluate("typeof SharedWorker") == "undefined"
    context.close()
    assert workers[0] and workers[1] and workers[0] != workers[1]
    assert any(re.search(r"/runtime/pyodide-[0-9a-f]{16}/pyodide\.asm\.wasm$", url) for url in watch.requests), watch.requests
    assert any(re.search(r"/runtime/stdlib/[0-9a-f]{16}/python_stdlib\.zip$", url) for url in watch.requests)
    assert not watch.foreign, watch.foreign
    assert not watch.errors, watch.errors


def test_two_pages_share_one_python(browser, base_url):
    """Where the browser has a SharedWorker (Chromium does), two calculator pages of the site, in two tabs, are
    answered by the same Python, and each gets its own answers."""
    context = browser.new_context(base_url=base_url, locale="en-AU", timezone_id="Australia/Melbourne")
    watch = Watch(context, base_url)
    pages = [context.new_page(), context.new_page()]
    roots = [open_calculator(pages[0], "penalty", "?units=6&on=2024-09-01"),
             open_calculator(pages[1], "penalty", "?units=10&on=2024-09-01")]
    expect(roots[0].locator(".vot-figure")).to_have_text("6 penalty units: $1,186", timeout=FIRST_RESULT_MS)
    expect(roots[1].locator(".vot-figure")).to_have_text("10 penalty units: $1,976", timeout=FIRST_RESULT_MS)
    workers = [page.evaluate("document.documentElement.dataset.votWorker") for page in pages]
    assert workers[0] and workers[0] == workers[1]
    context.close()
    assert not watch.foreign and not watch.errors, watch.errors


# ---- each calculator, filled in by its labels ---------------------------------------------------------------

def test_penalty(page, watch, served):
    served.requested.clear()
    root = open_calculator(page, "penalty")
    root.get_by_label("A number of penalty units, in dollars").check()
    root.get_by_label("How many penalty units?").fill("6")
    fill_date(root, "On what date?", "1", "9", "2024")
    root.get_by_role("button", name="Calculate").click()
    result = wait_for_result(page, root)
    expect(result.locator(".vot-figure")).to_have_text("6 penalty units: $1,186")  # 6 × $197.59 = $1,185.54 (2024-25)
    expect(result).to_contain_text("$1,185.54")
    expect(result).to_contain_text("Monetary Units Act 2004")
    url = address(page)
    assert "units=6" in url and "on=2024-09-01" in url  # the result is a permalink
    # Everything the calculator needed came from the site itself, the worker's runtime and wheels included (the
    # site's server says: a SharedWorker's requests are not all seen by the watch).
    assert any(re.fullmatch(r"/runtime/pyodide-[0-9a-f]{16}/pyodide\.asm\.wasm", path) for path in served.requested)
    assert any(re.fullmatch(r"/runtime/wheels/[0-9a-f]{16}/[^/]+\.whl", path) for path in served.requested)



BUSY_AFTER_MS = 100  # calculators.js: a ready Python's answer shows "Working out your answer" only if slower


def test_pressing_calculate_says_it_was_heard_only_while_the_answer_is_slow(page):
    """While Python starts (seconds, on a first visit), pressing Calculate says at once that the answer is being
    worked out. Once Python is ready an answer takes milliseconds, and the status (a live region, read out by
    screen readers) says "Working out your answer" only if the answer has not come within BUSY_AFTER_MS."""
    root = open_calculator(page, "penalty")
    status = root.locator(".vot-status")
    root.get_by_label("A number of penalty units, in dollars").check()
    root.get_by_label("How many penalty units?").fill("6")
    fill_date(root, "On what date?", "1", "9", "2024")
    root.get_by_role("button", name="Calculate").click()
    expect(status).to_contain_text("Working out your answer")
    expect(status).to_contain_text("Python is starting")
    result = wait_for_result(page, root)
    expect(status).to_have_text("Ready.")
    page.evaluate("""() => {
        const status = document.querySelector(".vot-status");
        window.heard = { texts: [] };
        document.addEventListener("submit", () => { window.heard.pressed = performance.now(); }, true);
        new MutationObserver(() => {
            const figure = document.querySelector(".vot-figure")?.textContent;
            if (figure?.startsWith("7 ") && !window.heard.answered) window.heard.answered = performance.now();
            window.heard.texts.push([performance.now(), status.textContent]);
        }).observe(document.querySelector(".vot-calculator"), { subtree: true, childList: true, characterData: true });
    }""")
    root.get_by_label("How many penalty units?").fill("7")
    root.get_by_role("button", name="Calculate").click()
    expect(result.locator(".vot-figure")).to_have_text("7 penalty units: $1,383")  # 7 × $197.59 = $1,383.13
    heard = page.evaluate("window.heard")
    busy = [at - heard["pressed"] for at, text in heard["texts"] if "Working out" in text]
    assert all(after >= BUSY_AFTER_MS for after in busy), busy
    if heard["answered"] - heard["pressed"] < BUSY_AFTER_MS:
        assert not busy  # a quick answer, and nothing said before it
    expect(status).to_have_text("Ready.")


def test_penalty_for_a_ciss_offence_shows_its_protections(page):
    # CISS Ministerial Guidelines, Chapter 6: 60 penalty units for a person; 60 × $197.59 = $11,855.40 (2024-25).
    # The good-faith protection (individuals, not organisations) and the exemption for a child, their parents and
    # people living with the child are shown beside the fine.
    root = open_calculator(page, "penalty", "?offence=cwsa-ciss-unauthorised-use-or-disclosure&offender=individual"
                                            "&on=2025-03-01")
    result = wait_for_result(page, root)
    expect(result.locator(".vot-figure")).to_have_text("Maximum penalty for an individual: $11,855")
    expect(result.get_by_role("heading", name="Protections and exemptions")).to_be_visible()
    protections = result.locator(".vot-protections li")
    expect(protections).to_have_count(2)
    expect(protections.first).to_contain_text("good faith and with reasonable care")
    expect(protections.first).to_contain_text("not organisations")
    expect(protections.first).to_contain_text("Protection for individual workers")
    expect(protections.nth(1)).to_contain_text("people living with the child")
    assert_accessible(page, "/calculators/penalty/ with protections")


def test_deadline(page):
    root = open_calculator(page, "deadline")
    fill_date(root, "When did the event happen?", "11", "4", "2025")
    root.get_by_label("A number of days").check()
    root.get_by_label("How many days?").fill("7")
    root.get_by_label("An Act or regulation", exact=False).check()
    root.get_by_role("button", name="Calculate").click()
    result = wait_for_result(page, root)
    # Day 7 is Friday 18 April 2025, Good Friday; then Saturday, Sunday, Easter Monday: Tuesday 22 April.
    expect(result.locator(".vot-figure")).to_have_text("Act by the end of Tuesday 22 April 2025: the 7-day period ends that day.")
    expect(result).to_contain_text("Tuesday 22 April 2025")
    expect(result).to_contain_text("s 44")
    assert_accessible(page, "/calculators/deadline/ with a result")


def test_notify(page):
    root = open_calculator(page, "notify")
    choose(root, "What happened?", "treatment order", "Making a Treatment Order (TO)")
    fill_date(root, "When did it happen?", "5", "4", "2025", "10:00am")
    root.get_by_role("button", name="Calculate").click()
    result = wait_for_result(page, root)
    # 24 elapsed hours from 10:00 AEDT; daylight saving ends at 03:00 on Sunday 6 April: 09:00 AEST.
    expect(result.locator(".vot-figure")).to_have_text(
        "Notify IMHA by 9 am Sunday 6 April 2025 (clocks go back at 3 am that day).")
    expect(result).to_contain_text("Sunday 6 April 2025, 09:00 AEST")
    expect(result).to_contain_text("Appendix 1, Table 1")
    assert_accessible(page, "/calculators/notify/ with a result")



def test_notify_urgent_weekend_hearing_says_imha_is_not_notified(page):
    # IMHA protocol, 'Contacting consumers', note (ii): IMHA does not receive notifications of urgent MHT hearings
    # on the weekend; the MHT notifies the health service to tell the consumer of their right to speak to IMHA.
    root = open_calculator(page, "notify", "?trigger=mht-hearing&at=2025-05-03T10%3A00")
    result = wait_for_result(page, root)
    expect(result.locator(".vot-figure")).to_have_text("No notification to IMHA: an urgent MHT hearing on the weekend.")
    expect(result.locator(".admonition.warning")).to_contain_text("right to speak to IMHA")
    expect(result).to_contain_text("note (ii)")
    assert_accessible(page, "/calculators/notify/ with no due time")


def test_notify_concluded_shows_both_times(page):
    # Table 1, note *: forensic patient transported 09:00, concluded 12:00 on 10 June 2025. The row's 48 hours end
    # 12 June 09:00; 24 hours after the conclusion is 11 June 12:00, earlier, and the page says so.
    root = open_calculator(page, "notify", "?trigger=forensic-patient-transported&at=2025-06-10T09%3A00"
                                           "&concluded=2025-06-10T12%3A00")
    result = wait_for_result(page, root)
    expect(result.locator(".vot-figure")).to_contain_text("11 June 2025")
    expect(result.locator(".vot-answer")).to_contain_text("12 June 2025")
    expect(result.locator(".admonition.warning")).to_contain_text("earlier than the row's 48 hours")


def test_obligations(page):
    root = open_calculator(page, "obligations")
    choose(root, "What happened?", "change to services")
    fill_date(root, "On what date did the clock start?", "1", "4", "2025")
    root.get_by_role("button", name="Show obligations").click()
    result = wait_for_result(page, root)
    # 28 days after Tuesday 1 April 2025, the day of the change not counted: Tuesday 29 April 2025.
    expect(result.locator(".vot-figure")).to_contain_text("by Tuesday 29 April 2025.")
    expect(result).to_contain_text("29 April 2025")
    expect(result).to_contain_text("reg 35(1)")
    assert_accessible(page, "/calculators/obligations/ with a result")


def test_supported_residential_service_manager_gets_7_days_first(page):
    # Issue 17: a new day-to-day manager of a supported residential service (reg 12(1)(d)). The checklist lists
    # reg 35(2)(a)'s 7 days first and links to the obligations calculator, which gives it first too: 7 days after
    # Monday 14 April 2025 is Easter Monday, so Tuesday 22 April 2025 (ILA s 44).
    answers = "&".join(f"answer={pair}" for pair in ("role%3Dsrs-day-to-day-manager", "change%3Djoining",
                                                     "period%3Dmore-than-28-days"))
    root = open_calculator(page, "check", f"?checklist=ssr-reg-34-2&{answers}")
    result = wait_for_result(page, root)
    expect(result.locator(".vot-figure")).to_contain_text("notify within 7 days if it is also a staffing change")
    limits = result.locator(".vot-time-limits li")
    expect(limits).to_have_count(4)
    expect(limits.first).to_contain_text("7 days after the change occurs")
    expect(limits.first).to_contain_text("reg 35(2)(a)")
    link = result.get_by_role("link", name="Work out these dates in the provider obligations calculator")
    assert (link.get_attribute("href") or "").endswith("/calculators/obligations/#event=change-to-key-personnel")
    assert_accessible(page, "/calculators/check/ with time limits")
    link.click()  # the event chosen on the obligations page, from the fragment
    expect(page.locator('.vot-calculator[data-command="obligations"] select[name="event"]')).to_have_value(
        "change-to-key-personnel")
    root = open_calculator(page, "obligations", "?event=change-to-key-personnel&on=2025-04-14&answer=staffing-change=not-sure")
    first = wait_for_result(page, root).locator("li").first
    expect(first).to_contain_text("Due: ")
    expect(first).to_contain_text("22 April 2025")
    expect(first).to_contain_text("7 days after the change occurs")


def test_retention(page):
    root = open_calculator(page, "retention")
    root.get_by_label("Yes", exact=True).check()
    fill_date(root, "When was the action completed?", "30", "6", "2010")
    fill_date(root, "What is the client's date of birth?", "1", "1", "1985")
    root.get_by_role("button", name="Calculate").click()
    result = wait_for_result(page, root)
    # 25 years after completion end on 30 June 2035; the earliest day is the day after (the client is 50).
    expect(result.locator(".vot-figure")).to_have_text("You may destroy the record from Sunday 1 July 2035, not before.")
    expect(result).to_contain_text("PROS 22/05")
    assert_accessible(page, "/calculators/retention/ with a result")


# ciss-sharing (dataset/checklists.json), one question at a time, to "must not share": a prescribed entity's
# employee sharing voluntarily with another prescribed entity, not to promote a child's wellbeing or safety
# (threshold part 1 not met). Each answer is chosen by its visible label; the lookups are comboboxes, typed into.
CISS_MUST_NOT_SHARE = [
    ("discloser-prescribed", "Yes"),
    ("discloser", "Government schools"),
    ("employed", "Yes"),
    ("recipient-prescribed", "Yes"),
    ("recipient", "Child Protection"),
    ("situation", "Sharing voluntarily (proactively), without a request"),
    ("purpose", "No"),
]


def test_checklist_one_question_at_a_time(page):
    root = open_calculator(page, "check")
    root.get_by_label("Which question do you need answered?").select_option("ciss-sharing")
    questions = root.locator(".vot-questions")
    result = root.locator(".vot-result")
    for number, (key, answer) in enumerate(CISS_MUST_NOT_SHARE, start=1):
        question = questions.locator("fieldset.vot-question")
        expect(question).to_be_visible(timeout=FIRST_RESULT_MS if number == 1 else 10_000)
        expect(question.locator(f'[name="{key}"]').first, f"question {number} should be {key!r}").to_be_attached()
        expect(result).to_be_hidden()
        legend = question.locator("legend").inner_text()
        expect(question.get_by_role("heading", name=legend)).to_be_visible()  # the question is the heading
        if number > 1:
            expect(question.get_by_role("heading", name=legend)).to_be_focused()  # focus moved to it
        if question.locator("select").count():
            if key == "discloser":  # the first question built from a dataset lookup
                assert_accessible(page, "/calculators/check/ asking a lookup question")
            choose(question, legend, answer, answer)
        else:
            question.get_by_label(answer, exact=True).check()
        root.get_by_role("button", name="Continue").click()
        expect(root.locator("dl.vot-answers dt")).to_have_count(number)  # the answers so far, each changeable
    expect(result).to_be_visible()
    expect(questions.locator("fieldset.vot-question")).to_have_count(0)
    expect(result.locator(".vot-figure")).to_have_text("You must not share this information under the scheme")
    expect(result).to_contain_text("Part 1 is not met")
    expect(result).to_contain_text("'The threshold for sharing'")  # the citation
    url = address(page)
    assert "checklist=ciss-sharing" in url and "answer=purpose%3Dno" in url
    assert_accessible(page, "/calculators/check/ with an outcome")


# ---- permalinks and errors ---------------------------------------------------------------------------------

def test_permalink_computes_without_a_click(page):
    root = open_calculator(page, "penalty", "?units=6&on=2024-09-01")
    expect(root.get_by_label("How many penalty units?")).to_have_value("6")
    date = date_group(root, "On what date?")
    for part, value in (("Day", "1"), ("Month", "9"), ("Year", "2024")):
        expect(date.get_by_label(part, exact=True)).to_have_value(value)
    result = wait_for_result(page, root)
    expect(result.locator(".vot-figure")).to_have_text("6 penalty units: $1,186")


def test_an_unrecorded_year_shows_an_estimate_labelled_beside_the_figure(page):
    root = open_calculator(page, "penalty", "?units=6&on=2025-07-01")
    result = wait_for_result(page, root)
    # 2025-26 is not recorded: 6 × $197.59 (2024-25) = $1,185.54, shown as an estimate, not the official amount.
    expect(result.locator(".vot-figure")).to_have_text("6 penalty units: $1,186 (estimate)")
    notice = result.locator(".vot-answer .vot-notice")
    expect(notice).to_contain_text("Not the official amount")
    expect(notice).to_contain_text("Government Gazette")
    expect(result.locator(".admonition.warning")).to_have_count(0)  # said once, beside the figure
    assert_accessible(page, "/calculators/penalty/ with an estimate")


def test_a_date_before_the_law_commenced_gets_no_figure(page):
    root = open_calculator(page, "penalty", "?offence=ssra-s48-1&offender=individual&on=2024-06-30")
    summary = root.locator(".vot-error-summary")
    expect(summary).to_be_visible(timeout=FIRST_RESULT_MS)
    expect(summary).to_contain_text("1 July 2024")  # Social Services Regulations 2023, reg 3
    expect(root.locator(".vot-result")).to_be_hidden()


def test_bad_input_is_reported_at_the_field(page):
    root = open_calculator(page, "penalty")
    root.get_by_label("A number of penalty units, in dollars").check()
    root.get_by_label("How many penalty units?").fill("abc")
    fill_date(root, "On what date?", "1", "9", "2024")
    root.get_by_role("button", name="Calculate").click()
    summary = root.locator(".vot-error-summary")
    expect(summary).to_be_visible(timeout=FIRST_RESULT_MS)
    expect(summary.locator('a[href="#units"]')).to_be_visible()
    expect(summary).to_be_focused()
    expect(root.get_by_label("How many penalty units?")).to_have_attribute("aria-invalid", "true")
    expect(root.locator("#units-error")).to_be_visible()
    expect(root.locator(".vot-result")).to_be_hidden()
    summary.locator('a[href="#units"]').click()
    expect(root.get_by_label("How many penalty units?")).to_be_focused()


# ---- accessibility (axe-core) --------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/", "/guides/", "/calculators/", "/dataset/", "/api/", "/command-line/"])
def test_axe_static_pages(page, path):
    page.goto(path)
    assert_accessible(page, path)


def test_axe_calculator_before_and_after_a_result_and_in_error(page):
    root = open_calculator(page, "penalty")
    assert_accessible(page, "/calculators/penalty/ before computing")
    root.get_by_label("A number of penalty units, in dollars").check()
    root.get_by_label("How many penalty units?").fill("6")
    fill_date(root, "On what date?", "1", "9", "2024")
    root.get_by_role("button", name="Calculate").click()
    wait_for_result(page, root)
    assert_accessible(page, "/calculators/penalty/ with a result")
    root.get_by_label("How many penalty units?").fill("abc")
    root.get_by_role("button", name="Calculate").click()
    expect(root.locator(".vot-error-summary")).to_be_visible()
    assert_accessible(page, "/calculators/penalty/ in the error state")
