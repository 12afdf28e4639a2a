"""Plain words for the working: the abbreviations the sources use, spelled out where the working first uses them.

A quotation of the source keeps its abbreviations (it is quoted verbatim); the working says what they mean beside
it. Only abbreviations the sources themselves spell out are listed (e.g. IMHA, TTO, MHT in the IMHA protocol)."""

from __future__ import annotations

import re

ABBREVIATIONS = {
    "IMHA": "Independent Mental Health Advocacy",
    "TTO": "temporary treatment order",
    "TO": "treatment order",
    "DMHS": "designated mental health service",
    "MHT": "Mental Health Tribunal",
    "CMI": "Client Management Interface",
    "WCES": "worker and carer exclusion scheme",
    "CISS": "Child Information Sharing Scheme",
    "MAP": "Multi-agency Panel",
    "FAQ": "frequently asked questions",
    "NDIS": "National Disability Insurance Scheme",
}


def used(text: str) -> list[str]:
    """The listed abbreviations `text` uses, in the order it first uses them."""
    found = re.findall(rf"\b({'|'.join(ABBREVIATIONS)})s?\b", text)
    return list(dict.fromkeys(found))


def meanings(text: str) -> str:
    """'TTO is short for temporary treatment order.' for each abbreviation `text` uses without
    spelling them out; '' when it uses none."""
    return " ".join(f"{short} is short for {ABBREVIATIONS[short]}." for short in used(text)
                    if f"{ABBREVIATIONS[short]} ({short})".lower() not in text.lower())
