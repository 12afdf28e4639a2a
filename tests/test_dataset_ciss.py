"""The Child Information Sharing Scheme collections, checked against the CISS Ministerial Guidelines (11 September 2023).

Counts and spot checks were verified by reading the source document
(sources/ciss-ministerial-guidelines-2023.txt); the comments say where in it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from calculators.collections.base import Envelope
from calculators.collections.ciss_excluded_information import CissExcludedInformation
from calculators.collections.ciss_principles import CissPrinciple
from calculators.collections.ciss_record_keeping import CissRecordKeepingDuty
from calculators.collections.ciss_threshold_activities import CissThresholdActivity
from calculators.collections.ciss_threshold_parts import CissThresholdPart
from calculators.collections.overridden_provisions import OverriddenProvision
from calculators.collections.prescribed_entities import PrescribedEntity

ROOT = Path(__file__).resolve().parent.parent
DOCUMENT = "Department of Education (Vic), Child Information Sharing Scheme Ministerial Guidelines (11 September 2023)"
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

# collection name -> (record model, number of records in the source)
COLLECTIONS = {
    # Appendix 2 - Prescribed entities: 83 organisations/services listed across the untitled first table and the
    # nine sector tables (6 + 4 + 22 + 13 + 2 + 5 + 4 + 13 + 13 + 1).
    "prescribed-entities": (PrescribedEntity, 83),
    # Chapter 4, Table 1 (16 rows) and Table 2 (12 rows).
    "overridden-provisions": (OverriddenProvision, 28),
    # Introduction, 'Principles': nine numbered principles.
    "ciss-principles": (CissPrinciple, 9),
    # Chapter 1, 'The threshold for sharing': three numbered parts.
    "ciss-threshold-parts": (CissThresholdPart, 3),
    # Chapter 1, 'The threshold for sharing', part 2: four activities.
    "ciss-threshold-activities": (CissThresholdActivity, 4),
    # Chapter 1, 'Threshold part 3: Excluded information': eight numbered categories.
    "ciss-excluded-information": (CissExcludedInformation, 8),
    # Chapter 5: 3 (request received) + 6 (disclosing) + 4 + 3 (good practice) + 2 (request refused) + 6 (complaint).
    "ciss-record-keeping": (CissRecordKeepingDuty, 24),
}


def load(name: str):
    model, _ = COLLECTIONS[name]
    return Envelope[model].model_validate_json((ROOT / "dataset" / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(COLLECTIONS))
def test_collection_file_is_valid_and_complete(name):
    text = (ROOT / "dataset" / f"{name}.json").read_text(encoding="utf-8")
    assert text.endswith("}\n")
    raw = json.loads(text)
    assert raw["$schema"] == f"schemas/{name}.schema.json"  # dataset/schemas links to schemas/
    env = load(name)
    assert env.collection == name
    # Major 1: no breaking change since the first release, except the renamed board id (2.0.0, an alias kept).
    assert env.version.startswith("2." if name == "prescribed-entities" else "1.")
    assert str(env.as_at) == "2023-09-11"
    assert len(env.records) == COLLECTIONS[name][1]
    ids = [r.id for r in env.records]
    assert len(set(ids)) == len(ids)
    assert all(SLUG.fullmatch(i) for i in ids)
    assert [r.position for r in env.records] == list(range(1, len(env.records) + 1))
    assert all(r.source.document == DOCUMENT for r in env.records)
    assert all(s.document == DOCUMENT for s in env.sources)


# ---------------------------------------------------------------- prescribed entities (Appendix 2)

def test_child_link_is_the_only_restricted_entity():
    env = load("prescribed-entities")
    restricted = [r for r in env.records if r.restricted]
    assert [r.id for r in restricted] == ["child-link"]
    child_link = restricted[0]
    assert child_link.restriction.startswith("Child Link is a Restricted Information Sharing Entity")
    assert "Child Link cannot disclose information under the Child Information Sharing Scheme." in child_link.restriction
    assert "section 41S(1)" in child_link.legal_description
    assert child_link.sector == "Education – Child wellbeing and safety programs delivered or funded by the Department of Education"
    assert child_link.source.provision == f"Appendix 2, {child_link.sector}"


def test_sectors_in_order():
    env = load("prescribed-entities")
    sectors = []
    for r in env.records:
        if not sectors or sectors[-1] != r.sector:
            sectors.append(r.sector)
    assert sectors == [
        None,  # the first table has no heading in the source
        "Education – Early childhood education and care",
        "Education – Child wellbeing and safety programs delivered or funded by the Department of Education",
        "Health",
        "Health - Aged Care",
        "Families, fairness and housing – Disability",
        "Families, fairness and housing – Accommodation and homelessness support",
        "Families, fairness and housing – Human services",
        "Justice",
        "Other",
    ]
    assert env.records[0].name == "Government schools"
    assert env.records[-1].name == "Commission for Children and Young People"
    assert env.records[-1].legal_description is None


def test_entity_spot_checks():
    env = load("prescribed-entities")
    orange_door = env.by_id("the-orange-door-network")
    assert "section 144SC of the Family Violence Protection Act 2008" in orange_door.legal_description
    mch = env.by_id("maternal-and-child-health-services")
    assert mch.legal_description.count("\n") == 3  # four bullet points
    assert "A Council to the extent that it provides maternal and child health programs." in mch.legal_description
    dffh = env.by_id("dffh-housing")
    assert dffh.legal_description.endswith("The Director of Housing within the meaning of the Housing Act 1983.")
    assert env.by_id("victoria-police").legal_description is None
    koorie = env.by_id("koorie-education-and-engagement")
    assert koorie.includes == ["Koorie Education Coordinators", "Koorie Engagement Support Officers",
                               "Koorie Education Children’s Court Liaison Officers", "Koorie Academy Liaison Officers"]
    assert env.by_id("national-student-wellbeing-program-management").note.startswith("Chaplaincy and student wellbeing")
    # the same entry appears under 'Health' and 'Health - Aged Care'
    twins = [r for r in env.records if r.name == "Integrated health and aged care services"]
    assert [r.sector for r in twins] == ["Health", "Health - Aged Care"]
    assert twins[0].legal_description == twins[1].legal_description


def test_grouped_entries_are_listed_with_each_other():
    env = load("prescribed-entities")
    ids = {r.id for r in env.records}
    for r in env.records:
        assert set(r.listed_with) <= ids
        for other in r.listed_with:
            assert r.id in env.by_id(other).listed_with
    # the Disability table's two bullet points each name one body; the other three names have none
    assert env.by_id("victorian-disability-worker-commission").legal_description.startswith(
        "The Victorian Disability Worker Commission established under section 21(1)")
    assert env.by_id("disability-services-commissioner").legal_description is None
    # Navigator, Project REAL and Side by Side share one description
    assert len({env.by_id(i).legal_description for i in ("navigator-program", "project-real", "side-by-side-program")}) == 1


# ---------------------------------------------------------------- overridden provisions (Chapter 4)

def test_table_1_and_table_2_counts():
    env = load("overridden-provisions")
    assert sum(r.status == "overridden" for r in env.records) == 16
    assert sum(r.status == "continues-to-apply" for r in env.records) == 12
    statuses = [r.status for r in env.records]
    assert statuses == sorted(statuses, key=["overridden", "continues-to-apply"].index)  # Table 1 first


def test_overridden_provision_spot_checks():
    env = load("overridden-provisions")
    s207 = env.by_id("cyfa-2005-s-207-2")
    assert (s207.act, s207.sections, s207.status) == ("Children, Youth and Families Act 2005", ["207(2)"], "overridden")
    assert s207.category == "Information collected or obtained in the following ways"
    firearms = env.by_id("firearms-act-1996-s-181")
    assert (firearms.category, firearms.information) == ("Firearms licences", "Information with respect to firearms licences")
    etra = env.by_id("etra-2006-ss-5-3a-10-5-3a-14")
    assert etra.sections == ["5.3A.10", "5.3A.14"]
    assert etra.information == "A Victorian student number or related information."
    s39 = env.by_id("disability-act-2006-s-39")
    assert s39.information.count("\n") == 3  # lead-in and three bullet points
    assert any(r.act == "Human Services (Complex Needs) Act 2009" and r.sections == ["23"] for r in env.records)


def test_continues_to_apply_spot_checks():
    env = load("overridden-provisions")
    crimes = env.by_id("crimes-act-1958-s-330-1")
    assert (crimes.status, crimes.act, crimes.sections) == ("continues-to-apply", "Crimes Act 1958", ["330(1)"])
    serious = env.by_id("serious-offenders-act-2018")
    assert serious.note.startswith("Section 284 of the Serious Offenders Act 2018 allows")
    clinic = env.by_id("childrens-court-clinic-reports")
    assert clinic.act is None and clinic.legislation.startswith("Various Acts")
    witness = env.by_id("witness-protection-act-1991-s-10")
    assert witness.category == "Witness protection"


# ---------------------------------------------------------------- principles, threshold, excluded information

def test_principles_in_order():
    env = load("ciss-principles")
    assert env.records[0].text.startswith("Give precedence to the wellbeing and safety of a child")
    assert env.records[7].text.startswith("Only share confidential information to the extent necessary")
    assert env.records[8].text == ("Work collaboratively in a manner that respects the functions and expertise of each "
                                   "information sharing entity.")


def test_threshold_parts_and_activities():
    parts = load("ciss-threshold-parts")
    assert [p.id for p in parts.records] == ["purpose", "reasonable-belief", "not-excluded-information"]
    # Chapter 1, 'Requesting information': a request needs the first and third parts only
    assert [p.required_for for p in parts.records] == [["requesting", "disclosing"], ["disclosing"], ["requesting", "disclosing"]]
    assert "reasonably believes" in parts.records[1].requirement
    assert "not restricted from sharing by another law" in parts.records[2].requirement
    activities = load("ciss-threshold-activities")
    assert [a.text for a in activities.records] == [
        "making a decision, an assessment or a plan relating to a child or group of children",
        "initiating or conducting an investigation relating to a child or group of children",
        "providing a service relating to a child or group of children",
        "managing any risk to a child or group of children",
    ]


def test_excluded_information():
    env = load("ciss-excluded-information")
    assert env.records[2].text == "Prejudice a coronial inquest or inquiry."
    assert env.records[7].text == "Be contrary to the public interest."
    assert env.records[7].example == "For example, revealing information about covert investigative techniques."
    assert env.records[6].text.count("\n") == 2  # lead-in and two sub-points
    assert all(r.example.startswith("For example") for r in env.records)


# ---------------------------------------------------------------- record keeping (Chapter 5)

def test_record_keeping_structure():
    env = load("ciss-record-keeping")
    counts: dict[tuple[str, str], int] = {}
    for r in env.records:
        counts[(r.situation, r.obligation)] = counts.get((r.situation, r.obligation), 0) + 1
    assert counts == {
        ("request-received", "required"): 3,
        ("disclosing", "required"): 6,
        ("making-request", "good-practice"): 4,
        ("disclosing", "good-practice"): 3,
        ("request-refused", "required"): 2,
        ("complaint-received", "required"): 6,
    }
    fv = env.by_id("disclosing-family-violence-documents")
    assert len(fv.sub_items) == 2 and all("MARAM Framework" in s for s in fv.sub_items)
    assert env.by_id("disclosing-information-disclosed").note.startswith("A record may consist of a summary")
    assert env.by_id("complaint-time-to-resolve").what_to_record == "time taken to resolve the complaint"
