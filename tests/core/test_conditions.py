"""The condition language: parsing errors say where and what, evaluation is three-valued."""

import pytest

from guidance_app.core.conditions import ConditionError, parse_condition
from guidance_app.core.derived import derive
from guidance_app.core.facts import parse_facts


def evaluate(condition, **facts):
    parsed = parse_facts(facts)
    derived = derive(parsed)
    from guidance_app.core.derived import base_lookup

    node = parse_condition(condition)
    return node.evaluate(lambda name: derived[name] if name in derived else base_lookup(parsed, name))


def test_bare_value_means_equals():
    assert evaluate({"written_notice": False}, written_notice=False).value is True
    assert evaluate({"written_notice": False}, written_notice=True).value is False


def test_unknown_fact_is_unknown_and_named():
    result = evaluate({"written_notice": False})
    assert result.value is None and result.unknown == {"written_notice"}


def test_all_is_false_as_soon_as_one_part_is_false_even_with_unknowns():
    result = evaluate({"all": [{"exclusion_type": "permanent"}, {"written_notice": False}]},
                      exclusion_type="suspension")
    assert result.value is False and not result.unknown


def test_any_is_true_as_soon_as_one_part_is_true():
    result = evaluate({"any": [{"sen": "ehc_plan"}, {"disability": "yes"}]}, disability="yes")
    assert result.value is True


def test_any_with_unknowns_and_no_true_part_is_unknown():
    result = evaluate({"any": [{"sen": "ehc_plan"}, {"disability": "yes"}]}, disability="no")
    assert result.value is None and result.unknown == {"sen"}


def test_not_flips_but_keeps_unknown():
    assert evaluate({"not": {"social_worker": True}}, social_worker=False).value is True
    assert evaluate({"not": {"social_worker": True}}).value is None


def test_if_unknown_states_an_assumption_and_still_reports_the_fact():
    result = evaluate({"compulsory_school_age": {"equals": True, "if_unknown": True}})
    assert result.value is True and result.assumed == {"compulsory_school_age"}


def test_choice_value_unknown_counts_as_not_known():
    assert evaluate({"sen": {"in": ["ehc_plan"]}}, sen="unknown").value is None


def test_partial_totals_settle_comparisons_they_can():
    # 20 lunchtimes = 10 days this suspension; earlier days count as none until given
    assert evaluate({"term_total": {"gt": 5}}, exclusion_type="suspension", lunchtime=True, lunchtimes=20).value
    result = evaluate({"term_total": {"gt": 15}}, days=16)
    assert result.value is True
    # length of this suspension unknown: "more than 15" cannot be settled by earlier days of 3
    result = evaluate({"term_total": {"gt": 15}}, previous_days_this_term=3)
    assert result.value is None and "days" in result.unknown
    # but earlier days of 16 settle it whatever this suspension's length
    assert evaluate({"term_total": {"gt": 15}}, previous_days_this_term=16).value is True


def test_list_tests():
    assert evaluate({"notice_included": {"contains": "reason"}}, notice_included=["reason"]).value is True
    assert evaluate({"notice_included": {"not_contains": "reason"}}, notice_included=["period"]).value is True


def test_dates_compare():
    assert evaluate({"start_date": {"gte": "2026-09-01"}}, start_date="2026-09-14").value is True


def test_known():
    assert evaluate({"notice_date": {"known": True}}).value is False
    assert evaluate({"notice_date": {"known": True}}, notice_date="2026-01-05").value is True


@pytest.mark.parametrize("condition,where,message", [
    ({"term_totl": {"gt": 5}}, "when.term_totl", "Did you mean 'term_total'"),
    ({"all": [{"sen": "ehcp"}]}, "when.all[0].sen.equals", "'ehcp' is not a value of 'sen'"),
    ({"days": {"greater": 5}}, "when.days.greater", "unknown test 'greater'"),
    ({"sen": {"gt": 5}}, "when.sen.gt", "compares numbers or dates"),
    ({"all": []}, "when.all", "needs a list"),
    ({"days": 3, "sen": "none"}, "when", "its own list item"),
    ("exclusion_type == permanent", "when", "must be a mapping"),
    ({"written_notice": "no"}, "when.written_notice.equals", "true or false"),
    ({"notice_included": "reason"}, "when.notice_included.equals", "contains or not_contains"),
    ({"days": {"if_unknown": "maybe", "gt": 1}}, "when.days.if_unknown", "true or false"),
])
def test_bad_conditions_say_where_and_what(condition, where, message):
    with pytest.raises(ConditionError) as caught:
        parse_condition(condition)
    assert caught.value.path == where
    assert message in caught.value.message
