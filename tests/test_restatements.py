"""A paraphrase never changes a duty (issue 24): every plain-English sentence that restates a duty, a permission or
a prohibition is kept beside the source's words in dataset/restatements.json, and these tests check the pair:

(a) the sentence is where the record says (so the two cannot drift apart);
(b) the source's words are verbatim in sources/;
(c) both carry the same force (must, must not, should, should not, may, need not, cannot), by a small explicit
    classifier, and keep the record's listed conditions word for word;
(d) every sentence of the guides, the calculator pages and the dataset's reader-facing texts that carries such a
    force is registered, is the source's words in quotation marks, or is still listed as not yet checked in
    tests/restatements-unchecked.txt, a list that may only shrink: a new or reworded sentence must be registered.
"""

from __future__ import annotations

import json
import re

import pytest

from calculators import dataset

from conftest import ROOT, SOURCES

RESTATEMENTS = dataset.load("restatements").records
UNCHECKED = ROOT / "tests" / "restatements-unchecked.txt"

SOURCE_FILES = {
    "Child Information Sharing Scheme Ministerial Guidelines": "ciss-ministerial-guidelines-2023.txt",
    "Non-legal mental health advocacy service and opt-out register": "imha-opt-out-protocol-2023.txt",
    "Social Services Regulations 2023": "social-services-regulations-2023-v002.txt",
    "Case management program requirements": "cmpr-faq-2022.txt",
    "Frequently asked questions – Multi-agency Panel": "multi-agency-panel-faq-2019.txt",
}
"""Which file of sources/ holds each document a restatement cites (by words of its name)."""


def norm(text: str) -> str:
    """Whitespace collapsed, markdown emphasis and non-breaking spaces removed, curly apostrophes straightened."""
    text = text.replace("\u00a0", " ").replace("\u2011", "-").replace("**", "").replace("\u2019", "'")
    return re.sub(r"\s+", " ", text).strip()


# ---- the classifier -----------------------------------------------------------------------------------------------

FORCES: list[tuple[str, str]] = [
    ("must not", r"\bmust not\b|\bmustn't\b|\bnor must\b|\bnot (?:permitted|allowed)\b"),
    ("need not", r"\bneed not\b|\bneedn't\b|\bnor need\b|\b(?:do|does|did)(?: not|n't) (?:need|have) to\b|"
                 r"\b(?:do|does)(?: not|n't) (?:need|require)\b|\bnor (?:do|does) \w+ (?:need|have) to\b|\bnot (?:be )?required\b|"
                 r"\bno need to\b|\bwill not need to\b"),
    ("should not", r"\bshould not\b|\bshouldn't\b|\bnor should\b"),
    ("cannot", r"\bcannot\b|\bcan not\b|\bcan't\b|\bnor can\b|\bcan never\b"),
    ("must", r"\bmust\b|\brequired\b|\brequires?\b|\b(?:has|have) to\b|\bneed to\b"),
    ("should", r"\bshould\b"),
    ("may", r"\bmay\b|\bcan\b|\bpermit(?:s|ted)?\b|\ballow(?:s|ed)?\b|\b(?:is|are) (?:authorised|able) to\b"),
]
"""Each force and the words that carry it, strongest negation first: a phrase found is removed before the next is
sought, so 'must not' is never also 'must', nor 'cannot' 'can'. 'is required to' and 'need to' are 'must'; 'can', 'permitted',
'allows', 'is authorised to' and 'is able to' are 'may'; 'can never' is 'cannot'.
'May not' is 'may' with a negation the sentence must keep in words of its own: it is rare, and ambiguous."""


CITATION = re.compile(r"\((?:[^()]|\([^()]*\))*\b(?:Guidelines|Protocol|FAQ|Chapter|Appendix|Table|reg|regs|s|Sch|"
                      r"Act|Regulations|same)\b(?:[^()]|\([^()]*\))*\)")
"""A parenthesised citation, such as (CISS Guidelines, Chapter 1, "Who can share information"): its words are a
heading's, not the sentence's."""


def force(text: str) -> set[str]:
    """The forces a text carries, its parenthesised citations aside."""
    rest = f" {CITATION.sub(' ', norm(text)).lower()} "
    found: set[str] = set()
    for name, words in FORCES:
        if re.search(words, rest):
            found.add(name)
            rest = re.sub(words, " ", rest)
    return found


@pytest.mark.parametrize(("plain", "verbatim"), [
    # issue 24: a prohibition became an option
    ("You need not do this if it would be against promoting the wellbeing or safety of a child.",
     "information sharing entities should not provide notification if doing so would be contrary to the promotion "
     "of the wellbeing or safety of a child"),
    ("Nor need you do it if it may pose a serious threat to a person's life.",
     "should not provide notification if doing so may pose a serious threat to a person's life"),
    # issue 28, item 1: a reasonable belief that it 'may assist' is not 'must be likely to help'
    ("Sharing must be likely to help the receiver to:",
     "an information sharing entity must form a reasonable belief that sharing the information may assist"),
    # issue 28, items 5 and 6, and the IMHA monthly list: a duty turned into a description or an instruction
    ("The tribunal also uploads copies of its orders once a month, where reasonably possible.",
     "the MHT is required, where reasonably possible, to provide IMHA with a copy of orders"),
    ("Each designated mental health service records these events securely.", "designated mental health services must"),
    ("Take reasonable steps to correct information you learn is wrong.", "it should take reasonable steps to correct"),
    # the good-faith test and VMIAC
    ("You are likely to be seen as acting in good faith", "a person may be considered to have acted in good faith"),
    ("A person who does not want IMHA can be offered VMIAC.", "consumers who do not want IMHA will be offered VMIAC"),
])
def test_the_classifier_tells_a_changed_force(plain, verbatim):
    assert force(plain) != force(verbatim)


@pytest.mark.parametrize(("text", "expected"), [
    ("You need not do this.", {"need not"}), ("Nor need you do it.", {"need not"}),
    ("You do not have to notify IMHA.", {"need not"}), ("consent is not required", {"need not"}),
    ("They should not provide notification.", {"should not"}), ("Nor should you tell them.", {"should not"}),
    ("The MHT is required, where reasonably possible, to provide", {"must"}), ("IMHA are required to provide", {"must"}),
    ("Volunteers must not use the scheme.", {"must not"}), ("Child Link cannot disclose information.", {"cannot"}),
    ("records can be destroyed 25 years after", {"may"}), ("Each service records these events.", set()),
    ("You must reasonably believe that sharing may help.", {"must", "may"}),
])
def test_the_classifier_reads_each_force(text, expected):
    assert force(text) == expected


# ---- (a) to (c): each registered pair -----------------------------------------------------------------------------

def section(page: str, heading: str) -> str:
    """The text of a page's section: from its heading to the next heading of any level."""
    lines = page.split("\n")
    starts = [i for i, line in enumerate(lines) if re.fullmatch(r"#+\s+" + re.escape(heading) + r"\s*", line)]
    assert len(starts) == 1, f"no single heading {heading!r}"
    end = next((i for i in range(starts[0] + 1, len(lines)) if re.match(r"#+\s", lines[i])), len(lines))
    return "\n".join(lines[starts[0] + 1:end])


def located(value: object, locator: str) -> list[str]:
    """The texts at a dataset locator: records, outcomes, questions and obligations by id, key or rule; list items
    by position; object fields by name. The last step may be a list of texts."""
    for step in locator.split("/"):
        if isinstance(value, list):
            named = [item for item in value if isinstance(item, dict) and step in
                     (item.get("id"), item.get("key"), item.get("rule"))]
            assert len(named) == 1 or step.isdigit(), f"{locator}: no single item {step!r}"
            value = named[0] if named else value[int(step)]
        else:
            assert isinstance(value, dict) and step in value, f"{locator}: no field {step!r}"
            value = value[step]
    texts = value if isinstance(value, list) else [value]
    assert all(isinstance(text, str) for text in texts), f"{locator} is not a text or a list of texts"
    return texts


def texts_at(file: str, locator: str) -> list[str]:
    path = ROOT / file
    if path.suffix == ".md":
        return [section(path.read_text(encoding="utf-8"), locator)]
    return located(json.loads(path.read_text(encoding="utf-8"))["records"], locator)


def source_text(document: str) -> str:
    names = [name for words, name in SOURCE_FILES.items() if words in document]
    assert len(names) == 1, f"which file of sources/ holds {document!r}?"
    return norm((SOURCES / names[0]).read_text(encoding="utf-8"))


@pytest.mark.parametrize("record", RESTATEMENTS, ids=lambda record: record.id)
def test_the_sentence_is_at_its_place(record):
    assert any(norm(record.plain) in norm(text) for text in texts_at(record.where.file, record.where.locator)), \
        f"{record.id}: not found in {record.where.file} at {record.where.locator!r}"


@pytest.mark.parametrize("record", RESTATEMENTS, ids=lambda record: record.id)
def test_the_source_words_are_verbatim_in_the_sources(record):
    assert norm(record.verbatim) in source_text(record.source.document), record.id


def faults(plain: str, verbatim: str, forces: list[str], keeps: list[str]) -> list[str]:
    """What is wrong with a pair: a force one text has and the other lacks, or a listed condition dropped."""
    found = []
    if not force(plain) == force(verbatim) == set(forces):
        found.append(f"the sentence says {sorted(force(plain))}, the source {sorted(force(verbatim))}, the record "
                     f"{sorted(forces)}")
    found += [f"the sentence drops {words!r}" for words in keeps if norm(words).lower() not in norm(plain).lower()]
    found += [f"{words!r} is not the source's" for words in keeps if norm(words).lower() not in norm(verbatim).lower()]
    return found


@pytest.mark.parametrize("record", RESTATEMENTS, ids=lambda record: record.id)
def test_the_sentence_keeps_the_force_and_the_conditions_of_the_source(record):
    assert faults(record.plain, record.verbatim, record.force, record.keeps) == [], record.id


def test_each_record_names_one_sentence_at_one_place():
    places = [(record.where.file, record.where.locator, norm(record.plain)) for record in RESTATEMENTS]
    assert len(places) == len(set(places))


# ---- (d) the scanner ------------------------------------------------------------------------------------------

PAGES = sorted([*(ROOT / "docs" / "guides").glob("*.md"), *(ROOT / "docs" / "calculators").glob("*.md")])
DATASET_FILES = ["checklists", "deadline-rules", "provider-events", "scenarios"]
READER_KEYS = {"description", "hint", "reasons", "label", "summary", "next_steps", "text", "obligation", "notes",
               "applies_when", "story", "answer"}
"""The dataset's reader-facing texts: what the pages and the answers show in their own words."""
NOT_READ = {"quote", "citation", "source", "in_force", "choices", "when", "ask_if"}
"""Fields that are the source's words, citations or logic, not a restatement."""
QUOTED = re.compile("\u201c([^\u201d]*)\u201d|\"([^\"]*)\"|(?<![\\w\u2019'])['\u2018]([^'\u2019]+)['\u2019](?!\\w)")


def page_units(page: str) -> list[str]:
    """A page's paragraphs, list items, headings and table cells, each as one line, without code blocks."""
    page = re.sub(r"```.*?```", "\n\n", page, flags=re.S)
    units: list[str] = []
    for line in page.split("\n"):
        if line.strip().startswith("|"):
            units += line.strip().strip("|").split("|")
        elif not line.strip() or re.match(r"\s*(?:#+|[-*+]|\d+\.)\s", line) or not units:
            units.append(re.sub(r"^\s*(?:#+|[-*+]|\d+\.)\s+", "", line))
        else:
            units[-1] += " " + line.strip()
    return units


def dataset_texts(value: object, keep: bool = False) -> list[str]:
    if isinstance(value, str):
        return [value] if keep else []
    if isinstance(value, list):
        return [text for item in value for text in dataset_texts(item, keep)]
    if isinstance(value, dict):
        return [text for key, item in value.items() if key not in NOT_READ
                for text in dataset_texts(item, keep or key in READER_KEYS)]
    return []


def sentences(text: str) -> list[str]:
    return [part for part in re.split(r"(?<=[.!?:;])\s+", norm(text)) if part.strip()]


def scanned() -> dict[str, list[str]]:
    """Every sentence that carries a force, by file; a question asks and does not state, so it is left out."""
    found: dict[str, list[str]] = {}
    for path in PAGES:
        found[str(path.relative_to(ROOT))] = [s for unit in page_units(path.read_text(encoding="utf-8"))
                                              for s in sentences(unit)]
    for name in DATASET_FILES:
        records = json.loads((ROOT / "dataset" / f"{name}.json").read_text(encoding="utf-8"))["records"]
        found[f"dataset/{name}.json"] = [s for text in dataset_texts(records) for s in sentences(text)]
    return {file: list(dict.fromkeys(s for s in said if force(s) and not s.endswith("?")))
            for file, said in found.items()}


def quotes_the_source(sentence: str, sources: str) -> bool:
    """Whether every force in the sentence is inside a quotation of the sources' words."""
    outside = QUOTED.sub(lambda match: " " if norm(next(filter(None, match.groups()))).rstrip(".,;:") in sources
                         else match.group(0), sentence)
    return not force(outside)


def unchecked() -> list[tuple[str, str]]:
    lines = [line for line in UNCHECKED.read_text(encoding="utf-8").split("\n") if line.strip() and line[0] != "#"]
    return [(line.split(" | ", 1)[0], line.split(" | ", 1)[1]) for line in lines]


def registered(file: str, sentence: str) -> bool:
    return any(record.where.file == file and (norm(record.plain) in sentence or sentence in norm(record.plain))
               for record in RESTATEMENTS)


SOURCES_TEXT = " ".join(norm(path.read_text(encoding="utf-8")) for path in sorted(SOURCES.glob("*.txt")))


def test_every_sentence_with_a_force_is_registered_quoted_or_listed_unchecked():
    listed = set(unchecked())
    new = [f"{file} | {sentence}" for file, said in scanned().items() for sentence in said
           if (file, sentence) not in listed and not registered(file, sentence)
           and not quotes_the_source(sentence, SOURCES_TEXT)]
    assert new == [], ("These sentences state a duty, permission or prohibition in words of their own. Register "
                       "each in dataset/restatements.json beside the source's words, or quote the source:\n"
                       + "\n".join(new))


def test_the_unchecked_list_only_shrinks():
    """An entry that is no longer in the text, or is now registered, must go: the list is what is left to check."""
    said = {(file, sentence) for file, sentences_ in scanned().items() for sentence in sentences_}
    stale = [f"{file} | {sentence}" for file, sentence in unchecked()
             if (file, sentence) not in said or registered(file, sentence)]
    assert stale == [], "remove these lines from tests/restatements-unchecked.txt:\n" + "\n".join(stale)
    assert len(unchecked()) == len(set(unchecked()))


REVERTED = {
    "ciss-sharing-must-share-notice-not-contrary": "You need not do this if it would be against promoting the "
                                                  "wellbeing or safety of a child.",
    "ciss-guide-threshold-part-2": "Sharing must be likely to help the receiver to:",
    "imha-records-retention-obligation": "Records that document how any matter was managed, including non-legal "
                                         "advocacy, may be destroyed only after the retention period.",
    "penalty-page-ciss-protection": "an individual who shares in good faith and with reasonable care is not liable",
    "imha-guide-mht-orders": "The tribunal also uploads copies of its orders once a month, where reasonably possible.",
    "ciss-guide-correct-wrong-information": "Take reasonable steps to correct information you learn is wrong.",
    "ssr-guide-reg-34-1-a-ii": "for a provider exempt from a registration requirement under s 32 of the Act: the "
                               "Schedule 2 information.",
    "schedule-2-matter-occurs-reg-34-1-a-ii": "If the provider is exempt from a requirement of registration (s 32 of "
                                              "the Act; reg 34(1)(a)(ii)), or is taken to be registered (Part 11 of "
                                              "the Act; reg 34(1)(b)).",
}
"""The CISS notice sentence (issue 24) and issue 28's seven rewordings as they were, by the record that pairs the
corrected sentence with the source. Reverted, a sentence is no longer at its place (a); and registered again as it
was, the pair fails (c). Item 2 (Child Link Users) is a change of behaviour, checked in test_checklists_data.py and
by its golden case."""


@pytest.mark.parametrize(("record_id", "old"), REVERTED.items())
def test_each_fixed_rewording_would_be_caught_if_it_came_back(record_id, old):
    record = next(record for record in RESTATEMENTS if record.id == record_id)
    assert faults(old, record.verbatim, record.force, record.keeps) != []
    assert norm(record.plain) not in norm(old)
