"""Browser end-to-end: real tasks, done as people do them (issue 16), at phone size (390×844) and desktop size.

Each task is filled in by the form's labels from the keyboard (type, arrows, Space, Enter), and checked against
an answer worked by hand from the law, and for the patterns: the answer first as a sentence to act on, an
impossible date refused with GOV.UK's message (never read as empty or today), the error summary and the
"Error: " title, offences found by typing "47(1)", the calendar file read back by a real iCalendar library, and
axe-core (WCAG 2.2 AA) finding nothing. One browser context per size, so Python boots once per size and later
pages restore its snapshot.

Set VOT_BROWSER_SITE=<dir> to serve an already built site instead of building one.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from playwright import sync_api

from browser_support import (
    FIRST_RESULT_MS,
    Watch,
    address,
    axe_violations,
    build_site,
    choose,
    date_group,
    describe,
    fill_date,
    launched_chromium,
    serve,
)

expect = sync_api.expect
MELBOURNE = ZoneInfo("Australia/Melbourne")
SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    prebuilt = os.environ.get("VOT_BROWSER_SITE")
    if prebuilt:
        site = Path(prebuilt)
    else:
        site = tmp_path_factory.mktemp("tasks") / "site"
        build_site(site)
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with launched_chromium() as chromium:
        yield chromium


@pytest.fixture(scope="module", params=list(SIZES))
def context(request, browser, base_url):
    """One context per screen size for all the tasks: Python boots on the first page and is restored after."""
    context = browser.new_context(base_url=base_url, viewport=SIZES[request.param], locale="en-AU",
                                  timezone_id="Australia/Melbourne", accept_downloads=True,
                                  has_touch=request.param == "phone", is_mobile=request.param == "phone")
    watch = Watch(context, base_url)
    context.watch = watch
    yield context
    context.close()
    assert not watch.foreign, "requests left the site's origin:\n" + "\n".join(watch.foreign)


@pytest.fixture
def page(context):
    page = context.new_page()
    before = len(context.watch.errors)
    yield page
    page.close()
    assert context.watch.errors[before:] == [], "the page logged errors:\n" + "\n".join(context.watch.errors[before:])


def open_calculator(page, name: str):
    page.goto(f"/calculators/{name}/")
    root = page.locator(f'.vot-calculator[data-command="{name}"]')
    expect(root).to_be_visible()
    return root


def press(page, locator, key: str = "Space"):
    """Moves focus to a control and presses a key there, as a keyboard user does."""
    locator.focus()
    page.keyboard.press(key)


def answer(root):
    result = root.locator(".vot-result")
    expect(result).to_be_visible(timeout=FIRST_RESULT_MS)
    expect(result.get_by_role("heading", name="Answer", level=2)).to_be_focused()  # focus moves to the answer
    return result


def assert_accessible(page, where: str):
    violations = axe_violations(page)
    assert not violations, f"axe-core found violations on {where}:\n{describe(violations)}"


def calendar_events(page, result) -> list:
    """Downloads the answer's calendar file by its link and reads it with the icalendar library."""
    with page.expect_download() as download:
        press(page, result.get_by_role("link", name="calendar", exact=False), "Enter")
    path = download.value.path()
    assert download.value.suggested_filename.endswith(".ics")
    return icalendar.Calendar.from_ical(Path(path).read_bytes()).walk("VEVENT")


# ---- 1. a company fined under s 47(1) ---------------------------------------------------------------------

def test_a_company_fined_under_s_47_1_gets_the_infringement_penalty_named(page):
    root = open_calculator(page, "penalty")
    press(page, root.get_by_label("The penalty for an offence"))
    box = choose(root, "Which offence?", "47(1)")  # found by its section number
    expect(box).to_have_value(root.locator("#offence-select option[value='ssra-s47-1']").inner_text())
    press(page, root.get_by_label("A body corporate", exact=False))
    kind = root.get_by_role("group", name="Which penalty?")
    expect(kind).to_be_visible()  # s 47(1) has both an infringement and a maximum penalty
    expect(kind).to_contain_text("on-the-spot fine")  # the hint says what each is
    press(page, kind.get_by_label("The infringement penalty"))

    # 31 February is not a date: an error, never an answer for today.
    fill_date(root, "On what date?", "31", "2", "2025")
    press(page, root.get_by_role("button", name="Calculate"), "Enter")
    summary = root.locator(".vot-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name="Date must be a real date")).to_be_visible()
    assert page.title().startswith("Error: ")
    day = date_group(root, "On what date?").get_by_label("Day", exact=True)
    expect(day).to_have_attribute("aria-invalid", "true")
    expect(root.locator("#on-error")).to_have_text("Error: Date must be a real date")
    expect(root.locator(".vot-result")).to_be_hidden()
    assert_accessible(page, "the penalty page with an impossible date")
    press(page, summary.get_by_role("link", name="Date must be a real date"), "Enter")
    expect(day).to_be_focused()

    # 1 September 2024 (2024-25): SSR 2023 reg 46, Sch 5 item 1 sets 10 penalty units for a body corporate;
    # 10 × $197.59 = $1,975.90, $1,976 to the nearest dollar. The maximum (s 47(1)) is 100 units, $19,759.
    fill_date(root, "On what date?", "1", "9", "2024")
    press(page, root.get_by_role("button", name="Calculate"), "Enter")
    result = answer(root)
    expect(result.locator(".vot-figure")).to_have_text("Infringement penalty for a body corporate: $1,976")
    expect(result).to_contain_text("Sch 5")
    assert not page.title().startswith("Error")
    url = address(page)
    assert "offence=ssra-s47-1" in url and "kind=infringement" in url and "on=2024-09-01" in url
    assert_accessible(page, "the penalty page with an answer")


# ---- 2. a regulator's request the Thursday before Easter ----------------------------------------------------

def test_a_regulator_request_the_thursday_before_easter(page):
    root = open_calculator(page, "obligations")
    choose(root, "What happened?", "regulator asks")
    # Thursday 2 April 2026; Good Friday is 3 April. SSR 2023 reg 37: "14 days after the request is made";
    # ILA s 44: the day of the request is not counted, so day 14 is Thursday 16 April 2026, a working day.
    fill_date(root, "On what date did the clock start?", "2", "4", "2026")
    press(page, root.get_by_role("button", name="Show obligations"), "Enter")
    result = answer(root)
    expect(result.locator(".vot-figure")).to_have_text(
        "Give further information the Regulator requests by Thursday 16 April 2026.")
    [event] = calendar_events(page, result)
    assert event.decoded("DTSTART") == dt.date(2026, 4, 16)
    assert "reg 37" in str(event["DESCRIPTION"])
    assert_accessible(page, "the obligations page with an answer")


def test_the_same_rule_is_found_by_typing_reg_37(page):
    root = open_calculator(page, "deadline")
    fill_date(root, "When did the event happen?", "2", "4", "2026")
    press(page, root.get_by_label("A rule in the law or a protocol", exact=False))
    choose(root, "Which rule?", "reg 37")
    press(page, root.get_by_role("button", name="Calculate"), "Enter")
    result = answer(root)
    expect(result.locator(".vot-figure")).to_have_text(
        "Give further information the Regulator requests by Thursday 16 April 2026.")
    assert "rule=ssr-reg-37" in address(page)


# ---- 3. a treatment order at 11 pm on the night daylight saving ends -----------------------------------------

def test_a_treatment_order_at_11_pm_the_night_clocks_go_back(page):
    root = open_calculator(page, "notify")
    choose(root, "What happened?", "treatment order", "Making a Treatment Order (TO)")
    # 11 pm Saturday 4 April 2026 is 23:00 AEDT (UTC+11). Daylight saving ends at 3 am on Sunday 5 April, when
    # the clocks go back to 2 am. 24 elapsed hours (IMHA protocol, Appendix 1, Table 1) end at 22:00 AEST.
    fill_date(root, "When did it happen?", "4", "4", "2026", "11pm")
    press(page, root.get_by_role("button", name="Calculate"), "Enter")
    result = answer(root)
    expect(result.locator(".vot-figure")).to_have_text(
        "Notify IMHA by 10 pm Sunday 5 April 2026 (clocks go back at 3 am that day).")
    [event] = calendar_events(page, result)
    assert event.decoded("DTSTART") == dt.datetime(2026, 4, 5, 22, 0, tzinfo=MELBOURNE)
    assert event.decoded("DTSTART").utcoffset() == dt.timedelta(hours=10)
    assert "Appendix 1, Table 1" in str(event["DESCRIPTION"])
    assert "at=2026-04-04T23%3A00" in address(page)
    assert_accessible(page, "the notification page with an answer")


def test_a_time_the_clocks_showed_twice_asks_which_one(page):
    root = open_calculator(page, "notify")
    choose(root, "What happened?", "treatment order", "Making a Treatment Order (TO)")
    # Daylight saving ends at 3 am on Sunday 5 April 2026: clocks go back to 2 am, so 2:30 am happens at 2:30 AEDT
    # (15:30 UTC on 4 April) and again an hour later at 2:30 AEST (16:30 UTC). The page must not pick one.
    fill_date(root, "When did it happen?", "5", "4", "2026", "2:30am")
    press(page, root.get_by_role("button", name="Calculate"), "Enter")
    summary = root.locator(".vot-error-summary")
    expect(summary.get_by_role("link")).to_have_text(["Select which 2:30 am you mean"], timeout=FIRST_RESULT_MS)
    expect(root.locator(".vot-result")).to_be_hidden()
    assert page.title().startswith("Error: ")
    which = root.get_by_role("group", name="Which 2:30 am on Sunday 5 April 2026?")
    expect(which).to_contain_text("clocks went back from 3 am to 2 am")
    first = which.get_by_role("radio", name="2:30 am AEDT (the first time)")
    second = which.get_by_role("radio", name="2:30 am AEST (the second time, an hour later)")
    expect(first).not_to_be_checked()
    expect(second).not_to_be_checked()
    press(page, summary.get_by_role("link"), "Enter")  # the link takes focus to the question
    expect(first).to_be_focused()
    assert_accessible(page, "the notification page asking which 2:30 am")
    press(page, second)
    press(page, root.get_by_role("button", name="Calculate"), "Enter")
    # 2:30 AEST (16:30 UTC, 4 April) + 24 elapsed hours (IMHA protocol, Appendix 1, Table 1) = 16:30 UTC on
    # 5 April: 2:30 am AEST on Monday 6 April 2026, no clock change in between.
    result = answer(root)
    expect(result.locator(".vot-figure")).to_have_text("Notify IMHA by 2:30 am Monday 6 April 2026.")
    expect(result.locator(".vot-entered")).to_contain_text("5 April 2026 at 2:30 am AEST")
    assert "at=2026-04-05T02%3A30%2B10%3A00" in address(page)
    # The permalink shows the question again with the choice made, and the same answer.
    page.reload()
    root = page.locator('.vot-calculator[data-command="notify"]')
    expect(root.locator(".vot-result .vot-figure")).to_have_text("Notify IMHA by 2:30 am Monday 6 April 2026.",
                                                                timeout=FIRST_RESULT_MS)
    expect(root.get_by_role("radio", name="2:30 am AEST (the second time, an hour later)")).to_be_checked()
    # The first 2:30 am (AEDT, 15:30 UTC) + 24 hours = 15:30 UTC on 5 April: 1:30 am AEST on Monday 6 April.
    press(page, root.get_by_role("radio", name="2:30 am AEDT (the first time)"))
    press(page, root.get_by_role("button", name="Calculate"), "Enter")
    expect(root.locator(".vot-result .vot-figure")).to_have_text(
        "Notify IMHA by 1:30 am Monday 6 April 2026 (clocks go back at 3 am on Sunday 5 April).")
    # Another time is another question: the follow-up goes with the time it asked about.
    fill_date(root, "When did it happen?", "5", "4", "2026", "1:30am")
    expect(root.get_by_role("group", name="Which 2:30 am on Sunday 5 April 2026?")).to_have_count(0)


def test_a_time_the_clocks_skipped_is_refused(page):
    root = open_calculator(page, "notify")
    choose(root, "What happened?", "treatment order", "Making a Treatment Order (TO)")
    # Daylight saving begins at 2 am on Sunday 5 October 2025: clocks go forward to 3 am, so no 2:30 am that day.
    group = fill_date(root, "When did it happen?", "5", "10", "2025", "2:30am")
    press(page, root.get_by_role("button", name="Calculate"), "Enter")
    summary = root.locator(".vot-error-summary")
    message = "There was no 2:30 am on Sunday 5 October 2025: clocks went forward from 2 am to 3 am"
    expect(summary.get_by_role("link")).to_have_text([message], timeout=FIRST_RESULT_MS)
    expect(root.locator("#at-error")).to_contain_text(message)
    time = group.get_by_label("Time", exact=True)
    expect(time).to_have_attribute("aria-invalid", "true")
    expect(root.locator(".vot-result")).to_be_hidden()
    press(page, summary.get_by_role("link"), "Enter")
    expect(time).to_be_focused()


def test_a_time_that_is_not_a_time_is_refused(page):
    root = open_calculator(page, "notify")
    choose(root, "What happened?", "treatment order", "Making a Treatment Order (TO)")
    fill_date(root, "When did it happen?", "4", "4", "", "25pm")
    press(page, root.get_by_role("button", name="Calculate"), "Enter")
    summary = root.locator(".vot-error-summary")
    expect(summary.get_by_role("link")).to_have_text(["Date must include a year"])
    fill_date(root, "When did it happen?", "4", "4", "2026", "25pm")
    press(page, root.get_by_role("button", name="Calculate"), "Enter")
    expect(summary.get_by_role("link")).to_have_text(["Time must be a real time, like 9:30am or 21:30"])
    expect(root.locator(".vot-result")).to_be_hidden()


# ---- 4. a caseworker sharing with a school --------------------------------------------------------------------

CASEWORKER_TO_SCHOOL = [  # CISS Ministerial Guidelines, Chapter 1 and Appendix 2
    ("Yes", None), ("Child Protection", "Child Protection"), ("Yes", None), ("Yes", None),
    ("Government schools", "Government schools"), ("Sharing voluntarily (proactively), without a request", None),
    ("Yes", None), ("providing a service relating to a child or group of children", None),
    ("None of these, so far as I know", None), ("No", None),
]


def test_a_caseworker_sharing_with_a_school_one_question_per_screen(page):
    root = open_calculator(page, "check")
    root.get_by_label("Which question do you need answered?").select_option(
        label="May I share this information with another information sharing entity?")
    questions = root.locator(".vot-questions")
    for number, (answer_label, typed) in enumerate(CASEWORKER_TO_SCHOOL, start=1):
        question = questions.locator("fieldset.vot-question")
        expect(question).to_be_visible(timeout=FIRST_RESULT_MS)
        heading = question.get_by_role("heading", level=2)
        if number > 1:
            expect(heading).to_be_focused()  # focus moves to the question, which is the heading
        if typed:
            choose(question, heading.inner_text(), typed, answer_label)
        else:
            press(page, question.get_by_label(answer_label, exact=True))
        if number == 3:  # Back, then the same answer again: the answers so far survive
            press(page, root.get_by_role("button", name="Continue"), "Enter")
            expect(questions.locator("dl.vot-answers dt")).to_have_count(3)
            press(page, questions.get_by_role("button", name="Back"), "Enter")
            expect(questions.locator("dl.vot-answers dt")).to_have_count(2)
            press(page, questions.get_by_label("Yes", exact=True))
        press(page, root.get_by_role("button", name="Continue"), "Enter")
    result = root.locator(".vot-result")
    expect(result).to_be_visible()
    # Both prescribed, the worker employed, sharing voluntarily; all three parts of the threshold are met
    # (Chapter 1, 'Voluntary information sharing', 'The threshold for sharing'): may share.
    expect(result.locator(".vot-figure")).to_have_text("You may share the information voluntarily")
    assert "answer=recipient%3Dgovernment-schools" in address(page)
    # The answers survive a reload: the address holds them.
    page.reload()
    expect(page.locator(".vot-result .vot-figure")).to_have_text("You may share the information voluntarily",
                                                                 timeout=FIRST_RESULT_MS)
    assert_accessible(page, "the checklist with an outcome")


# ---- 5. a premises change ------------------------------------------------------------------------------------

def test_a_premises_change_over_christmas(page):
    root = open_calculator(page, "obligations")
    choose(root, "What happened?", "premises", "A change to our premises")
    # Friday 19 December 2025. SSR 2023 reg 35(1): within 28 days after the change occurs (s 47(1)(d));
    # ILA s 44: the day of the change is not counted; day 1 is Saturday 20 December, day 28 Friday 16 January
    # 2026, a working day (the holidays fall inside the period, which only the last day's holiday moves).
    fill_date(root, "On what date did the clock start?", "19", "12", "2025")
    press(page, root.get_by_role("button", name="Show obligations"), "Enter")
    result = answer(root)
    expect(result.locator(".vot-figure")).to_have_text(
        "Notify a change under s 47(1)(a), (c), (d), (e) or (g) by Friday 16 January 2026.")
    [event] = calendar_events(page, result)
    assert event.decoded("DTSTART") == dt.date(2026, 1, 16)
    assert "reg 35(1)" in str(event["DESCRIPTION"])
    assert "event=change-to-premises" in address(page)


def test_a_key_personnel_change_asks_which_deadline_applies(page):
    root = open_calculator(page, "obligations")
    choose(root, "What happened?", "key personnel", "A change to our key personnel")
    fill_date(root, "On what date did the clock start?", "14", "4", "2025")
    press(page, root.get_by_role("button", name="Show obligations"), "Enter")
    # Reg 35(2) sets its periods for a change referred to in s 47(1)(b): that is asked first, one question a screen.
    staffing = "Is the change to key personnel also a change to your staffing under s 47(1)(b) of the Act?"
    expect(root.get_by_role("heading", name=staffing)).to_be_focused(timeout=FIRST_RESULT_MS)
    expect(root.locator(".vot-result")).to_be_hidden()
    assert_accessible(page, "the obligations page asking a screening question")
    press(page, root.get_by_role("button", name="Continue"), "Enter")
    expect(root.locator(".vot-error-summary").get_by_role("link")).to_have_text(["Answer this question to continue"])
    press(page, root.get_by_role("radio", name="Yes", exact=True))
    press(page, root.get_by_role("button", name="Continue"), "Enter")
    expect(root.get_by_role("heading", name="Are you a registered social service provider of a supported residential "
                                            "service?")).to_be_focused()
    press(page, root.get_by_role("radio", name="Yes", exact=True))
    press(page, root.get_by_role("button", name="Continue"), "Enter")
    expect(root.get_by_role("heading", name="Are you an unincorporated body that does not have a committee of "
                                            "management?")).to_be_focused()
    press(page, root.get_by_role("radio", name="No", exact=True))
    press(page, root.get_by_role("button", name="Continue"), "Enter")
    # Reg 35(2)(a): 7 days after Monday 14 April 2025 is Easter Monday, so Tuesday 22 April 2025 (ILA s 44);
    # reg 35(4)(b) applies whatever the answers: 28 days, Monday 12 May 2025.
    result = answer(root)
    expect(result.locator(".vot-figure")).to_have_text("Notify a change under s 47(1)(b): supported residential service "
                                                       "by Tuesday 22 April 2025. 1 more deadline also applies: see below.")
    expect(result.get_by_role("heading", name="The deadlines that apply")).to_be_visible()
    assert [event.decoded("DTSTART") for event in calendar_events(page, result)] == [dt.date(2025, 4, 22),
                                                                                    dt.date(2025, 5, 12)]
    url = address(page)
    assert "answer=staffing-change%3Dyes" in url and "answer=unincorporated-body%3Dno" in url
    # Not sure after all: every rule that may apply, the shortest first, each with its condition.
    press(page, root.get_by_role("button", name=f"Change your answer to: {staffing}"), "Enter")
    expect(root.get_by_role("heading", name=staffing)).to_be_focused()
    press(page, root.get_by_role("radio", name="Not sure"))
    press(page, root.get_by_role("button", name="Continue"), "Enter")
    result = answer(root)
    expect(result.locator(".vot-figure")).to_have_text("Notify a change under s 47(1)(b): supported residential service "
                                                       "by Tuesday 22 April 2025. 3 more deadlines may apply: see which below.")
    items = result.get_by_role("heading", name="Every deadline that may apply").locator("xpath=following-sibling::ul[1]/li")
    expect(items).to_have_count(4)
    expect(items.nth(1)).to_contain_text("May apply: If you are an unincorporated body")
    assert_accessible(page, "the obligations page with the deadlines that may apply")
    url = address(page)
    page.goto("about:blank")
    page.goto(url)  # the answers live in the address
    root = page.locator('.vot-calculator[data-command="obligations"]')
    expect(root.locator(".vot-result .vot-figure")).to_contain_text("3 more deadlines may apply", timeout=FIRST_RESULT_MS)


# ---- 6. a retention question ------------------------------------------------------------------------------------

def test_retention_asks_first_whether_it_is_an_advocacy_record(page):
    root = open_calculator(page, "retention")
    scope = root.get_by_role("group", name="Is this a record of non-legal advocacy?")
    expect(scope).to_contain_text("PROS 22/05 class 1.3")
    expect(root.get_by_role("group", name="When was the action completed?")).to_be_hidden()
    # A caseworker's file about a child is not an advocacy record: no date is given for it.
    press(page, scope.get_by_label("No, or I am not sure"))
    expect(root.get_by_role("heading", name="This calculator cannot answer that")).to_be_visible()
    expect(root.get_by_role("button", name="Calculate")).to_be_hidden()
    press(page, scope.get_by_label("Yes", exact=True))
    # PROS 22/05 class 1.3: 25 years after completion (30 June 2010: the years end on 30 June 2035) and the
    # client 25 (born 1 January 1985: 25 on 1 January 2010); the later governs: from Sunday 1 July 2035.
    fill_date(root, "When was the action completed?", "30", "6", "2010")
    fill_date(root, "What is the client's date of birth?", "1", "1", "1985")
    press(page, root.get_by_role("button", name="Calculate"), "Enter")
    result = answer(root)
    expect(result.locator(".vot-figure")).to_have_text("You may destroy the record from Sunday 1 July 2035, not before.")
    assert_accessible(page, "the retention page with an answer")


# ---- every problem at once, and permalinks that keep working ---------------------------------------------------

def test_every_problem_is_listed_and_linked(page):
    root = open_calculator(page, "retention")
    press(page, root.get_by_label("Yes", exact=True))
    fill_date(root, "When was the action completed?", "31", "13", "2010")
    press(page, root.get_by_role("button", name="Calculate"), "Enter")
    summary = root.locator(".vot-error-summary")
    expect(summary.get_by_role("link")).to_have_text(["Date must be a real date", "Enter the client's date of birth"])
    assert page.title().startswith("Error: ")
    expect(date_group(root, "When was the action completed?").get_by_label("Month", exact=True)) \
        .to_have_attribute("aria-invalid", "true")
    press(page, summary.get_by_role("link", name="Enter the client's date of birth"), "Enter")
    expect(date_group(root, "What is the client's date of birth?").get_by_label("Day", exact=True)).to_be_focused()


def test_old_permalinks_with_iso_dates_keep_working(page):
    page.goto("/calculators/notify/?trigger=treatment-order-made&at=2025-04-05T10:00")
    root = page.locator('.vot-calculator[data-command="notify"]')
    result = root.locator(".vot-result")
    expect(result).to_be_visible(timeout=FIRST_RESULT_MS)
    # 10:00 AEDT + 24 elapsed hours; the clocks go back at 3 am on Sunday 6 April 2025: 9 am AEST.
    expect(result.locator(".vot-figure")).to_contain_text("Notify IMHA by 9 am Sunday 6 April 2025")
    group = date_group(root, "When did it happen?")
    expect(group.get_by_label("Time", exact=True)).to_have_value("10:00")
    expect(group.get_by_label("Year", exact=True)).to_have_value("2025")
    # A permalink shows its answer without taking focus from the top of the page.
    assert page.evaluate("() => document.activeElement === document.body")
    assert page.evaluate("() => window.scrollY") == 0


# ---- print: one answer on at most two A4 pages, with what was entered, the working and the date of the law ----

def test_an_answer_prints_on_two_a4_pages_at_most(page):
    # The longest answer: a change to key personnel, not sure if it is a staffing change: four deadlines, each with
    # its working.
    page.goto("/calculators/obligations/?event=change-to-key-personnel&on=2025-04-14&answer=staffing-change%3Dnot-sure")
    result = page.locator(".vot-result")
    expect(result).to_be_visible(timeout=FIRST_RESULT_MS)
    page.emulate_media(media="print")
    for shown in (result.locator(".vot-figure"), result.get_by_role("heading", name="What you entered"),
                  result.get_by_role("heading", name="How this was worked out"), result.locator(".vot-meta").first):
        expect(shown).to_be_visible()
    expect(result).to_contain_text("law as at")
    expect(result).to_contain_text("A change to our key personnel")  # the input, as the form words it
    expect(page.locator(".md-sidebar").first).to_be_hidden()
    expect(page.get_by_role("heading", name="Events and their rules")).to_be_hidden()  # the page's tables: not printed
    pdf = page.pdf(format="A4", print_background=False)
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    page.emulate_media(media="screen")
    assert 1 <= pages <= 2, f"the answer prints on {pages} A4 pages"


# ---- trainers: the embed code is ready before Calculate, its lock options named as the form labels them ------

def test_the_embed_code_follows_the_form_before_calculate(page):
    root = open_calculator(page, "penalty")
    press(page, root.get_by_label("A number of penalty units, in dollars"))
    root.get_by_label("How many penalty units?").fill("6")
    fill_date(root, "On what date?", "1", "9", "2024")
    panel = page.locator("details.vot-embed-builder")
    panel.locator("summary").click()
    expect(panel.get_by_label("Lock “How many penalty units?”")).to_be_visible()
    expect(panel.get_by_label("Lock “On what date?”")).to_be_visible()
    expect(panel.get_by_text("Lock “units”")).to_have_count(0)  # never the internal name
    panel.get_by_label("Lock “How many penalty units?”").check()
    code = panel.get_by_label("Code to paste").input_value()
    assert "units=6&amp;on=2024-09-01&amp;lock=units" in code or "units=6&on=2024-09-01&lock=units" in code, code
    expect(root.locator(".vot-result")).to_be_hidden()  # nothing was calculated
