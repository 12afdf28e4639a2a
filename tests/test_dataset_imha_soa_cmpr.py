"""Dataset collections from the IMHA protocol, the Multi-agency Panel FAQ and the CMPR FAQ.

Counts are those of the source tables and lists; spot checks were verified by reading the sources
(sources/imha-opt-out-protocol-2023.txt, multi-agency-panel-faq-2019.txt, cmpr-faq-2022.txt).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from calculators.collections.base import Envelope
from calculators.collections.cmpr_support_periods import SupportPeriodTier
from calculators.collections.cmpr_thresholds import CmprThreshold
from calculators.collections.map_members import MapMember
from calculators.collections.mhwa_principles import MhwaPrinciple
from calculators.collections.soa_s284_purposes import Soa284Purpose
from calculators.collections.trigger_events import TriggerEvent

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"


def load(name: str, model):
    return Envelope[model].model_validate_json((ROOT / "dataset" / f"{name}.json").read_text(encoding="utf-8"))


TRIGGERS = load("trigger-events", TriggerEvent)
PRINCIPLES = load("mhwa-principles", MhwaPrinciple)
PURPOSES = load("soa-s284-purposes", Soa284Purpose)
MEMBERS = load("map-members", MapMember)
TIERS = load("cmpr-support-periods", SupportPeriodTier)
THRESHOLDS = load("cmpr-thresholds", CmprThreshold)
ALL = [TRIGGERS, PRINCIPLES, PURPOSES, MEMBERS, TIERS, THRESHOLDS]


@pytest.mark.parametrize(
    ("envelope", "count"),
    [
        (TRIGGERS, 16),    # IMHA protocol Appendix 1, Table 1: 16 rows
        (PRINCIPLES, 13),  # IMHA protocol Appendix 2: principles numbered 1-13
        (PURPOSES, 7),     # MAP FAQ, 'What information can be disclosed and used?': 7 purposes
        (MEMBERS, 7),      # MAP FAQ, 'Who are the members of the MAP?': 7 members
        (TIERS, 3),        # CMPR FAQ, funding structure question: 3 tiers (10 / 24 / 98 hours)
        (THRESHOLDS, 6),   # CMPR FAQ: the 97 % threshold and 5 implementation dates
    ],
)
def test_record_counts_match_the_sources(envelope, count):
    assert len(envelope.records) == count


@pytest.mark.parametrize("envelope", ALL)
def test_ids_are_unique_and_positions_run_in_order(envelope):
    ids = [record.id for record in envelope.records]
    assert len(ids) == len(set(ids))
    if hasattr(envelope.records[0], "position"):
        assert [record.position for record in envelope.records] == list(range(1, len(ids) + 1))


def test_files_are_two_space_json_with_a_trailing_newline():
    for name in ("trigger-events", "mhwa-principles", "soa-s284-purposes", "map-members",
                 "cmpr-support-periods", "cmpr-thresholds"):
        text = (ROOT / "dataset" / f"{name}.json").read_text(encoding="utf-8")
        data = json.loads(text)
        assert text == json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        assert data["collection"] == name


def test_trigger_events_spot_checks():
    assert TRIGGERS.as_at == dt.date(2023, 9, 1)
    tto = TRIGGERS.by_id("temporary-treatment-order-made")
    assert (tto.mechanism, tto.timeframe_hours, tto.after, tto.intake_response_hours) == ("cmi", 24, "event", 24)
    revoked = TRIGGERS.by_id("order-revoked")
    assert (revoked.timeframe_hours, revoked.intake_response_hours) == (48, 72)
    varied = TRIGGERS.by_id("order-varied-community-inpatient")
    assert varied.sections == ["s 200", "s 201"] and varied.intake_response_hours is None
    assert {(v.setting, v.hours) for v in varied.intake_response_by_setting} == {("inpatient", 24), ("community", 48)}
    transported = TRIGGERS.by_id("security-patient-transported")
    assert (transported.timeframe_hours, transported.sections) == (24, ["s 555", "s 556"])
    assert TRIGGERS.by_id("intensive-monitored-supervision-order-applied-for").responsible == "forensicare"
    rtc = TRIGGERS.by_id("right-to-communicate-restricted")
    assert (rtc.mechanism, rtc.timeframe_hours, rtc.monthly_by_day, rtc.after) == \
        ("monthly-upload-to-department", None, 5, "event-month")
    assert rtc.monthly_first_due == dt.date(2023, 10, 5) and rtc.intake_response_hours is None
    assert rtc.sections == ["s 54"] and not rtc.automated
    hearing = TRIGGERS.by_id("mht-hearing")
    assert hearing.mht_notifies and hearing.responsible == "mht" and hearing.timeframe_hours == 24
    assert [e.id for e in TRIGGERS.records if e.mht_notifies] == ["mht-hearing"]
    assert [e.id for e in TRIGGERS.records if not e.automated] == ["right-to-communicate-restricted", "mht-hearing"]
    seclusion = TRIGGERS.by_id("restrictive-intervention-used").definitions
    assert [d.term for d in seclusion] == ["Seclusion", "Chemical restraint", "Bodily restraint"]
    assert sum(e.timeframe_hours == 24 for e in TRIGGERS.records) == 6
    assert sum(e.timeframe_hours == 48 for e in TRIGGERS.records) == 9


def test_principles_spot_checks():
    first, last = PRINCIPLES.records[0], PRINCIPLES.records[-1]
    assert first.name == "Dignity of autonomy"  # as the protocol writes it
    assert last.name == "Wellbeing of dependents principle"
    assert PRINCIPLES.by_id("diversity").description.endswith("with the person's mental health.")
    assert all(p.section is None for p in PRINCIPLES.records)  # Appendix 2 gives no sections


def test_s284_purposes_and_members_spot_checks():
    assert PURPOSES.as_at == dt.date(2019, 12, 12)
    assert PURPOSES.records[4].text == "managing an offender"
    assert PURPOSES.records[-1].text.startswith("if the relevant person believes on reasonable grounds")
    assert all(p.paragraph is None for p in PURPOSES.records)  # the FAQ gives no paragraph letters
    assert MEMBERS.records[0].title == "Deputy Secretary"
    assert MEMBERS.records[-1].unit == "Grampians Region, Department of Justice and Community Safety"


def test_cmpr_spot_checks():
    assert [(t.name, t.hours) for t in TIERS.records] == [
        ("average brief", 10), ("average intermediate to longer term", 24), ("average intensive", 98)]
    threshold = THRESHOLDS.by_id("support-period-performance-threshold")
    assert threshold.percentage == Decimal("97")
    assert json.loads(THRESHOLDS.model_dump_json(by_alias=True))["records"][0]["percentage"] == "97"
    assert THRESHOLDS.by_id("funding-structure-change").starts == dt.date(2022, 7, 1)
    assert THRESHOLDS.by_id("action-plans-provided").ends == dt.date(2022, 9, 30)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u2011", "-")).strip()


def test_quoted_text_is_verbatim_in_the_sources():
    source_text = {name: _norm((SOURCES / f).read_text(encoding="utf-8")) for name, f in
            [("imha", "imha-opt-out-protocol-2023.txt"), ("soa", "multi-agency-panel-faq-2019.txt"),
             ("cmpr", "cmpr-faq-2022.txt")]}
    for e in TRIGGERS.records:
        for text in (e.name, e.mechanism_text, e.timeframe_text, e.responsibility, e.intake_notification_type,
                     *(d.meaning for d in e.definitions)):
            assert _norm(text) in source_text["imha"], text
    for p in PRINCIPLES.records:
        assert f"{p.position}. {p.name} {p.description}" in source_text["imha"]
    for p in PURPOSES.records:
        assert p.text in source_text["soa"]
    for m in MEMBERS.records:
        assert m.text in source_text["soa"]
    for t in THRESHOLDS.records:
        assert t.quote.split(". ")[0] in source_text["cmpr"]
