"""Every citation is one click from its words: each step of every answer's working links to the cited document's
official address, or shows the dataset's verbatim words, and the addresses are the ones sources/README.md
establishes (calculators/citations.py)."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlparse

import pytest

from calculators import citations, cli, dataset, notifications, penalties, retention

from conftest import CASES, SOURCES, load_case

ANSWERED = [case for case in map(load_case, CASES) if "expected_error" not in case]
OFFICIAL_HOSTS = {"www.legislation.vic.gov.au", "www.vic.gov.au", "providers.dffh.vic.gov.au", "www.dffh.vic.gov.au",
                  "www.dtf.vic.gov.au"}


def _questions() -> list[tuple[str, list[str]]]:
    """Every golden case's and every training scenario's command line."""
    return ([(case["id"], case["args"]) for case in ANSWERED]
            + [(f"scenario {s.id}", list(s.args)) for s in dataset.load("scenarios").records])


def _plain(text: str) -> str:
    """Text with its quotation marks, dashes and spaces made plain, to find a quotation in a source document."""
    text = text.translate(str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-"}))
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize(("name", "args"), _questions(), ids=[name for name, _ in _questions()])
def test_every_cited_step_links_to_its_document_or_shows_its_words(name, args, monkeypatch):
    monkeypatch.setattr(penalties, "today_in_melbourne", lambda: dt.date(2026, 11, 23))
    result = cli.run(args)
    assert isinstance(result, dict)
    cited = [step for step in result["explanation"] if step["citation"]]
    assert cited, f"{name}: the working cites nothing"
    for step in cited:
        assert step["url"] or step["words"], f"{name}: no address and no words for {step['citation']!r}"
        if step["url"]:
            assert urlparse(step["url"]).scheme == "https" and urlparse(step["url"]).hostname in OFFICIAL_HOSTS


def test_a_step_links_to_a_chapters_own_page_only_for_a_citation_of_that_chapter():
    guidelines = "CISS Ministerial Guidelines (11 September 2023)"
    assert citations.address(f"{guidelines}, Chapter 1, 'Requesting information'") == \
        f"{citations.CISS_GUIDELINES}/chapter-1-sharing-information-under-scheme"
    assert citations.address(f"{guidelines}, Appendix 2 – Prescribed entities") == \
        f"{citations.CISS_GUIDELINES}/appendix-2-prescribed-entities"
    # Chapter 6 has no page confirmed (sources/README.md); two chapters are not one page.
    assert citations.address(f"{guidelines}, Chapter 6, 'Offences'") == f"{citations.CISS_GUIDELINES}/print-all"
    assert citations.address(f"{guidelines}, Chapter 1, 'x'; Chapter 4, Key points") == \
        f"{citations.CISS_GUIDELINES}/print-all"


def test_the_social_services_regulations_link_to_the_version_the_dataset_states():
    assert citations.address("Social Services Regulations 2023 (Vic), Version No. 002, reg 35(1)") == \
        "https://www.legislation.vic.gov.au/in-force/statutory-rules/social-services-regulations-2023/002"


@pytest.mark.parametrize("start", citations.NOT_KNOWN)
def test_a_document_whose_address_is_not_known_gets_none(start):
    assert citations.address(f"{start}, 'any heading'") is None


def test_words_come_from_the_dataset_and_a_list_heading_shows_its_items():
    heading = ("DHHS, FAQ – Multi-agency Panel (12 December 2019), Serious Offenders Act 2018 (Vic), "
               "'What information can be disclosed and used?' (s 284)")
    purposes = [record.text for record in dataset.load("soa-s284-purposes").records]
    assert citations.words(heading) == "; ".join(purposes)
    assert citations.words("Social Services Regulations 2023 (Vic), reg 3 ('These Regulations come into operation "
                           "on 1 July 2024')") == "These Regulations come into operation on 1 July 2024"
    assert citations.words("Social Services Regulations 2023 (Vic), reg 999") is None


def test_words_written_in_the_code_are_the_protocols_words():
    protocol = _plain((SOURCES / "imha-opt-out-protocol-2023.txt").read_text(encoding="utf-8"))
    for words in (retention.PROS_WORDS, notifications.NOTE_WORDS.strip("\u201c\u201d")):
        assert _plain(words) in protocol


def test_words_a_citation_or_a_step_quotes_itself_are_the_sources_words(monkeypatch):
    """Words not taken from a dataset record (the citation's own quotation, or the step's) are checked here against
    the source documents; an omission is marked '…' or '[...]', and cells of a table are joined by '; '."""
    monkeypatch.setattr(penalties, "today_in_melbourne", lambda: dt.date(2026, 11, 23))
    sources = _plain(" ".join(path.read_text(encoding="utf-8") for path in sorted(SOURCES.glob("*.txt")))).lower()
    checked = 0
    for _, args in _questions():
        for step in cli.run(args)["explanation"]:
            if step["words"] and citations.dataset_words(step["citation"]) is None:
                for part in re.split(r"\s*(?:\[\.\.\.\]|…|;)\s*", step["words"]):
                    assert not part.strip() or _plain(part).lower() in sources, (step["citation"], part)
                checked += 1
    assert checked >= 10
