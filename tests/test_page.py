"""The page layer (calculators.page, calculators.ics): the answer first as an action, errors in the page's words,
and calendar files that a real iCalendar library reads back to the same instants."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import icalendar
import pytest

from calculators import batch, cli, page
from calculators.errors import InputError
from calculators.ics import fold, ics
from calculators.web import run_json

MELBOURNE = ZoneInfo("Australia/Melbourne")


def answer(*argv: str) -> dict:
    response = json.loads(run_json(json.dumps(list(argv))))
    assert response["ok"], response
    return response


def error(*argv: str) -> dict:
    response = json.loads(run_json(json.dumps(list(argv))))
    assert not response["ok"], response
    return response["error"]


# ---- the answer first -----------------------------------------------------------------------------------------

def test_the_penalty_answer_names_which_penalty_and_for_whom():
    # SSR 2023 Sch 5 item 1: 10 penalty units for a body corporate; 10 × $197.59 = $1,975.90, $1,976 (2024-25).
    infringement = answer("penalty", "--offence", "ssra-s47-1", "--offender", "body-corporate", "--kind",
                          "infringement", "--on", "2024-09-01")
    assert infringement["page"]["headline"] == "Infringement penalty for a body corporate: $1,976"
    # SSRA s 47(1): 100 penalty units for a body corporate; 100 × $197.59 = $19,759.
    maximum = answer("penalty", "--offence", "ssra-s47-1", "--offender", "body-corporate", "--on", "2024-09-01")
    assert maximum["page"]["headline"] == "Maximum penalty for a body corporate: $19,759"
    assert answer("penalty", "--units", "6", "--on", "2024-09-01")["page"]["headline"] == "6 penalty units: $1,186"
    assert answer("penalty", "--units", "6", "--on", "2025-09-01")["page"]["headline"].endswith("(estimate)")


def test_a_regulator_request_the_thursday_before_easter_says_who_to_tell_and_when():
    # SSR 2023 reg 37: "14 days after the request is made"; ILA s 44: the day of the request (Thursday 2 April
    # 2026) is not counted, so day 14 is Thursday 16 April 2026, a working day (Easter fell in days 1 to 4).
    response = answer("deadline", "--rule", "ssr-reg-37", "--from", "2026-04-02")
    assert response["page"]["headline"] == "Give further information the Regulator requests by Thursday 16 April 2026."


def test_a_notification_over_the_end_of_daylight_saving_says_the_clocks_go_back():
    # 11 pm Saturday 4 April 2026 (AEDT) + 24 elapsed hours: clocks go back at 3 am on Sunday 5 April, so the
    # notification is due at 10 pm Sunday 5 April 2026 (AEST) (IMHA protocol, Appendix 1, Table 1).
    response = answer("notify", "--trigger", "treatment-order-made", "--at", "2026-04-04T23:00")
    assert response["page"]["headline"] == ("Notify IMHA by 10 pm Sunday 5 April 2026 "
                                            "(clocks go back at 3 am that day).")


def test_a_day_period_says_act_by_the_end_of_the_day():
    # ILA s 44: 7 days from Friday 11 April 2025 end on Good Friday; Saturday, Sunday, Easter Monday: Tuesday 22.
    response = answer("deadline", "--from", "2025-04-11", "--days", "7")
    assert response["page"]["headline"] == "Act by the end of Tuesday 22 April 2025: the 7-day period ends that day."


def test_retention_gives_the_day_from_which_the_record_may_be_destroyed():
    response = answer("retention", "--completed", "2010-06-30", "--born", "1985-01-01")
    assert response["page"]["headline"] == "You may destroy the record from Sunday 1 July 2035, not before."


@pytest.mark.parametrize(("moment", "text"), [((9, 0), "9 am"), ((22, 30), "10:30 pm"), ((12, 0), "12 noon"),
                                              ((0, 0), "12 midnight"), ((0, 15), "12:15 am")])
def test_clock_time_is_as_people_say_it(moment, text):
    assert page.clock_time(dt.datetime(2025, 1, 1, *moment)) == text


def test_clock_change_going_forward():
    start = dt.datetime(2025, 10, 4, 12, 0, tzinfo=MELBOURNE)
    assert page.clock_change(start, start + dt.timedelta(days=2)) == (
        "clocks go forward at 2 am on Sunday 5 October")
    assert page.clock_change(start, start + dt.timedelta(days=1)) == "clocks go forward at 2 am that day"
    assert page.clock_change(start, start + dt.timedelta(hours=2)) is None


# ---- errors in the page's words -------------------------------------------------------------------------------

@pytest.mark.parametrize(("argv", "field", "message"), [
    (["penalty", "--units", "six"], "units", "Enter how many penalty units as a number, like 6 or 1.5"),
    (["penalty", "--units", "6", "--on", "2025-02-31"], "on", "Date must be a real date"),
    (["penalty"], "units", "Enter how many penalty units"),
    (["penalty", "--offence", "ssra-s48-1"], "offender", "Select who committed the offence"),
    (["deadline", "--from", "2025-04-01"], "days", "Enter how many days"),
    (["deadline", "--from", "2025-04-01", "--rule", "reg 37"], "rule", "Select the rule from the list"),
    (["notify", "--trigger", "treatment-order-made"], "at", "Enter when it happened"),
    (["obligations", "--on", "2025-01-01"], "event", "Select what happened"),
])
def test_errors_name_the_field_as_the_page_labels_it(argv, field, message):
    plain = error(*argv)["plain"]
    assert plain == {"field": field, "message": message}


def test_no_error_the_page_shows_has_a_flag_or_a_command_in_it():
    for argv in (["penalty", "--offence", "nope", "--offender", "individual"], ["deadline", "--days", "7"],
                 ["retention", "--completed", "2001-01-01", "--born", "2003-01-01"],
                 ["penalty", "--offence", "ssra-s48-1", "--offender", "individual", "--on", "2024-06-30"]):
        message = error(*argv)["plain"]["message"]
        assert "--" not in message and "python -m" not in message and "Input should" not in message, message


# Daylight saving ends at 3 am AEDT on Sunday 5 April 2026 (clocks go back to 2 am), and begins at 2 am AEST on
# Sunday 5 October 2025 (clocks go forward to 3 am): Summer Time Act 1972 (Vic); IANA tz database.
@pytest.mark.parametrize(("argv", "field"), [
    (["notify", "--trigger", "treatment-order-made", "--at", "2026-04-05T02:30"], "at"),
    (["deadline", "--from", "2026-04-05T02:30", "--hours", "24"], "from"),
    (["deadline", "--rule", "imha-treatment-order-made", "--from", "2026-04-05T02:30"], "from"),
    (["notify", "--trigger", "treatment-order-made", "--at", "2026-04-05T01:00", "--concluded", "2026-04-05T02:30"],
     "concluded"),
])
def test_a_time_the_clocks_showed_twice_asks_which_one_never_picking(argv, field):
    plain = error(*argv)["plain"]
    assert plain == {
        "field": field, "part": "offset", "message": "Select which 2:30 am you mean",
        "offsets": {
            "for": "2026-04-05T02:30", "legend": "Which 2:30 am on Sunday 5 April 2026?",
            "hint": "Daylight saving ended that night: clocks went back from 3 am to 2 am. So 2:30 am happened twice.",
            "choices": [{"value": "+11:00", "label": "2:30 am AEDT (the first time)"},
                        {"value": "+10:00", "label": "2:30 am AEST (the second time, an hour later)"}],
        },
    }


def test_each_choice_for_the_repeated_hour_is_an_answer_an_hour_apart():
    # 2:30 AEDT is 15:30 UTC and 2:30 AEST 16:30 UTC on 4 April 2026; 24 elapsed hours later: 1:30 am and
    # 2:30 am AEST on Monday 6 April (IMHA protocol, Appendix 1, Table 1: 24 hours).
    first = answer("notify", "--trigger", "treatment-order-made", "--at", "2026-04-05T02:30+11:00")
    second = answer("notify", "--trigger", "treatment-order-made", "--at", "2026-04-05T02:30+10:00")
    assert first["result"]["due"] == "2026-04-06T01:30:00+10:00"
    assert second["result"]["due"] == "2026-04-06T02:30:00+10:00"
    assert first["page"]["headline"] == "Notify IMHA by 1:30 am Monday 6 April 2026 (clocks go back at 3 am on Sunday 5 April)."
    assert second["page"]["headline"] == "Notify IMHA by 2:30 am Monday 6 April 2026."


@pytest.mark.parametrize("time", ["02:00", "02:30", "02:59"])
def test_a_time_the_clocks_skipped_is_a_field_error_on_the_time(time):
    plain = error("notify", "--trigger", "treatment-order-made", "--at", f"2025-10-05T{time}")["plain"]
    said = {"02:00": "2 am", "02:30": "2:30 am", "02:59": "2:59 am"}[time]
    assert plain == {"field": "at", "part": "time",
                     "message": f"There was no {said} on Sunday 5 October 2025: clocks went forward from 2 am to 3 am"}


def test_the_command_line_still_says_which_offsets_to_add():
    with pytest.raises(InputError, match=r"T02:30\+11:00 for the first time .*T02:30\+10:00 for the second"):
        cli.run(["notify", "--trigger", "treatment-order-made", "--at", "2026-04-05T02:30"])


# ---- obligations: the screening questions settle which rules apply ---------------------------------------------

def test_the_answers_lead_with_the_deadline_that_applies():
    # Reg 35(2)(a): a supported residential service, a staffing change: 7 days from Monday 14 April 2025, Easter
    # Monday the last day, so Tuesday 22 April 2025; reg 35(4)(b) applies too: 28 days, Monday 12 May 2025.
    both = answer("obligations", "--event", "change-to-key-personnel", "--on", "2025-04-14", "--answer",
                  "staffing-change=yes", "--answer", "supported-residential-service=yes", "--answer", "unincorporated-body=no")
    assert both["page"]["headline"] == ("Notify a change under s 47(1)(b): supported residential service by Tuesday 22 "
                                        "April 2025. 1 more deadline also applies: see below.")
    assert [event["due"] for event in both["page"]["events"]] == ["2025-04-22", "2025-05-12"]
    # Not a staffing change: reg 35(4)(b) alone.
    one = answer("obligations", "--event", "change-to-key-personnel", "--on", "2025-04-14", "--answer", "staffing-change=no")
    assert one["page"]["headline"] == "Notify any other prescribed matter by Monday 12 May 2025."
    assert one["result"]["explanation"][-2]["text"].startswith("Your answers rule out: Notify a change under s 47(1)(b)")
    # A provider neither exempt nor taken to be registered: reg 34(1) prescribes no Schedule 2 information for it.
    none = answer("obligations", "--event", "schedule-2-matter-known", "--on", "2025-12-19",
                  "--answer", "exempt-or-taken-to-be-registered=no")
    assert none["page"]["headline"] == "On your answers, none of this event's time limits applies."
    assert none["page"]["events"] == [] and none["page"]["calendar"] is None


def test_the_next_question_is_asked_in_the_shape_of_a_checklist_question():
    following = answer("obligations", "--event", "change-to-key-personnel", "--on", "2025-04-14",
                       "--answer", "staffing-change=yes")["result"]["next_question"]
    assert following == {
        "key": "supported-residential-service",
        "text": "Are you a registered social service provider of a supported residential service?",
        "hint": "Reg 35(2)(a) sets the period for these providers.", "kind": "choice",
        "allowed": ["yes", "no", "not-sure"], "allowed_labels": ["Yes", "No", "Not sure"], "multiple": False,
        "citation": "Social Services Regulations 2023 (Vic), S.R. No. 113/2023, Version No. 002, reg 35(2)(a) ('in the "
                    "case of a registered social service provider of a supported residential service')"}


def test_an_answer_to_a_question_not_asked_is_not_used_and_says_so():
    # The kind of provider is asked only for a staffing change (reg 35(2)); with 'no' it is not used.
    result = answer("obligations", "--event", "change-to-key-personnel", "--on", "2025-04-14", "--answer",
                    "staffing-change=no", "--answer", "supported-residential-service=yes")["result"]
    assert [o["rule"] for o in result["obligations"]] == ["ssr-reg-35-4-b"]
    assert "The answer to 'supported-residential-service' was not used" in result["warnings"][0]


def test_the_page_the_command_line_and_batch_give_the_same_screened_answer():
    argv = ["obligations", "--event", "change-to-staffing", "--on", "2025-12-01", "--answer",
            "supported-residential-service=no", "--answer", "unincorporated-body=no"]
    line = json.dumps({"id": "x", "command": "obligations", "event": "change-to-staffing", "on": "2025-12-01",
                       "answer": {"supported-residential-service": "no", "unincorporated-body": "no"}})
    batched = batch.answer(line, 1)
    batched.pop("id")
    assert answer(*argv)["result"] == cli.run(argv) == batched
    assert [o["rule"] for o in cli.run(argv)["obligations"]] == ["ssr-reg-35-2-c"]  # 28 days: Monday 29 December 2025


def test_every_condition_a_screening_question_settles_cites_its_source():
    from calculators import dataset
    for record in dataset.load("provider-events").records:
        for question in record.questions:
            assert "reg " in question.citation and question.citation.startswith("Social Services Regulations 2023"), question
        if record.questions:
            assert any(obligation.when for obligation in record.obligations), record.id


# ---- calendar files ---------------------------------------------------------------------------------------------

def parse(text: str) -> icalendar.Calendar:
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n")), "RFC 5545 3.1: lines of 75 octets at most"
    return icalendar.Calendar.from_ical(text)


def test_a_notification_calendar_event_is_at_the_due_instant_in_melbourne_time():
    response = answer("notify", "--trigger", "treatment-order-made", "--at", "2026-04-04T23:00")
    calendar = parse(response["page"]["calendar"])
    [event] = calendar.walk("VEVENT")
    start = event.decoded("DTSTART")
    assert start == dt.datetime(2026, 4, 5, 22, 0, tzinfo=MELBOURNE)
    assert start.utcoffset() == dt.timedelta(hours=10)  # AEST: after the clocks went back
    assert event["DTSTART"].params["TZID"] == "Australia/Melbourne"
    assert str(event["SUMMARY"]) == "Notify IMHA: Making a Treatment Order (TO)"
    description = str(event["DESCRIPTION"])
    assert "Appendix 1, Table 1" in description and "How this was worked out" in description
    assert "clocks" in description.lower() or "daylight saving" in description.lower()
    # The VTIMEZONE is the real one: the file's own offsets give the same instant as the zone database.
    [zone] = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Australia/Melbourne"
    names = {str(sub["TZNAME"]) for sub in zone.subcomponents}
    assert names == {"AEST", "AEDT"}


def test_a_day_deadline_is_an_all_day_event_on_that_day():
    response = answer("deadline", "--rule", "ssr-reg-37", "--from", "2026-04-02")
    [event] = parse(response["page"]["calendar"]).walk("VEVENT")
    assert event.decoded("DTSTART") == dt.date(2026, 4, 16)
    assert event.decoded("DTEND") == dt.date(2026, 4, 17)
    assert "reg 37" in str(event["DESCRIPTION"])


def test_every_obligation_with_a_due_date_is_an_event():
    result = cli.run(["obligations", "--event", "change-to-key-personnel", "--on", "2025-04-14"])
    calendar = parse(page.present("obligations", result)["calendar"])
    dated = [o for o in result["obligations"] if o.get("due") and o.get("kind", "deadline") == "deadline"]
    assert len(calendar.walk("VEVENT")) == len(dated) >= 2


def test_a_penalty_has_no_calendar():
    assert answer("penalty", "--units", "6", "--on", "2024-09-01")["page"]["calendar"] is None


def test_text_is_escaped_and_folded_without_splitting_a_character():
    text = ics([{"title": "A, b; c\\ d", "due": "2025-01-02", "provision": "reg 1", "working": ["é" * 100]}],
               now=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    [event] = parse(text).walk("VEVENT")
    assert str(event["SUMMARY"]) == "A, b; c\\ d"
    assert "é" * 100 in str(event["DESCRIPTION"])
    assert fold("x" * 80) == "x" * 75 + "\r\n " + "x" * 5


def test_an_event_with_several_possible_deadlines_points_to_the_questions_that_sort_them_out():
    # A change to key personnel: reg 35(2)(a)-(c) or 35(4)(b) may apply; checklist ssr-reg-34-2 asks which.
    several = answer("obligations", "--event", "change-to-key-personnel", "--on", "2025-04-14")["page"]
    assert several["screening"] == {"checklist": "ssr-reg-34-2",
                                    "title": "Is this a change to key personnel that must be notified?"}
    assert several["headline"] == "Answer the question to see which of 4 time limits apply."
    # 'Not sure' leaves every rule listed: reg 35(2)(a)'s 7 days (Easter Monday: Tuesday 22 April 2025) first.
    unsure = answer("obligations", "--event", "change-to-key-personnel", "--on", "2025-04-14",
                    "--answer", "staffing-change=not-sure")["page"]
    assert unsure["headline"] == ("Notify a change under s 47(1)(b): supported residential service by Tuesday 22 April "
                                  "2025. 3 more deadlines may apply: see which below.")
    assert answer("obligations", "--event", "change-to-premises", "--on", "2025-04-14")["page"]["screening"] is None
