"""The threshold checklists in dataset/checklists.json: their shape, their agreement with the other collections,
and (through calculators.checklists) the paths a reader can take through them.

The worked examples at the end were worked by hand from the CISS Ministerial Guidelines (sources/ciss-ministerial-guidelines-2023.txt), Chapter 1
('Who can share information', 'The threshold for sharing', 'Responding to requests for information', 'Voluntary
information sharing'), Chapter 5 and Appendix 2; the Social Services Regulations 2023 (sources/social-services-regulations-2023-v002.txt) regs 33, 34(2);
and the CMPR FAQ (sources/cmpr-faq-2022.txt).
"""

from __future__ import annotations

import json
from collections import Counter

import pytest

from calculators.collections import COLLECTIONS
from calculators.collections.base import Envelope
from calculators.collections.checklists import (
    AllOf,
    AnswerIn,
    AnswerIs,
    AnyOf,
    Checklist,
    LookupIs,
    Negation,
    RatioAtLeast,
)

from conftest import ROOT

PATH = ROOT / "dataset" / "checklists.json"
IDS = [
    "ciss-sharing", "ciss-requesting", "ciss-sharing-with-child-or-family", "soa-s284", "ssr-reg-33", "ssr-reg-36",
    "ssr-reg-34-2", "ssr-reg-43", "ssr-prescribed-social-service", "cmpr-support-period-threshold",
]
CISS_IDS = ["ciss-sharing", "ciss-requesting", "ciss-sharing-with-child-or-family"]


def collection(name: str) -> Envelope:
    return Envelope[COLLECTIONS[name]].model_validate_json((ROOT / "dataset" / f"{name}.json").read_bytes())


@pytest.fixture(scope="module")
def envelope() -> Envelope:
    return Envelope[Checklist].model_validate_json(PATH.read_bytes())


@pytest.fixture(scope="module")
def checklists(envelope) -> dict[str, Checklist]:
    return {checklist.id: checklist for checklist in envelope.records}


def one_line(text: str) -> str:
    return " ".join(text.split("\n"))


def conditions(checklist: Checklist):
    for outcome in checklist.outcomes:
        yield outcome.when
    for question in checklist.questions:
        if question.ask_if is not None:
            yield question.ask_if


def leaves(condition):
    if isinstance(condition, AllOf):
        for part in condition.all:
            yield from leaves(part)
    elif isinstance(condition, AnyOf):
        for part in condition.any:
            yield from leaves(part)
    elif isinstance(condition, Negation):
        yield from leaves(condition.not_)
    else:
        yield condition


# --- the file ---------------------------------------------------------------------------------------------------


def test_envelope(envelope):
    assert envelope.schema_ == "schemas/checklists.schema.json"
    assert envelope.collection == "checklists"
    assert envelope.version.startswith("1.")  # major 1: no breaking change since the first release
    assert str(envelope.as_at) == "2024-08-06"
    documents = {source.document for source in envelope.sources}
    for record in envelope.records:
        assert record.source.document in documents, record.id


def test_file_is_two_space_json_with_a_trailing_newline():
    text = PATH.read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"


def test_the_ten_checklists_exist(checklists):
    assert sorted(checklists) == sorted(IDS)


# --- agreement with the other collections ---------------------------------------------------------------------


def choice_questions_over(checklist: Checklist, ids: list[str]):
    return [q for q in checklist.questions if q.kind == "choice" and {c.value for c in q.choices} & set(ids)]


def test_ciss_activity_choices_match_the_collection(checklists):
    activities = collection("ciss-threshold-activities").records
    ids = [a.id for a in activities]
    found = choice_questions_over(checklists["ciss-sharing"], ids)
    assert len(found) == 1
    for question in found:
        listed = [c for c in question.choices if c.value != "none"]
        assert len(listed) == len(activities) == 4
        assert [c.value for c in listed] == ids
        assert [c.label for c in listed] == [a.text for a in activities]
        assert question.choices[-1].value == "none"


@pytest.mark.parametrize("checklist_id", CISS_IDS)
def test_ciss_excluded_information_choices_match_the_collection(checklists, checklist_id):
    categories = collection("ciss-excluded-information").records
    ids = [c.id for c in categories]
    found = choice_questions_over(checklists[checklist_id], ids)
    assert len(found) == 1
    for question in found:
        listed = [c for c in question.choices if c.value != "none"]
        assert len(listed) == len(categories) == 8
        assert [c.value for c in listed] == ids
        assert [c.label for c in listed] == [one_line(c.text) for c in categories]
        assert question.choices[-1].value == "none"


def test_soa_purpose_choices_match_the_collection(checklists):
    purposes = collection("soa-s284-purposes").records
    (question,) = choice_questions_over(checklists["soa-s284"], [p.id for p in purposes])
    listed = [c for c in question.choices if c.value != "none"]
    assert [c.value for c in listed] == [p.id for p in purposes]
    assert [c.label for c in listed] == [p.text for p in purposes]


def test_social_service_kinds_match_the_collection(checklists):
    services = collection("social-services").records
    (question,) = choice_questions_over(checklists["ssr-prescribed-social-service"], [s.id for s in services])
    listed = [c for c in question.choices if c.value != "none"]
    assert len(listed) == 9
    assert [c.value for c in listed] == [s.id for s in services]


def test_reg_36_notice_contents_follow_the_collection(checklists):
    information = collection("notifiable-incident-information").records
    checklist = checklists["ssr-reg-36"]
    for outcome_id in ("notifiable-unexpected-death", "notifiable-serious-injury"):
        outcome = next(o for o in checklist.outcomes if o.id == outcome_id)
        items = [step for step in outcome.next_steps if step.startswith("Reg 36(2)(")]
        assert [item[len("Reg 36(2)("):][0] for item in items] == [i.paragraph for i in information]
        for item, record in zip(items, information, strict=True):
            assert record.information in item


def test_ciss_sharing_record_keeping_lists_every_required_duty(checklists):
    texts = " ".join(item.text for item in checklists["ciss-sharing"].record_keeping)
    for duty in collection("ciss-record-keeping").records:
        if duty.obligation == "required" and duty.situation in ("request-received", "disclosing", "request-refused"):
            assert duty.what_to_record.rstrip(".") in texts, duty.id


def test_cmpr_ratio_is_the_published_threshold(checklists):
    threshold = next(r for r in collection("cmpr-thresholds").records if r.id == "support-period-performance-threshold")
    ratios = [leaf for c in conditions(checklists["cmpr-support-period-threshold"]) for leaf in leaves(c)
              if isinstance(leaf, RatioAtLeast)]
    assert ratios
    for ratio in ratios:
        assert ratio.at_least * 100 == threshold.percentage


# --- internal consistency -------------------------------------------------------------------------------------


@pytest.mark.parametrize("checklist_id", IDS)
def test_every_lookup_names_an_existing_collection(checklists, checklist_id):
    for question in checklists[checklist_id].questions:
        if question.kind == "lookup":
            assert question.lookup in COLLECTIONS
            assert (ROOT / "dataset" / f"{question.lookup}.json").is_file()
            assert collection(question.lookup).records


@pytest.mark.parametrize("checklist_id", IDS)
def test_everything_cites_something(checklists, checklist_id):
    checklist = checklists[checklist_id]
    assert checklist.source.provision.strip()
    for question in checklist.questions:
        assert question.citation.strip(), question.key
        assert question.text.strip(), question.key
    for outcome in checklist.outcomes:
        assert outcome.citation.strip(), outcome.id
        assert outcome.label.strip() and outcome.summary.strip(), outcome.id
        assert not outcome.label.endswith("."), outcome.id  # the engine writes "{label}. {summary}"
    for item in checklist.record_keeping:
        assert item.text.strip() and item.citation.strip()


@pytest.mark.parametrize("checklist_id", IDS)
def test_every_answer_has_a_reason(checklists, checklist_id):
    for question in checklists[checklist_id].questions:
        if question.kind in ("yes-no", "choice"):
            assert set(question.reasons) == set(question.allowed()), question.key
        else:
            assert "*" in question.reasons, question.key
        assert all(reason.strip().endswith(".") for reason in question.reasons.values()), question.key


@pytest.mark.parametrize("checklist_id", IDS)
def test_conditions_use_only_answers_the_questions_allow(checklists, checklist_id):
    checklist = checklists[checklist_id]
    questions = {q.key: q for q in checklist.questions}
    for condition in conditions(checklist):
        for leaf in leaves(condition):
            if isinstance(leaf, (AnswerIs, AnswerIn)):
                question = questions[leaf.answer]
                values = [leaf.is_] if isinstance(leaf, AnswerIs) else leaf.in_
                if question.kind in ("yes-no", "choice"):
                    assert set(values) <= set(question.allowed()), (question.key, values)
                elif question.kind == "lookup":
                    ids = {r.id for r in collection(question.lookup).records}
                    assert set(values) <= ids, (question.key, values)
                else:
                    pytest.fail(f"{question.key}: a number question is compared only through a ratio")
            elif isinstance(leaf, LookupIs):
                question = questions[leaf.lookup]
                assert question.kind == "lookup"
                assert leaf.field in COLLECTIONS[question.lookup].model_fields
            elif isinstance(leaf, RatioAtLeast):
                assert all(questions[key].kind == "number" for key in leaf.ratio)


@pytest.mark.parametrize("checklist_id", IDS)
def test_record_keeping_is_flagged_only_where_there_is_some(checklists, checklist_id):
    checklist = checklists[checklist_id]
    if any(outcome.record_keeping for outcome in checklist.outcomes):
        assert checklist.record_keeping


def test_restricted_entities_are_what_the_ciss_checklists_rely_on():
    restricted = [r.id for r in collection("prescribed-entities").records if r.restricted]
    assert restricted == ["child-link"]
    ids = {r.id for r in collection("prescribed-entities").records}
    assert {"childrens-court-of-victoria", "magistrates-court-of-victoria"} <= ids


# --- through the engine ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def evaluate():
    from calculators.checklists import evaluate

    return evaluate


LOOKUP_SAMPLES = {"prescribed-entities": ["government-schools", "child-link", "childrens-court-of-victoria"]}
NUMBER_SAMPLES = {("cmpr-support-period-threshold", "support-periods"): ["0", "96.9", "97", "100"],
                  ("cmpr-support-period-threshold", "target"): ["100"]}


@pytest.mark.parametrize("checklist_id", IDS)
def test_every_path_ends_in_one_outcome_and_every_outcome_is_reachable(evaluate, checklists, checklist_id):
    reached: Counter[str] = Counter()
    pending: list[dict[str, str]] = [{}]
    while pending:
        answers = pending.pop()
        result = evaluate(checklist_id, answers)  # a data error (no question left) raises here
        assert not result.warnings, (answers, result.warnings)
        if result.outcome != "incomplete":
            reached[result.outcome] += 1
            assert len(result.explanation) == len(answers) + 1 + len(result.time_limits)
            continue
        question = result.next_question
        assert question.key not in answers
        if question.kind in ("yes-no", "choice"):
            values = question.allowed
        elif question.kind == "lookup":
            values = LOOKUP_SAMPLES[question.lookup]
        else:
            values = NUMBER_SAMPLES[(checklist_id, question.key)]
        pending.extend({**answers, question.key: value} for value in values)
    assert {o.id for o in checklists[checklist_id].outcomes} == set(reached)


MET = {"discloser-prescribed": "yes", "discloser": "government-schools", "employed": "yes",
       "recipient-prescribed": "yes", "recipient": "maternal-and-child-health-services", "purpose": "yes",
       "activity": "managing-risk", "excluded": "none", "other-law": "no"}


def test_ciss_all_parts_met_on_request_must_share(evaluate):
    # Chapter 1: if the threshold is met, an entity 'must disclose relevant information to another information
    # sharing entity, if requested'; 'must comply with requests for information that meet the threshold'.
    result = evaluate("ciss-sharing", {**MET, "situation": "request"})
    assert result.outcome == "must-share"
    assert result.record_keeping
    assert all(step.citation for step in result.explanation)
    assert "Part 1 is met" in result.explanation[6].text


def test_ciss_all_parts_met_voluntarily_may_share(evaluate):
    assert evaluate("ciss-sharing", {**MET, "situation": "voluntary"}).outcome == "may-share-voluntarily"


def test_ciss_part_1_not_met_means_no_sharing(evaluate):
    # Chapter 1, threshold part 1; Chapter 5: 'must refuse a request ... if they do not believe it satisfies the
    # threshold for sharing', with the reason in writing.
    base = {k: MET[k] for k in ("discloser-prescribed", "discloser", "employed", "recipient-prescribed", "recipient")}
    voluntary = evaluate("ciss-sharing", {**base, "situation": "voluntary", "purpose": "no"})
    assert voluntary.outcome == "must-not-share"
    assert "Part 1 is not met" in voluntary.explanation[-2].text
    requested = evaluate("ciss-sharing", {**base, "situation": "request", "purpose": "no"})
    assert requested.outcome == "refuse-the-request"
    assert any("in writing" in step for step in requested.next_steps)
    assert requested.record_keeping


def test_ciss_excluded_information_or_another_law_means_no_sharing(evaluate):
    assert evaluate("ciss-sharing", {**MET, "situation": "voluntary",
                                     "excluded": "prejudice-coronial-inquest"}).outcome == "must-not-share"
    assert evaluate("ciss-sharing", {**MET, "situation": "request", "other-law": "yes"}).outcome \
        == "refuse-the-request"
    assert evaluate("ciss-sharing", {**MET, "situation": "request", "activity": "none"}).outcome \
        == "refuse-the-request"


def test_child_link_may_not_disclose(evaluate):
    # Appendix 2: Child Link 'cannot disclose information under the Child Information Sharing Scheme'.
    result = evaluate("ciss-sharing", {"discloser-prescribed": "yes", "discloser": "child-link"})
    assert result.outcome == "restricted-entity-cannot-disclose"
    assert evaluate("ciss-sharing", {**MET, "discloser": "child-link", "situation": "request"}).outcome \
        == "restricted-entity-cannot-disclose"


def test_a_child_link_user_shares_as_the_entity_they_work_for(evaluate):
    # Chapter 4, 'Child Link': 'Child Link Users will work for an information sharing entity' and 'may disclose
    # confidential information contained in Child Link in accordance with disclosure provisions within Part 7A ...
    # and under the Child Information Sharing Scheme'. Only Child Link itself (the Secretary, prescribed as the
    # Child Link Category, Appendix 2) 'cannot disclose'. A principal sharing as the school meets the threshold.
    assert evaluate("ciss-sharing", {**MET, "situation": "voluntary"}).outcome == "may-share-voluntarily"
    restricted = evaluate("ciss-sharing", {"discloser-prescribed": "yes", "discloser": "child-link"})
    steps = " ".join(restricted.next_steps)
    assert "Child Link Category" in steps and "It is not about Child Link Users" in steps
    assert "“Child Link Users may disclose confidential information contained in Child Link in accordance with " \
           "disclosure provisions within Part 7A" in steps
    assert "This checklist does not ask about Part 7A" in steps


def test_child_link_may_request(evaluate):
    # Appendix 2: Child Link 'can request the disclosure of confidential information'; Chapter 1 'Requesting
    # information': the first and third parts of the threshold.
    result = evaluate("ciss-requesting", {"discloser-prescribed": "yes", "requester": "child-link", "employed": "yes",
                                          "holder-prescribed": "yes", "purpose": "yes", "excluded": "none",
                                          "other-law": "no"})
    assert result.outcome == "may-request"


def test_ciss_volunteers_and_non_entities_may_not_share(evaluate):
    assert evaluate("ciss-sharing", {"discloser-prescribed": "no"}).outcome == "not-an-information-sharing-entity"
    assert evaluate("ciss-sharing", {**MET, "employed": "no"}).outcome == "volunteers-must-not-share"
    assert evaluate("ciss-sharing", {"discloser-prescribed": "yes", "discloser": "government-schools",
                                     "employed": "yes", "recipient-prescribed": "no"}).outcome \
        == "recipient-not-an-information-sharing-entity"


def test_a_prescribed_court_participates_voluntarily(evaluate):
    # Introduction: 'If courts and tribunals are prescribed ..., their participation in the scheme is voluntary.'
    result = evaluate("ciss-sharing", {**MET, "discloser": "childrens-court-of-victoria", "situation": "request"})
    assert result.outcome == "court-may-share-on-request"


def test_sharing_with_a_family_member_who_could_be_put_at_further_risk(evaluate):
    answers = {"discloser-prescribed": "yes", "discloser": "government-schools", "employed": "yes",
               "recipient": "parental-responsibility", "purpose": "yes", "alleged-perpetrator": "yes",
               "further-risk": "yes"}
    assert evaluate("ciss-sharing-with-child-or-family", answers).outcome == "must-not-share-further-risk"


def test_reg_34_2_short_engagement_is_not_a_change(evaluate):
    answers = {"role": "chief-executive", "change": "joining", "period": "28-days-or-less"}
    assert evaluate("ssr-reg-34-2", answers).outcome == "short-engagement-not-a-change"
    assert evaluate("ssr-reg-34-2", {**answers, "period": "more-than-28-days"}).outcome \
        == "change-notify-within-28-days"


def test_reg_33_fraud_punishable_by_three_months(evaluate):
    answers = {"whose": "key-personnel", "convicted": "yes", "indictable": "no", "fraud-or-dishonesty": "yes",
               "three-months": "yes"}
    assert evaluate("ssr-reg-33", answers).outcome == "notify-within-7-days"
    assert evaluate("ssr-reg-33", {**answers, "three-months": "no"}).outcome == "not-prescribed"


@pytest.mark.parametrize(("counted", "outcome"), [("97", "meets-threshold"), ("96.99", "below-threshold")])
def test_cmpr_97_percent(evaluate, counted, outcome):
    answers = {"has-target": "yes", "at-or-above-target": "no", "support-periods": counted, "target": "100"}
    assert evaluate("cmpr-support-period-threshold", answers).outcome == outcome


def test_ciss_record_keeping_follows_what_happened(evaluate):
    # Chapter 5: 'When a request has been received', 'When disclosing information ...', 'if a request is
    # refused': each list applies only where that happened; a refusal discloses nothing.
    base = {k: MET[k] for k in ("discloser-prescribed", "discloser", "employed", "recipient-prescribed", "recipient")}
    refused = evaluate("ciss-sharing", {**base, "situation": "request", "purpose": "no"}).record_keeping
    assert [item.text.split("\u201c")[0] for item in refused] == ["When you receive a request, record "] * 3 + \
        [refused[-1].text.split("\u201c")[0]]
    assert "refuse a request" in refused[-1].text
    assert not any("disclos" in item.text.split("\u201c")[0].lower() for item in refused[:-1])
    voluntary = evaluate("ciss-sharing", {**MET, "situation": "voluntary"}).record_keeping
    assert not any(item.text.startswith("When you receive a request") for item in voluntary)
    assert not any("refuse a request" in item.text for item in voluntary)
    assert sum(item.text.startswith("When you disclose") for item in voluntary) == 6
    requested = evaluate("ciss-sharing", {**MET, "situation": "request"}).record_keeping
    assert sum(item.text.startswith("When you receive a request") for item in requested) == 3
    assert not any("refuse a request" in item.text or item.text.startswith("Prescribed courts") for item in requested)


def test_soa_threat_to_a_person_puts_the_table_2_basis_in_front_of_the_worker(evaluate):
    # CISS Guidelines, Chapter 4, Table 2: s 284 'allows for the sharing of information in certain circumstances,
    # including to respond to, lessen or prevent a threat to the life, health, safety or welfare of any person'.
    answers = {"relevant-person": "delivers-services", "obtained-under-act": "yes", "use-or-disclose": "disclose",
               "recipient": "other"}
    assert evaluate("soa-s284", answers).next_question.key == "purpose"
    threat = evaluate("soa-s284", {**answers, "purpose": "reducing-risk"})
    assert threat.outcome == "seek-advice-recipient-threat"
    words = "to respond to, lessen or prevent a threat to the life, health, safety or welfare of any person"
    assert words in threat.summary and "Chapter 4, Table 2" in threat.explanation[-1].citation
    assert evaluate("soa-s284", {**answers, "purpose": "managing-an-offender"}).outcome == "seek-advice-recipient"
