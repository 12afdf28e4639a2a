"""Browser end-to-end: in an answer's working each citation links to the official publication and, on request,
shows the words of the provision, and the page stays accessible (axe-core) with the words open. A link out is
navigation, never a request: the watch fails the test on any request that leaves the site's origin."""

from __future__ import annotations

import pytest
from playwright import sync_api

from browser_support import FIRST_RESULT_MS, Watch, axe_violations, describe, launched_chromium, serve, shared_site

expect = sync_api.expect
REG_35_1 = "https://www.legislation.vic.gov.au/in-force/statutory-rules/social-services-regulations-2023/002"
# Social Services Regulations 2023 (Vic), Version No. 002, reg 35(1), as sources/ prints it.
REG_35_1_WORDS = ("the prescribed period in the case of any change referred to in section 47(1)(a), (c), (d), (e) "
                  "or (g) of the Act is the period of 28 days after the change occurs")


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    site, _ = shared_site(tmp_path_factory)
    with serve(site) as url, launched_chromium() as browser:
        context = browser.new_context(base_url=url, locale="en-AU", timezone_id="Australia/Melbourne")
        watch = Watch(context, url)
        page = context.new_page()
        yield page
        context.close()
        assert not watch.foreign, "requests left the site's origin:\n" + "\n".join(watch.foreign)
        assert not watch.errors, "the page logged errors:\n" + "\n".join(watch.errors)


def test_a_step_links_its_citation_and_shows_the_provisions_words_on_request(page):
    # reg 35(1): a change under s 47(1)(a) on Tuesday 1 April 2025 is notified within 28 days: Tuesday 29 April.
    page.goto("/calculators/deadline/?rule=ssr-reg-35-1&from=2025-04-01")
    result = page.locator(".vot-result")
    expect(result).to_be_visible(timeout=FIRST_RESULT_MS)
    step = result.locator("ol.vot-working > li").filter(has_text="The words that set the period").first
    link = step.locator("cite a")
    expect(link).to_have_attribute("href", REG_35_1)
    expect(link).to_have_attribute("rel", "external noopener noreferrer")
    expect(link).to_contain_text("reg 35(1)")

    words = step.locator("details.vot-words")
    expect(words.locator("blockquote")).to_be_hidden()  # on request only
    words.locator("summary").click()
    expect(words.locator("blockquote")).to_be_visible()
    expect(words.locator("blockquote")).to_have_text(REG_35_1_WORDS)

    violations = axe_violations(page)
    assert not violations, f"axe-core found violations with the words open:\n{describe(violations)}"


def test_a_citation_without_a_known_address_still_shows_its_words(page):
    # The IMHA protocol's address is not known (sources/README.md): its citation is text, its words on request.
    page.goto("/calculators/retention/?completed=2001-03-01&born=1990-05-02")
    result = page.locator(".vot-result")
    expect(result).to_be_visible(timeout=FIRST_RESULT_MS)
    step = result.locator("ol.vot-working > li").filter(has_text="PROS 22/05").first
    expect(step.locator("cite a")).to_have_count(0)
    step.locator("details.vot-words summary").click()
    expect(step.locator("details.vot-words blockquote")).to_contain_text("provided the client has reached 25 years")
