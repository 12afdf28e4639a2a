"""Browser end-to-end: the calculators as readers meet them (issue 23, items 2, 3, 7 and 8).

- The time as typed: a device outside Melbourne's time zone echoes the time typed, and gets the same due time and
  calendar file (the browser's zone set to Perth, UTC and Los Angeles).
- The answer in view: after the last answer of every checklist, and after a calculation, on a phone, the answer's
  heading is focused and in view, with "Your answers" after it.
- Typed input stays on the device: the inputs live in the address's fragment, which no request to the host carries;
  old query-string permalinks still answer, and are rewritten to the fragment.
- No traceback in the browser: ids that look like flags, `--answer=--` and an hour question in 9999 get the
  command line's clear errors (or its answer).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit
from zoneinfo import ZoneInfo

import icalendar
import pytest
from playwright import sync_api

from calculators import checklists, dataset

from browser_support import (
    FIRST_RESULT_MS,
    Site,
    Watch,
    address,
    choose,
    fill_date,
    launched_chromium,
    serve_site,
    shared_site,
)

expect = sync_api.expect
MELBOURNE = ZoneInfo("Australia/Melbourne")
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    site, _ = shared_site(tmp_path_factory)
    with serve_site(Site(site)) as served:
        yield served


@pytest.fixture(scope="module")
def browser():
    with launched_chromium() as chromium:
        yield chromium


def new_page(browser, served, zone: str = "Australia/Melbourne", viewport: dict | None = None, watches: list | None = None):
    """A page in a fresh context on a device in `zone`, watched (no foreign request, no logged error)."""
    context = browser.new_context(base_url=served.url, locale="en-AU", timezone_id=zone, viewport=viewport or DESKTOP,
                                  accept_downloads=True, is_mobile=viewport == PHONE, has_touch=viewport == PHONE)
    watch = Watch(context, served.url)
    if watches is not None:
        watches.append(watch)
    return context.new_page()


@pytest.fixture
def watches():
    """The watches of the test's contexts: each must have seen no foreign request and no error."""
    found: list[Watch] = []
    yield found
    for watch in found:
        assert not watch.foreign, "requests left the site's origin:\n" + "\n".join(watch.foreign)
        assert not watch.errors, "the page logged errors:\n" + "\n".join(watch.errors)


def calculator(page, name: str):
    root = page.locator(f'.vot-calculator[data-command="{name}"]')
    expect(root).to_be_visible()
    return root


def answer_heading(root):
    result = root.locator(".vot-result")
    expect(result).to_be_visible(timeout=FIRST_RESULT_MS)
    return result.get_by_role("heading", name="Answer", level=2)


def assert_in_view_and_focused(page, heading, where: str):
    """Focused, and wholly in the window below the site's header (which stays at the top as the page scrolls)."""
    expect(heading).to_be_focused()
    expect(heading).to_be_in_viewport(ratio=1)
    box = heading.bounding_box()
    header = page.locator(".md-header").bounding_box()
    top = header["y"] + header["height"] if header and page.locator(".md-header").is_visible() else 0
    assert box and box["y"] >= top - 1, f"{where}: the answer's heading is under the header ({box}, header ends {top})"


def calendar_events(page, result) -> list:
    with page.expect_download() as download:
        result.get_by_role("link", name="calendar", exact=False).click()
    return icalendar.Calendar.from_ical(Path(download.value.path()).read_bytes()).walk("VEVENT")


# ---- 2. the time as typed, on a device in any zone -------------------------------------------------------------

ZONES = ["Australia/Perth", "UTC", "America/Los_Angeles"]


@pytest.mark.parametrize("zone", ZONES)
def test_the_time_typed_is_echoed_as_typed_on_a_device_in_another_zone(browser, served, watches, zone):
    page = new_page(browser, served, zone, watches=watches)
    assert page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") == zone

    # Notification: 10:00 on Saturday 5 April 2025 is 10:00 AEDT (UTC+11) in Melbourne. 24 elapsed hours (IMHA
    # protocol, Appendix 1, Table 1) end at 23:00 UTC on 5 April; daylight saving ended at 3 am on Sunday
    # 6 April, so that is 9 am AEST on Sunday 6 April 2025.
    page.goto("/calculators/notify/")
    root = calculator(page, "notify")
    choose(root, "What happened?", "treatment order", "Making a Treatment Order (TO)")
    fill_date(root, "When did it happen?", "5", "4", "2025", "10:00")
    root.get_by_role("button", name="Calculate").click()
    result = root.locator(".vot-result")
    expect(result.locator(".vot-figure")).to_have_text(
        "Notify IMHA by 9 am Sunday 6 April 2025 (clocks go back at 3 am that day).", timeout=FIRST_RESULT_MS)
    echo = result.locator(".vot-entered")
    expect(echo).to_contain_text("5 April 2025 at 10:00 am, Melbourne time")
    for wrong in ("1:00 pm", "2:00 am", "3:00 pm", "9:00 pm", "4:00 pm"):
        expect(echo).not_to_contain_text(wrong)
    [event] = calendar_events(page, result)
    assert event.decoded("DTSTART") == dt.datetime(2025, 4, 6, 9, 0, tzinfo=MELBOURNE)
    assert event.decoded("DTSTART").utcoffset() == dt.timedelta(hours=10)
    assert dict(parse_qsl(urlsplit(address(page)).fragment))["at"] == "2025-04-05T10:00"

    # Deadline: 9:00 AEDT on Saturday 5 April 2025 plus 24 elapsed hours is 22:00 UTC on 5 April: 8 am AEST on
    # Sunday 6 April 2025, the clocks having gone back at 3 am that day.
    page.goto("/calculators/deadline/")
    root = calculator(page, "deadline")
    root.get_by_label("A number of hours").check()
    root.get_by_label("How many hours?").fill("24")
    fill_date(root, "When did the event happen?", "5", "4", "2025", "9:00am")
    root.get_by_role("button", name="Calculate").click()
    result = root.locator(".vot-result")
    expect(result.locator(".vot-figure")).to_have_text(
        "Act by 8 am Sunday 6 April 2025, when the 24-hour period ends (clocks go back at 3 am that day).",
        timeout=FIRST_RESULT_MS)
    expect(result.locator(".vot-entered")).to_contain_text("5 April 2025 at 9:00 am, Melbourne time")
    [event] = calendar_events(page, result)
    assert event.decoded("DTSTART") == dt.datetime(2025, 4, 6, 8, 0, tzinfo=MELBOURNE)

    # A time given with its offset (the second 2:30 am of 5 April 2026, AEST) is shown as Melbourne showed it.
    page.goto("/calculators/notify/#trigger=treatment-order-made&at=2026-04-05T02%3A30%2B10%3A00")
    result = calculator(page, "notify").locator(".vot-result")
    expect(result.locator(".vot-figure")).to_have_text("Notify IMHA by 2:30 am Monday 6 April 2026.",
                                                       timeout=FIRST_RESULT_MS)
    expect(result.locator(".vot-entered")).to_contain_text("5 April 2026 at 2:30 am AEST")


# ---- 3. the answer in view, on a phone ---------------------------------------------------------------------------

def path_to_an_outcome(checklist_id: str) -> tuple[list[tuple[dict, str]], str]:
    """Each question of a walk to an outcome with the answer given (the first allowed; the first record of a
    lookup), and the outcome's label: worked out by the calculators, for the page to be walked the same way."""
    answers: dict[str, str] = {}
    walk = []
    while True:
        result = checklists.evaluate(checklist_id, answers).model_dump(mode="json")
        if result["outcome"] != "incomplete":
            return walk, result["label"]
        question = result["next_question"]
        if question["kind"] == "lookup":
            value = dataset.load(question["lookup"]).records[0].id
        elif question.get("multiple"):
            value = "none" if "none" in question["allowed"] else question["allowed"][0]
        else:
            value = question["allowed"][0]
        answers[question["key"]] = value
        walk.append((question, value))


def lookup_name(collection: str, record_id: str) -> str:
    record = [record for record in dataset.load(collection).records if record.id == record_id][-1]
    return getattr(record, "name", None) or getattr(record, "title", None) or record.id


def test_every_checklist_ends_with_its_answer_in_view_and_focused_on_a_phone(browser, served, watches):
    page = new_page(browser, served, viewport=PHONE, watches=watches)
    page.goto("/calculators/check/")
    root = calculator(page, "check")
    questions = root.locator(".vot-questions")
    for listed in checklists.list_checklists():
        walk, label = path_to_an_outcome(listed["id"])
        root.get_by_label("Which question do you need answered?").select_option(listed["id"])
        for number, (question, value) in enumerate(walk, start=1):
            fieldset = questions.locator(f'fieldset.vot-question[data-key="{question["key"]}"]')
            expect(fieldset, f"{listed['id']}: question {number}").to_be_visible(timeout=FIRST_RESULT_MS)
            if question["kind"] == "lookup":
                name = lookup_name(question["lookup"], value)
                choose(fieldset, question["text"], name, name)
            else:
                fieldset.locator(f'input[value="{value}"]').check()
            root.get_by_role("button", name="Continue").click()
        heading = answer_heading(root)
        expect(root.locator(".vot-result .vot-figure")).to_have_text(label)
        assert_in_view_and_focused(page, heading, listed["id"])
        # The answer first; what was answered after it, each answer changeable.
        given = root.locator(".vot-answers-given")
        expect(given.get_by_role("heading", name="Your answers")).to_be_visible()
        expect(given.locator("dl.vot-answers dt")).to_have_count(len(walk))
        assert root.evaluate("""(root) => Boolean(root.querySelector(".vot-result h2")
            .compareDocumentPosition(root.querySelector(".vot-answers-given")) & Node.DOCUMENT_POSITION_FOLLOWING)""")
        expect(questions.locator("dl.vot-answers")).to_have_count(0)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_calculation_ends_with_its_answer_in_view_and_focused(browser, served, watches, viewport):
    page = new_page(browser, served, viewport=viewport, watches=watches)
    page.goto("/calculators/retention/")
    root = calculator(page, "retention")
    root.get_by_label("Yes", exact=True).check()
    fill_date(root, "When was the action completed?", "30", "6", "2010")
    fill_date(root, "What is the client's date of birth?", "1", "1", "1985")
    root.get_by_role("button", name="Calculate").click()
    heading = answer_heading(root)
    # 25 years after the action was completed (30 June 2010): the client, born 1 January 1985, is then 50.
    expect(root.locator(".vot-figure")).to_contain_text("1 July 2035")
    assert_in_view_and_focused(page, heading, "retention")


# ---- 7. typed input stays on the device ------------------------------------------------------------------------

TYPED = ("2003-11-09", "1987-06-15", "1987", "2003")


def assert_no_request_carries(served, typed=TYPED) -> None:
    carrying = [target for target in served.targets if any(value in target for value in typed)]
    assert not carrying, f"requests to the host carried typed values: {carrying}"
    assert not [target for target in served.targets if "?" in target and "/calculators/" in target], served.targets


def test_a_date_of_birth_typed_never_reaches_the_host(browser, served, watches):
    served.targets.clear()
    page = new_page(browser, served, watches=watches)
    page.goto("/calculators/retention/")
    root = calculator(page, "retention")
    root.get_by_label("Yes", exact=True).check()
    fill_date(root, "When was the action completed?", "9", "11", "2003")
    fill_date(root, "What is the client's date of birth?", "15", "6", "1987")
    root.get_by_role("button", name="Calculate").click()
    # PROS 22/05 class 1.3 (IMHA protocol): 25 years after the action, the client being 25. Completed 9 November 2003:
    # the 25 years end with 9 November 2028, so from 10 November 2028; the client (born 15 June 1987) turned 25 on
    # 15 June 2012, before then.
    figure = root.locator(".vot-result .vot-figure")
    expect(figure).to_contain_text("10 November 2028", timeout=FIRST_RESULT_MS)
    shown = figure.inner_text()
    here = urlsplit(address(page))
    assert here.query == "" and dict(parse_qsl(here.fragment)) == {"completed": "2003-11-09", "born": "1987-06-15"}
    page.reload()
    expect(calculator(page, "retention").locator(".vot-result .vot-figure")).to_have_text(shown, timeout=FIRST_RESULT_MS)
    page.get_by_role("link", name="Calculators", exact=True).first.click()  # on through the site, and back
    page.go_back()
    expect(calculator(page, "retention").locator(".vot-result .vot-figure")).to_have_text(shown, timeout=FIRST_RESULT_MS)
    assert any(target.startswith("/calculators/retention/") for target in served.targets)
    assert_no_request_carries(served)


def test_an_old_query_permalink_answers_and_moves_to_the_fragment(browser, served, watches):
    page = new_page(browser, served, watches=watches)
    page.goto("/calculators/retention/?completed=2003-11-09&born=1987-06-15")
    figure = calculator(page, "retention").locator(".vot-result .vot-figure")
    expect(figure).to_contain_text("10 November 2028", timeout=FIRST_RESULT_MS)
    here = urlsplit(address(page))
    assert here.query == "" and dict(parse_qsl(here.fragment)) == {"completed": "2003-11-09", "born": "1987-06-15"}
    served.targets.clear()
    page.reload()  # the host got the old address once; never again
    expect(figure).to_contain_text("10 November 2028", timeout=FIRST_RESULT_MS)
    assert_no_request_carries(served)

    # A checklist's permalink, part answered, and a trainer's embed with its options.
    page.goto("/calculators/check/?checklist=ciss-sharing&answer=discloser-prescribed%3Dyes")
    questions = calculator(page, "check").locator(".vot-questions")
    expect(questions.locator("dl.vot-answers dt")).to_have_count(1, timeout=FIRST_RESULT_MS)
    assert urlsplit(address(page)).fragment == "checklist=ciss-sharing&answer=discloser-prescribed%3Dyes"
    page.goto("/embed/penalty/?units=6&on=2024-09-01&lock=units&hide-answer=1")
    root = calculator(page, "penalty")
    root.get_by_role("button", name="Show answer").click(timeout=FIRST_RESULT_MS)
    expect(root.locator(".vot-figure")).to_have_text("6 penalty units: $1,186")
    expect(root.get_by_label("How many penalty units?", exact=False)).to_have_attribute("readonly", "")
    assert urlsplit(address(page)).query == ""
    assert dict(parse_qsl(urlsplit(address(page)).fragment)) == {"units": "6", "on": "2024-09-01", "lock": "units",
                                                                 "hide-answer": "1"}


# ---- 8. no traceback in the browser -------------------------------------------------------------------------------

@pytest.mark.parametrize("hostile", ["-h", "--help", "--list", "--version"])
def test_a_checklist_id_that_looks_like_a_flag_gets_the_field_error(browser, served, watches, hostile):
    page = new_page(browser, served, watches=watches)
    page.goto(f"/calculators/check/?checklist={hostile}")
    root = calculator(page, "check")
    summary = root.locator(".vot-error-summary")
    expect(summary).to_be_visible(timeout=FIRST_RESULT_MS)
    # The command line's error for an unknown id (`check -- -h`: "checklist: no checklist '-h'"), in the page's words.
    expect(summary.get_by_role("link")).to_have_text(["Select the question you need answered from the list"])
    for wrong in ("Traceback", "internal error", "usage:"):
        expect(root).not_to_contain_text(wrong)
    expect(root.locator(".vot-result")).to_be_hidden()


def test_an_answer_without_a_key_gets_the_field_error(browser, served, watches):
    page = new_page(browser, served, watches=watches)
    page.goto("/calculators/check/#checklist=ciss-sharing&answer=--")
    root = calculator(page, "check")
    summary = root.locator(".vot-error-summary")
    expect(summary).to_contain_text("an answer is written KEY=VALUE", timeout=FIRST_RESULT_MS)
    expect(root).not_to_contain_text("Traceback")
    expect(root).not_to_contain_text("nternal error")


def test_an_hour_question_in_9999_is_answered_with_its_calendar_file(browser, served, watches):
    page = new_page(browser, served, watches=watches)
    # 20:00 AEST on Wednesday 30 June 9999 plus 1 elapsed hour: 9 pm (no clock change in June).
    page.goto("/calculators/deadline/#from=9999-06-30T20%3A00&hours=1")
    result = calculator(page, "deadline").locator(".vot-result")
    expect(result.locator(".vot-figure")).to_have_text("Act by 9 pm Wednesday 30 June 9999, when the 1-hour period ends.",
                                                       timeout=FIRST_RESULT_MS)
    expect(result.locator(".vot-entered")).to_contain_text("30 June 9999 at 8:00 pm, Melbourne time")
    [event] = calendar_events(page, result)
    assert event.decoded("DTSTART") == dt.datetime(9999, 6, 30, 21, 0, tzinfo=MELBOURNE)


def test_a_dataset_search_typed_never_reaches_the_host(browser, served, watches):
    page = new_page(browser, served, watches=watches)
    page.goto("/dataset/browse/?collection=offences")
    expect(page.locator(".vot-dataset table caption")).to_contain_text("offences:")
    page.get_by_label("Search the records").fill("body corporate")
    here = urlsplit(page.url)
    assert here.query == "" and dict(parse_qsl(here.fragment)) == {"collection": "offences", "search": "body corporate"}
    served.targets.clear()
    page.reload()
    expect(page.get_by_label("Search the records")).to_have_value("body corporate")
    expect(page.get_by_label("Collection")).to_have_value("offences")
    assert [target for target in served.targets if "corporate" in target or "?" in target] == []
