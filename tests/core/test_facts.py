"""Bad facts are refused with a message that names the fact."""

import pytest

from guidance_app.core import InvalidFacts, parse_facts


def errors_for(raw):
    with pytest.raises(InvalidFacts) as caught:
        parse_facts(raw)
    return {error.fact: error.message for error in caught.value.errors}


@pytest.mark.parametrize("raw,fact,message", [
    ({"exclusion_type": "expelled"}, "exclusion_type", "must be one of"),
    ({"days": "3"}, "days", "must be a number"),
    ({"days": -1}, "days", "0 or more"),
    ({"days": 2.25}, "days", "half number of days"),
    ({"lunchtimes": 2.5}, "lunchtimes", "whole number"),
    ({"written_notice": "yes"}, "written_notice", "true or false"),
    ({"notice_date": "03/03/2026"}, "notice_date", "YYYY-MM-DD"),
    ({"notice_date": "2026-02-30"}, "notice_date", "real date"),
    ({"notice_included": ["reason", "apology"]}, "notice_included", "'apology'"),
    ({"closure_dates": [["2026-10-30", "2026-10-26"]]}, "closure_dates", "ends"),
    ({"closure_dates": ["2026-10-26"]}, "closure_dates", "pair"),
    ({"exclusion_typ": "permanent"}, "exclusion_typ", "Did you mean 'exclusion_type'"),
    ({"days": True}, "days", "must be a number"),
])
def test_wrong_values_name_the_fact(raw, fact, message):
    problems = errors_for(raw)
    assert fact in problems and message in problems[fact]


@pytest.mark.parametrize("raw,fact", [
    ({"notice_date": "2026-10-05", "governors_decision_date": "2026-10-01"}, "governors_decision_date"),
    ({"start_date": "2026-10-05", "governors_decision_date": "2026-10-02"}, "governors_decision_date"),
    ({"governors_meeting_date": "2026-10-09", "governors_decision_date": "2026-10-08"}, "governors_decision_date"),
    ({"notice_date": "2026-10-05", "governors_meeting_date": "2026-10-01"}, "governors_meeting_date"),
    ({"previous_days_this_term": 6, "previous_days_this_year": 4}, "previous_days_this_year"),
    ({"exclusion_type": "permanent", "lunchtime": True}, "lunchtime"),
])
def test_impossible_combinations_are_refused(raw, fact):
    assert fact in errors_for(raw)


def test_every_problem_is_reported_at_once():
    problems = errors_for({"days": "x", "sen": "lots", "colour": "blue"})
    assert set(problems) == {"days", "sen", "colour"}


def test_not_an_object():
    assert "(facts)" in errors_for(["exclusion_type"])


def test_null_means_not_known():
    assert not parse_facts({"days": None}).known("days")
