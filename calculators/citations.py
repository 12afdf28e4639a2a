"""Where each citation can be read: the official public address of the cited document (a chapter's own page where
the publisher has one), and the dataset's verbatim words for it.

The addresses are those established in sources/README.md: printed in the document, or confirmed by the publisher's
own page, or the Victorian Legislation register's address pattern; a document whose address is not known has none
here (NOT_KNOWN), never a guess. `scripts/link_sources.py` writes these addresses into the dataset's sources.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

LEGISLATION = "https://www.legislation.vic.gov.au/in-force"
CISS_GUIDELINES = "https://www.vic.gov.au/child-information-sharing-scheme-ministerial-guidelines"
TWO_YEAR_REVIEW = "https://www.vic.gov.au/child-information-sharing-scheme-two-year-review"


@dataclass(frozen=True)
class Document:
    """A cited document: the names a citation of it begins with, its address, and its parts' own pages."""

    names: tuple[str, ...]
    address: str
    parts: tuple[tuple[str, str], ...] = ()
    """(part, address): 'Chapter 1', 'Appendix 2', 'Introduction', ... as a citation names them."""


DOCUMENTS: tuple[Document, ...] = (
    Document(("Social Services Regulations 2023 (Vic)",),
             f"{LEGISLATION}/statutory-rules/social-services-regulations-2023/002"),
    Document(("Social Services Regulation Act 2021 (Vic)",), f"{LEGISLATION}/acts/social-services-regulation-act-2021"),
    Document(("Monetary Units Act 2004 (Vic)",), f"{LEGISLATION}/acts/monetary-units-act-2004"),
    Document(("Interpretation of Legislation Act 1984 (Vic)",),
             f"{LEGISLATION}/acts/interpretation-of-legislation-act-1984"),
    Document(("Summer Time Act 1972 (Vic)",), f"{LEGISLATION}/acts/summer-time-act-1972"),
    Document(("Public Holidays Act 1993 (Vic)",), f"{LEGISLATION}/acts/public-holidays-act-1993"),
    Document(("Department of Education (Vic), Child Information Sharing Scheme Ministerial Guidelines",
              "CISS Ministerial Guidelines"),
             f"{CISS_GUIDELINES}/print-all",
             (("Introduction", f"{CISS_GUIDELINES}/introduction"),
              ("Chapter 1", f"{CISS_GUIDELINES}/chapter-1-sharing-information-under-scheme"),
              ("Chapter 4", f"{CISS_GUIDELINES}/chapter-4-relationship-scheme-other-laws"),
              ("Chapter 5", f"{CISS_GUIDELINES}/chapter-5-record-keeping-and-information"),
              ("Appendix 2", f"{CISS_GUIDELINES}/appendix-2-prescribed-entities"))),
    Document(("Victorian Government (vic.gov.au), Child Information Sharing Scheme Two-Year Review",),
             f"{TWO_YEAR_REVIEW}/print-all", (("Executive summary", f"{TWO_YEAR_REVIEW}/executive-summary"),)),
    Document(("Family Safety Victoria, FAQ – Case management program requirements", "FSV, FAQ – Case management"),
             "https://providers.dffh.vic.gov.au/faq-case-management-program-requirements-family-violence-crisis-responses"),
    Document(('Department of Treasury and Finance (Vic), "Indexation of fees and penalties"',),
             "https://www.dtf.vic.gov.au/financial-management-government/indexation-fees-and-penalties"),
    Document(("Department of Families, Fairness and Housing (Vic), Social Services Regulation Reform",),
             "https://www.dffh.vic.gov.au/social-services-regulation-reform"),
)

NOT_KNOWN: tuple[str, ...] = (
    "Department of Health and Human Services (Vic), Frequently asked questions – Multi-agency Panel",
    "DHHS, FAQ – Multi-agency Panel",
    "Department of Health (Vic), Non-legal mental health advocacy service and opt-out register",
    "Department of Health, Non-legal mental health advocacy service and opt-out register",
    "PROS 22/05",
)
"""How citations of the documents whose public address is not known begin (sources/README.md): the Multi-agency
Panel FAQ, the IMHA protocol, and the records authority the protocol quotes. Their citations carry words instead."""

_PART = re.compile(r"\b(Introduction|Executive summary|Chapter \d+|Appendix \d+)")


def address(citation: str) -> str | None:
    """The public address of the document a citation ('document, provision') names, or None where not known.

    A provision within one part the publisher gives its own page (a chapter of the CISS Guidelines) gets that
    page; a citation of several parts, or of another part, gets the whole document."""
    return _address(citation)


@cache
def _address(citation: str) -> str | None:
    for document in DOCUMENTS:
        name = next((name for name in document.names if citation.startswith(name)), None)
        if name is None:
            continue
        parts = set(_PART.findall(citation[len(name):]))
        pages = dict(document.parts)
        if len(parts) == 1 and (part := parts.pop()) in pages:
            return pages[part]
        return document.address
    return None


VERBATIM: dict[str, tuple[str, ...]] = {
    "ciss-principles": ("text",),
    "ciss-excluded-information": ("text",),
    "ciss-threshold-activities": ("text",),
    "ciss-threshold-parts": ("requirement",),
    "ciss-record-keeping": ("what_to_record",),
    "notifiable-incidents": ("incident",),
    "regulatory-entities": ("text",),
    "relevant-agencies": ("entity",),
    "soa-s284-purposes": ("text",),
}
"""For collections whose records are the source's words themselves: the field holding them. Every collection's
`quote` fields (the words of the source, verbatim) count too."""


SHORT_NAMES: dict[str, str] = {
    "CISS Ministerial Guidelines (11 September 2023)":
        "Department of Education (Vic), Child Information Sharing Scheme Ministerial Guidelines (11 September 2023)",
    "DHHS, FAQ – Multi-agency Panel (12 December 2019), Serious Offenders Act 2018 (Vic)":
        "Department of Health and Human Services (Vic), Frequently asked questions – Multi-agency Panel "
        "(12 December 2019), Serious Offenders Act 2018 (Vic)",
    "FSV, FAQ – Case management program requirements (March 2022)":
        "Family Safety Victoria, FAQ – Case management program requirements (CMPR) (March 2022)",
}
"""The short names the working uses for documents, and the dataset's full names for them."""

_QUOTED = re.compile(r"\('(.+?)'\)")
_ITEM = re.compile(r", item \d+$")


def words(citation: str) -> str | None:
    """The dataset's verbatim words for a citation, or None: the quotation of the record (or part of a record)
    that cites exactly this, when only one set of words does; for a list's heading, its items in order; else the
    words a citation quotes itself ("reg 3 ('These Regulations come into operation on 1 July 2024')")."""
    return _words(citation)


AS_WRITTEN = " (the period as written)"
"""How a protocol's citation is marked where its date stands as written; the words are those of the protocol."""


@cache
def _words(citation: str) -> str | None:
    found = dataset_words(citation.removesuffix(AS_WRITTEN))
    if found is None and (quoted := _QUOTED.search(citation)):
        found = quoted.group(1)
    return found


def dataset_words(citation: str) -> str | None:
    """The words of the dataset record (or list of records) that cites exactly this, or None."""
    full = next((SHORT_NAMES[short] + citation[len(short):] for short in SHORT_NAMES if citation.startswith(short)),
                citation)
    return _words_index().get(full)

RESTATED = "restatements"
"""The collection of the pages' plain sentences beside the source's words: never the words of a result's citation,
and only the tests read it (the browser's wheel leaves it out)."""


@cache
def _words_index() -> dict[str, str]:
    from . import dataset
    from .collections import COLLECTIONS

    found: dict[str, set[str]] = {}
    lists: dict[str, list[str]] = {}
    rule_quotes = {rule["id"]: rule["quote"] for rule in dataset.raw("deadline-rules")["records"]}
    for collection in (name for name in COLLECTIONS if name != RESTATED):
        for item in _cited_objects(dataset.raw(collection)["records"]):
            quoted = [item[field] for field in ("quote", *VERBATIM.get(collection, ())) if isinstance(item.get(field), str)]
            if collection == "trigger-events" and item.get("rule") in rule_quotes:
                quoted.append(rule_quotes[item["rule"]])  # the words that set the event's timeframe
            if quoted:
                cite = f"{item['source']['document']}, {item['source']['provision']}"
                found.setdefault(cite, set()).add(quoted[0])
                if _ITEM.search(cite):  # an item of a list: the list's heading shows every item
                    lists.setdefault(_ITEM.sub("", cite), []).append(quoted[0])
    unique = {cite: next(iter(texts)) for cite, texts in found.items() if len(texts) == 1}
    return {**{heading: "; ".join(items) for heading, items in lists.items()}, **unique}


def _cited_objects(value: Any) -> list[dict[str, Any]]:
    """Every object within `value` that has a `source` citation, outermost first."""
    if isinstance(value, list):
        return [found for item in value for found in _cited_objects(item)]
    if not isinstance(value, dict):
        return []
    own = [value] if isinstance(value.get("source"), dict) and "document" in value["source"] else []
    return own + [found for item in value.values() for found in _cited_objects(item)]
