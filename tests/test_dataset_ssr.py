"""Collections taken from the Social Services Regulations 2023 (Vic), Version No. 002 (sources/social-services-regulations-2023-v002.txt), with the
Child Information Sharing Scheme offences from the CISS Ministerial Guidelines, Chapter 6 (sources/ciss-ministerial-guidelines-2023.txt).

Every spot check below was verified by reading the source text.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from calculators.collections.base import Envelope
from calculators.collections.notifiable_incident_information import NotifiableIncidentInformation
from calculators.collections.notifiable_incidents import NotifiableIncident
from calculators.collections.offences import Offence
from calculators.collections.regulatory_entities import RegulatoryEntity
from calculators.collections.relevant_agencies import RelevantAgency
from calculators.collections.social_services import SocialService

from conftest import ROOT

FILES = {
    "relevant-agencies": RelevantAgency,
    "regulatory-entities": RegulatoryEntity,
    "offences": Offence,
    "social-services": SocialService,
    "notifiable-incidents": NotifiableIncident,
    "notifiable-incident-information": NotifiableIncidentInformation,
}


def load(name: str) -> Envelope:
    return Envelope[FILES[name]].model_validate_json((ROOT / "dataset" / f"{name}.json").read_bytes())


@pytest.mark.parametrize("name", sorted(FILES))
def test_file_loads_with_unique_ids_and_its_own_name(name):
    envelope = load(name)
    assert envelope.collection == name
    assert envelope.schema_ == f"schemas/{name}.schema.json"
    assert str(envelope.as_at) == "2024-08-06"
    ids = [record.id for record in envelope.records]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("name", sorted(FILES))
def test_file_is_two_space_json_with_a_trailing_newline(name):
    text = (ROOT / "dataset" / f"{name}.json").read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("name", [n for n in sorted(FILES) if n != "offences"])
def test_positions_run_in_order_from_one(name):
    assert [r.position for r in load(name).records] == list(range(1, len(load(name).records) + 1))


# --- reg 47: paragraphs (a) to (l), 12 entities ------------------------------------------------------------

def test_relevant_agencies_are_the_twelve_in_reg_47():
    records = load("relevant-agencies").records
    assert len(records) == 12
    assert [r.paragraph for r in records] == list("abcdefghijkl")
    assert records[0].entity == "the Disability Worker Registration Board"
    assert records[6].entity == "the Senior Practitioner appointed under section 23 of the Disability Act 2006"
    assert records[11].entity == "the Registrar of Housing Agencies within the meaning of the Housing Act 1983"
    assert all(r.source.provision == f"reg 47({r.paragraph})" for r in records)


# --- Schedule 3: items 1 to 20 -------------------------------------------------------------------------------

def test_regulatory_entities_are_the_twenty_items_of_schedule_3():
    records = load("regulatory-entities").records
    assert len(records) == 20
    assert [r.item for r in records] == list(range(1, 21))
    first = records[0]
    assert first.body == "A National Health Practitioner Board"
    assert first.workers_or_carers == [
        "a WCES worker or carer who is, or was previously, a health practitioner regulated by that Board"]
    # items 7 and 8: the same body, WWC and NDIS clearances
    assert records[6].body == records[7].body == "The Secretary to the Department of Justice and Community Safety"
    assert "a WWC clearance" in records[6].workers_or_carers[0]
    assert "an NDIS clearance" in records[7].workers_or_carers[0]
    # item 15 lists two alternatives, (a) and (b)
    nsw = records[14]
    assert nsw.body == "The Children's Guardian appointed under the Children's Guardian Act 2019 of New South Wales"
    assert len(nsw.workers_or_carers) == 2
    assert nsw.workers_or_carers[1].endswith("under the Child Protection (Working with Children) Act 2012 of New South Wales")
    assert records[19].body == "The CEO under the Working with Children (Criminal Record Checking) Act 2004 of Western Australia"


# --- offences: Sch 5 items 1 to 48, plus the three CISS offences -----------------------------------------

def _units(penalty):
    return penalty and {k: v for k, v in penalty.model_dump(exclude={"in_force", "note"}).items() if v is not None}


def test_schedule_5_has_48_infringement_offences_and_three_ciss_offences_follow():
    records = load("offences").records
    ssra = [r for r in records if r.act == "Social Services Regulation Act 2021 (Vic)"]
    ciss = [r for r in records if r.act == "Child Wellbeing and Safety Act 2005 (Vic)"]
    assert len(ssra) == 48 and len(ciss) == 3 and len(records) == 51
    assert all(r.infringement_offence for r in ssra)
    assert not any(r.infringement_offence for r in ciss)
    assert [r.source.provision.split(",")[2].split("(")[0].strip() for r in ssra] == [f"item {n}" for n in range(1, 49)]
    assert len({r.section for r in ssra}) == 48  # one record per provision


def test_schedule_5_penalties_as_read():
    offences = {r.section: r for r in load("offences").records if r.infringement_offence}
    assert _units(offences["s 47(1)"].infringement_penalty) == {"individual": Decimal(2), "body_corporate": Decimal(10)}
    assert _units(offences["s 77"].infringement_penalty) == {"individual": Decimal(5), "body_corporate": Decimal(10)}
    assert _units(offences["s 85(1)"].infringement_penalty) == {"any_offender": Decimal(6)}  # item 4: one figure
    assert _units(offences["s 122(2)"].infringement_penalty) == {"individual": Decimal(6), "body_corporate": Decimal(24)}
    assert _units(offences["s 204(1)"].infringement_penalty) == {"any_offender": Decimal(1)}  # item 19
    assert _units(offences["s 221(4)"].infringement_penalty) == {"any_offender": Decimal(6)}  # item 31
    assert _units(offences["s 237(1)"].infringement_penalty) == {"individual": Decimal(12), "body_corporate": Decimal(60)}
    assert _units(offences["s 269"].infringement_penalty) == {"individual": Decimal(2), "body_corporate": Decimal(10)}
    single = {s for s, r in offences.items() if r.infringement_penalty.any_offender is not None}
    assert single == {"s 85(1)", "s 85(2)", "s 91(1)", "s 91(2)", "s 204(1)", "s 221(4)"}  # items 4–7, 19, 31


def test_maximum_penalties_only_where_a_source_states_them():
    offences = {r.id: r for r in load("offences").records}
    # FACTS.md: Social Services Regulation Act 2021 (Vic) s 47(1), merged with Sch 5 item 1
    assert _units(offences["ssra-s47-1"].maximum_penalty) == {"individual": Decimal(20), "body_corporate": Decimal(100)}
    # Sch 6 (confidentiality notice), addressed to a person: "a fine of up to 10 penalty units", citing s 204(1);
    # nothing states a figure for a body corporate (issue 24)
    assert _units(offences["ssra-s204-1"].maximum_penalty) == {"individual": Decimal(10)}
    assert "Schedule 6" in offences["ssra-s204-1"].maximum_penalty.note
    with_maximum = {i for i, r in offences.items() if r.maximum_penalty is not None}
    assert with_maximum == {"ssra-s47-1", "ssra-s204-1", "cwsa-ciss-unauthorised-use-or-disclosure",
                            "cwsa-ciss-intentional-or-reckless-unauthorised-use-or-disclosure",
                            "cwsa-ciss-falsely-claiming-to-be-information-sharing-entity"}


def test_ciss_offences_as_chapter_6_states_them():
    offences = {r.id: r for r in load("offences").records}
    assert _units(offences["cwsa-ciss-unauthorised-use-or-disclosure"].maximum_penalty) == {
        "individual": Decimal(60), "body_corporate": Decimal(300)}
    assert _units(offences["cwsa-ciss-intentional-or-reckless-unauthorised-use-or-disclosure"].maximum_penalty) == {
        "individual": Decimal(600), "body_corporate": Decimal(3000), "imprisonment": "5 years"}
    assert _units(offences["cwsa-ciss-falsely-claiming-to-be-information-sharing-entity"].maximum_penalty) == {
        "individual": Decimal(60), "body_corporate": Decimal(300)}
    assert all(r.source.provision == "Chapter 6, Offences" for i, r in offences.items() if i.startswith("cwsa-"))


# --- regs 5–11: reg 5 prescribes nine social services ---------------------------------------------------

def test_nine_social_services_in_reg_5_order():
    records = load("social-services").records
    assert [r.name for r in records] == [
        "child protection services", "community-based child and family services", "disability services",
        "family violence services", "homelessness services", "out of home care services",
        "secure welfare services", "sexual assault services", "supported residential services"]
    by_id = {r.id: r for r in records}
    assert len(by_id["community-based-child-and-family-services"].includes) == 12  # reg 6(2)(a)-(l)
    assert len(by_id["disability-services"].includes) == 3  # reg 7(1)(a)-(c)
    assert len(by_id["disability-services"].excludes) == 6  # reg 7(2)(a)-(f)
    assert by_id["disability-services"].excludes[1] == "a service provided by a person or body as an NDIS provider to an NDIS participant"
    assert len(by_id["family-violence-services"].includes) == 3  # reg 8(a)-(c)
    assert len(by_id["homelessness-services"].includes) == 5  # reg 9(1)(a)-(e)
    assert by_id["out-of-home-care-services"].excludes == ["a secure welfare service"]  # reg 10(1)
    assert by_id["sexual-assault-services"].includes[2] == "sexual assault therapeutic intervention services"
    assert by_id["supported-residential-services"].definition == (
        "supported residential service has the meaning given in section 214(1) of the Act")


# --- reg 36 ------------------------------------------------------------------------------------------------

def test_notifiable_incidents_are_the_two_in_reg_36_1():
    records = load("notifiable-incidents").records
    assert len(records) == 2
    assert records[0].incident == "the unexpected death of a service user"
    assert records[1].incident.endswith("serious injury to a service user who is a resident of a supported residential service")


def test_notice_information_is_the_nine_items_of_reg_36_2():
    records = load("notifiable-incident-information").records
    assert [r.paragraph for r in records] == list("abcdefghi")
    assert records[0].information == "the name of the registered social service provider"
    assert records[3].parts == ["a description of the incident", "where the incident occurred",
                                "the date and time the incident occurred"]
    assert len(records[6].parts) == 3  # (g)(i)-(iii)
    assert records[8].parts[0] == "the signature of the person giving the notice"
