"""One source for every period (issue 17): checklists, provider events, generated tables and the site's pages state
a period only as the rendering of a rule in dataset/deadline-rules.json, and never leave out a rule that applies to
the same event.

A "period" here is a number with a unit of time ("7 days", "12 months", "24 hrs") or a day of the month ("the 5th").
Quoting a source document is not retyping: a quoted span found verbatim in a source document (sources/) is left out of the scan.
Quantities that are not time limits (an age, a term of imprisonment, service hours) are listed in NOT_PERIODS, each
with its reason, and each must still be found where it is listed, so the list cannot go stale.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys

import pytest

from calculators import dataset, periods, site_tables
from calculators.checklists import evaluate
from calculators.rules import deadline_for_rule, obligations_for_event, time_limits

from conftest import ROOT
from conftest import SOURCES as SOURCE_DIR

sys.path.insert(0, str(ROOT / "scripts"))
from site_build import PLACEHOLDER as PAGE_PLACEHOLDER
from site_build import expand

PERIOD = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|twenty-eight)[ -]"
    r"(?:business |calendar |clear )?(?:hours?|hrs?|days?|weeks?|months?|years?)\b|\b\d+(?:st|nd|rd|th)\b",
    re.IGNORECASE)
QUOTED = [re.compile("\u201c([^\u201d]*)\u201d"), re.compile(r'"([^"]*)"'),
          re.compile(r"(?<![A-Za-z])'([^']*?)'(?![A-Za-z])")]  # quotes pair in order; an apostrophe opens none
RULES = dataset.load("deadline-rules").records
EVENTS = dataset.load("provider-events").records
CHECKLISTS = dataset.load("checklists").records
RENDERINGS = {periods.period_text(rule) for rule in RULES} - {None}

# Where a number of time units is not a time limit: (where, the words, why). Each must occur where listed.
NOT_PERIODS = [
    ("ssr-reg-33", "imprisonment for a term of 3 months or more", "reg 33(b): the term of imprisonment an offence carries"),
    ("ssr-reg-33", "imprisonment for 3 months or more", "reg 33(b): the term of imprisonment an offence carries"),
    ("ssr-prescribed-social-service", "aged 16 to 18 years", "reg 10(1)(c): the children's ages"),
    ("cmpr-support-period-threshold", "(10 hour)", "CMPR FAQ: average service hours in a brief support period"),
    ("cmpr-support-period-threshold", "(24 hours)", "CMPR FAQ: average service hours, intermediate to longer term"),
    ("cmpr-support-period-threshold", "(98 hours)", "CMPR FAQ: average service hours in an intensive support period"),
    ("docs/guides/social-services-regulations.md", "shared houses for 16 to 18 year olds", "reg 10: ages"),
    ("docs/guides/social-services-regulations.md", "punished by 3 months' prison or more", "reg 33(b): a prison term"),
    ("docs/guides/child-information-sharing.md", "up to 5 years' prison", "Chapter 6: a maximum penalty"),
    ("docs/guides/case-management-program-requirements.md", "| Brief | 10 hours |", "CMPR: service hours, not a time limit"),
    ("docs/guides/case-management-program-requirements.md", "| Intermediate to longer term | 24 hours |",
     "CMPR: service hours, not a time limit"),
    ("docs/guides/case-management-program-requirements.md", "| Intensive | 98 hours |", "CMPR: service hours"),
    ("docs/guides/index.md", "(10, 24 and 98 hours)", "CMPR: service hours, not a time limit"),
    ("docs/guides/counting-time.md", "Worked example: 7 days from Friday 11 April 2025",
     "an example of `deadline --days 7`, not a rule"),
    ("docs/guides/counting-time.md", "and you have 7 days", "the same example"),
    ("docs/guides/counting-time.md", "So the 7 days end on", "the same example"),
    ("docs/guides/counting-time.md", "24 hours means exactly 24 hours later", "how hours are counted, in general"),
    ("docs/guides/counting-time.md", "| Start | 24 hours later | Why |", "an example of `deadline --hours 24`"),
    ("docs/guides/counting-time.md", "1 month from Friday 31 January 2025", "an example of `deadline --months 1`"),
    ("docs/guides/counting-time.md", "counts a year as 12 months", "how a year is counted, in general"),
    ("docs/guides/counting-time.md", "2 years from Tuesday 29 February 2028 end on Thursday 28 February 2030, as "
     "24 months do", "an example of the one reading of a missing 29 February"),
    ("docs/guides/imha-opt-out.md", "the last 24 hours of data automatically each day",
     "how CMI sends data (IMHA Protocol), not a time limit"),
    ("docs/guides/imha-opt-out.md", "it may arrive up to 30 days after the event",
     "the protocol's account of the list's delay, not a time limit"),
    ("docs/guides/imha-opt-out.md", "a three-month implementation report", "the name of a report in the protocol"),
    ("docs/guides/imha-opt-out.md", "that ends 3 hours after it starts", "how long an example event lasts"),
    ("docs/guides/imha-opt-out.md", "the client's 25th birthday", "the age condition, not the period"),
    ("docs/guides/imha-opt-out.md", "the later of these two days", "two dates compared, not a period"),
    ("docs/guides/case-management-program-requirements.md", "help 24 hours a day", "when help is available"),
    ("imha-six-monthly-reports", "'Three-month implementation report", "the name of a report"),
]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u2011", "-")).strip()


SOURCES = " ".join(_norm(path.read_text(encoding="utf-8")) for path in sorted(SOURCE_DIR.glob("*.txt")))


def stated(text: str, where: str) -> list[str]:
    """The periods a text states in its own words: not a quotation of a source, and not a listed non-period."""
    text = _norm(text)
    for place, words, _ in NOT_PERIODS:
        if place == where:
            text = text.replace(words, " ")
    for pattern in QUOTED:
        for match in list(pattern.finditer(text)):
            if _norm(match.group(1)).rstrip(".") in SOURCES:
                text = text.replace(match.group(0), " ")
    return [match.group(0) for match in PERIOD.finditer(text)]


def texts(value, skip=frozenset()):
    """Every string in a record, except those under keys that are ids, conditions, quotations or citations."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in skip:
                yield from texts(item, skip)
    elif isinstance(value, list):
        for item in value:
            yield from texts(item, skip)
    elif isinstance(value, str):
        yield value


NOT_TEXT = frozenset({"id", "key", "value", "answer", "lookup", "rule", "event", "checklist", "field", "is", "in",
                      "quote", "source", "in_force", "citation", "convention", "basis", "kind", "annual_dates",
                      "when", "ask_if", "ratio", "at_least"})


def raw(collection: str) -> list[dict]:
    return json.loads((ROOT / "dataset" / f"{collection}.json").read_text(encoding="utf-8"))["records"]


# --- the data: no period retyped -------------------------------------------------------------------------------


@pytest.mark.parametrize("collection", ["checklists", "provider-events", "deadline-rules"])
def test_the_data_writes_every_period_as_a_reference_to_its_rule(collection):
    # A period in text is `{period:RULE-ID}`; a rule's own quotation of its source is where the words live.
    for record in raw(collection):
        for text in texts(record, NOT_TEXT):
            bare = periods.PLACEHOLDER.sub(" ", text)
            assert not stated(bare, record["id"]), f"{collection} {record['id']}: a period retyped in {text!r}"
            for rule_id in periods.rules_named(text):
                periods.rule(rule_id)  # a KeyError names a placeholder without a rule


def test_every_rule_quotes_the_period_it_holds():
    # The period field and the source's words agree: the quote states the period the rule renders.
    for rule in RULES:
        words = periods.period_text(rule)
        if words is None:
            continue
        number = str(rule.period) if rule.period else words.replace(" each year", "")
        if rule.convention == "day-of-following-month":
            number = words.split()[1]  # '5th'
        assert number in rule.quote, (rule.id, words, rule.quote)
        if rule.convention in periods.UNITS:
            unit = periods.UNITS[rule.convention]
            assert re.search(rf"\b{rule.period} {unit}s?\b", rule.quote), (rule.id, rule.quote)


def test_not_periods_are_still_where_they_are_listed():
    corpus = {c["id"]: _norm(" ".join(texts(c, NOT_TEXT))) for c in raw("checklists")}
    corpus |= {r["id"]: _norm(" ".join(texts(r, NOT_TEXT))) for r in raw("deadline-rules")}
    for place, words, why in NOT_PERIODS:
        text = _norm((ROOT / place).read_text(encoding="utf-8")) if place.startswith("docs/") else corpus[place]
        assert words in text, f"{place}: {words!r} ({why}) is no longer there: remove it from NOT_PERIODS"


# --- results: every period stated is a rendering of a rule the item refers to -----------------------------------


def outcomes_by_path():
    """Every outcome of every checklist, with the answers of each path that reaches it (as the data tests walk)."""
    samples = {"prescribed-entities": ["government-schools", "child-link"], None: ["100"]}
    for checklist in CHECKLISTS:
        pending: list[dict[str, str]] = [{}]
        while pending:
            answers = pending.pop()
            result = evaluate(checklist.id, answers)
            if result.outcome != "incomplete":
                yield checklist, result
                continue
            question = result.next_question
            values = question.allowed or samples.get(question.lookup, samples[None])
            pending.extend({**answers, question.key: value} for value in values)


RESULTS = list(outcomes_by_path())


def outcome_record(checklist, outcome_id):
    return next(outcome for outcome in checklist.outcomes if outcome.id == outcome_id)


@pytest.mark.parametrize("checklist", CHECKLISTS, ids=lambda checklist: checklist.id)
def test_every_checklist_outcome_states_only_periods_of_its_rules(checklist):
    for owner, result in RESULTS:
        if owner.id != checklist.id:
            continue
        outcome = outcome_record(checklist, result.outcome)
        raw_text = " ".join([outcome.label, outcome.summary, *outcome.next_steps])
        named = set(periods.rules_named(raw_text)) | {limit.rule for limit in result.time_limits}
        allowed = {periods.period_text(periods.rule(rule_id)) for rule_id in named}
        shown = " ".join([result.label, result.summary, *result.next_steps,
                          *(f"{limit.period} {limit.applies_when}" for limit in result.time_limits)])
        for words in stated(shown, checklist.id):
            assert words in allowed, f"{checklist.id}/{result.outcome} states {words!r}, not a period of {sorted(named)}"


@pytest.mark.parametrize("checklist", CHECKLISTS, ids=lambda checklist: checklist.id)
def test_an_outcome_naming_a_rule_lists_every_rule_of_its_event(checklist):
    # The supported residential service case: an outcome that names reg 35(4)(b)'s period must also list reg 35(2)(a).
    for outcome in checklist.outcomes:
        counted = [rule_id for rule_id in periods.rules_named(" ".join([outcome.label, outcome.summary,
                                                                         *outcome.next_steps]))
                   if periods.rule(rule_id).convention not in ("length-in-days", "not-computable")]
        if counted:
            assert outcome.event, f"{checklist.id}/{outcome.id} names {counted} without its provider event"
        if outcome.event:
            event_rules = [o.rule for o in dataset.load("provider-events").by_id(outcome.event).obligations]
            assert set(counted) <= set(event_rules), (checklist.id, outcome.id, counted, event_rules)
    for _, result in (pair for pair in RESULTS if pair[0].id == checklist.id):
        if result.event:
            event = dataset.load("provider-events").by_id(result.event)
            assert [limit.rule for limit in result.time_limits] == [o.rule for o in event.obligations]


@pytest.mark.parametrize("event", EVENTS, ids=lambda event: event.id)
def test_every_provider_event_states_only_its_rules_periods_and_its_checklist_agrees(event):
    result = obligations_for_event(event.id, "2025-03-03")
    own = {o.rule for o in event.obligations} | set(periods.rules_named(
        " ".join(filter(None, [event.name, event.description, event.clock_starts, event.notes]))))
    allowed = {periods.period_text(periods.rule(rule_id)) for rule_id in own}
    shown = " ".join(filter(None, [result.name, result.clock_starts, result.notes,
                                   *(f"{o.period} {o.applies_when}" for o in result.obligations)]))
    for words in stated(shown, event.id):
        assert words in allowed, f"{event.id} states {words!r}"
    if event.checklist and event.obligations:
        pointing = [outcome for outcome in dataset.load("checklists").by_id(event.checklist).outcomes
                    if outcome.event == event.id]
        assert pointing, f"the checklist {event.checklist} never lists the rules of {event.id}"


@pytest.mark.parametrize("event", EVENTS, ids=lambda event: event.id)
def test_every_provider_event_lists_its_rules_shortest_first(event):
    # Compared by the last day of each period from the same start, before any roll-over.
    ends = [deadline_for_rule(o.rule, "2025-03-03").period_ends for o in event.obligations]
    assert ends == sorted(ends), f"{event.id}: {[o.rule for o in event.obligations]}"


def table_rows(collection):
    table = site_tables.rules_table(collection)
    return table.splitlines()[2:]


def test_generated_tables_state_only_the_periods_of_their_rules():
    for row, rule in zip(table_rows("deadline-rules"), RULES, strict=True):
        assert not stated(row.replace(periods.period_text(rule) or "—", " "), rule.id), row
    for row, event in zip(table_rows("provider-events"), EVENTS, strict=True):
        limits = time_limits(event.id)
        cell = row.rsplit(" | ", 1)[-1]
        for limit in limits:
            assert f"{limit.period} after {limit.after}" in cell, (event.id, limit.rule)
        allowed = {limit.period for limit in limits}
        assert all(words in allowed for words in stated(cell, event.id)), row
    for row, trigger in zip(table_rows("trigger-events"), dataset.load("trigger-events").records, strict=True):
        cells = row.split(" | ")
        assert cells[2] == periods.period_text(periods.rule(trigger.rule)), row  # 'Data entry within'
    for row, checklist in zip(table_rows("checklists"), CHECKLISTS, strict=True):
        named = {r for q in checklist.questions for r in periods.rules_named(q.text)}
        allowed = {periods.period_text(periods.rule(rule_id)) for rule_id in named}
        assert all(words in allowed for words in stated(row, checklist.id)), row


def test_trigger_events_agree_with_the_rules_that_hold_their_timeframes():
    # The trigger events still carry the timeframe as numbers the notify calculator counts; they must not drift.
    concluded = periods.rule("imha-data-entry-after-event-concluded").period
    for trigger in dataset.load("trigger-events").records:
        rule = periods.rule(trigger.rule)
        assert rule.basis == "protocol"
        if trigger.timeframe_hours is not None:
            assert (rule.convention, rule.period) == ("elapsed-hours", trigger.timeframe_hours), trigger.id
            assert trigger.concluded_event_hours == concluded, trigger.id
        else:
            assert (rule.convention, rule.period) == ("day-of-following-month", trigger.monthly_by_day), trigger.id


# --- the site's pages ------------------------------------------------------------------------------------------

PAGES = sorted((ROOT / "docs").rglob("*.md"))


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.relative_to(ROOT / "docs")))
def test_no_page_retypes_a_period(page):
    # A page writes `[[period RULE-ID]]` (or a generated table) where a rule's period belongs.
    where = str(page.relative_to(ROOT))
    text = PAGE_PLACEHOLDER.sub(" ", page.read_text(encoding="utf-8"))
    assert not stated(text, where), f"{where}: {stated(text, where)}"
    expand(page.read_text(encoding="utf-8"), ROOT / "docs")  # every placeholder names a rule that exists


def test_a_page_placeholder_renders_the_rule():
    assert expand("within [[period ssr-reg-35-2-a]] (reg 35(2)(a))", ROOT / "docs") == "within 7 days (reg 35(2)(a))"
    with pytest.raises(KeyError):
        expand("[[period no-such-rule]]", ROOT / "docs")


def test_the_scan_finds_a_retyped_period():
    # The test can fail: each of these would be reported.
    assert stated("notify within 7 days of the change", "nowhere") == ["7 days"]
    assert stated("by the 5th of each month", "nowhere") == ["5th"]
    assert stated("a 28-day rule; 24 hrs; twelve months", "nowhere") == ["28-day", "24 hrs", "twelve months"]
    assert stated("'at least 12 months has elapsed since information relating to the applicant was placed on the "
                  "WCES database'", "nowhere") == []  # a quotation of reg 43(1)(a)(i)


def test_renderings_are_what_a_reader_expects():
    assert periods.period_text(periods.rule("ssr-reg-35-2-a")) == "7 days"
    assert periods.period_text(periods.rule("ssr-reg-43-1-a")) == "12 months"
    assert periods.period_text(periods.rule("imha-right-to-communicate-monthly-upload")) == "the 5th of the following month"
    assert periods.period_text(periods.rule("imha-six-monthly-reports")) == "31 May and 30 November each year"
    assert periods.period_text(periods.rule("imha-treatment-order-made")) == "24 hours"
    assert periods.render("{period:ssr-reg-44-1} at most") == "2 days at most"
    assert "7 days" in RENDERINGS and "28 days" in RENDERINGS
    with pytest.raises(KeyError):
        periods.render("{period:no-such-rule}")


def test_convention_text_is_what_a_computed_result_says():
    for rule in RULES:
        if rule.convention in ("not-computable", "length-in-days"):
            continue
        start = dt.datetime(2025, 3, 3, 10, tzinfo=dt.UTC) if rule.convention == "elapsed-hours" else "2025-03-03"
        assert periods.convention_text(rule) == deadline_for_rule(rule.id, start).convention, rule.id


def test_a_supported_residential_service_manager_gets_7_days_in_every_place_it_can_be_asked():
    # Issue 17's case, worked by hand: a new day-to-day manager of a supported residential service (reg 12(1)(d)).
    # If it is also a change under s 47(1)(b), reg 35(2)(a) gives 7 days; reg 35(4)(b) gives 28 days in any case.
    # 7 days after Monday 14 April 2025 is Easter Monday, so Tuesday 22 April 2025.
    first = {"rule": "ssr-reg-35-2-a", "period": "7 days"}
    for answers in ({"period": "more-than-28-days"}, {"period": "28-days-or-less"}, {"period": "not-known"},
                    {"change": "leaving"}):
        result = evaluate("ssr-reg-34-2", {"role": "srs-day-to-day-manager", "change": "joining", **answers})
        assert result.time_limits, (answers, result.outcome)
        assert {"rule": result.time_limits[0].rule, "period": result.time_limits[0].period} == first, answers
    srs = evaluate("ssr-reg-34-2", {"role": "srs-day-to-day-manager", "change": "joining", "period": "more-than-28-days"})
    assert "within 7 days" in srs.label and srs.label.index("7 days") < srs.label.index("28 days")
    for event in ("change-to-key-personnel", "change-to-staffing"):
        obligation = obligations_for_event(event, "2025-04-14").obligations[0]
        assert (obligation.rule, obligation.period, obligation.due) == ("ssr-reg-35-2-a", "7 days", dt.date(2025, 4, 22))
    assert deadline_for_rule("ssr-reg-35-2-a", "2025-04-14").due == dt.date(2025, 4, 22)
    guide = expand((ROOT / "docs/guides/social-services-regulations.md").read_text(encoding="utf-8"), ROOT / "docs")
    assert "| A change under s 47(1)(b), by a supported residential service provider | 7 days | the change occurs |" in guide
    assert "within 7 days (reg 35(2)(a))" in guide
    events = site_tables.rules_table("provider-events")
    row = next(line for line in events.splitlines() if line.startswith("| A change to our key personnel |"))
    assert row.split(" | ")[2].startswith("7 days after the change occurs (reg 35(2)(a))")
