"""Property tests: any valid case is assessed without error, and no date we give falls on
a weekend, a bank holiday in England, or a day the parent said the school is closed."""

import datetime as dt
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guidance_app.core import assess
from guidance_app.core.assess import _Case
from guidance_app.core.conditions import Node
from guidance_app.core.facts import parse_facts
from guidance_app.knowledge import knowledge_base
from guidance_app.core.calendar import SchoolCalendar
from guidance_app.core.facts import FACTS

DAY = dt.timedelta(days=1)
dates = st.dates(min_value=dt.date(2025, 9, 1), max_value=dt.date(2028, 7, 31))
day_counts = st.integers(min_value=0, max_value=120).map(lambda halves: halves / 2)


def choice(name):
    return st.sampled_from(FACTS[name].values)


@st.composite
def cases(draw):
    facts = {}
    start = draw(dates)

    def maybe(name, strategy):
        if draw(st.booleans()):
            facts[name] = draw(strategy)

    for name in ("country", "school_type", "exclusion_type", "reason", "sen", "disability",
                 "behaviour_linked_to_needs", "looked_after", "governors_decision", "decision_notice_method",
                 "irp_decision", "irp_decision_method"):
        maybe(name, choice(name))
    for name in ("decided_by_headteacher", "written_notice", "compulsory_school_age", "social_worker",
                 "public_exam_missed", "work_set", "provision_from_day_six", "child_views_heard",
                 "converted_from_suspension", "pressured_to_move", "part_time_timetable", "tribunal_claim_made",
                 "exclusion_cancelled"):
        maybe(name, st.booleans())
    if facts.get("exclusion_type") != "permanent":
        maybe("lunchtime", st.booleans())
    maybe("lunchtimes", st.integers(min_value=0, max_value=60))
    maybe("days", day_counts)
    maybe("consecutive_days_before", day_counts)
    term = draw(day_counts)
    if draw(st.booleans()):
        facts["previous_days_this_term"] = term
    if draw(st.booleans()):
        facts["previous_days_this_year"] = term + draw(day_counts)
    maybe("notice_included", st.lists(choice("notice_included"), unique=True))
    # Dates in the order they happen in real life.
    facts_dates = {}
    if draw(st.booleans()):
        facts_dates["notice_date"] = start
    if draw(st.booleans()):
        facts_dates["start_date"] = start + draw(st.integers(0, 4)) * DAY
    meeting = start + draw(st.integers(5, 60)) * DAY
    decision = meeting + draw(st.integers(0, 5)) * DAY
    application = decision + draw(st.integers(0, 20)) * DAY
    panel = application + draw(st.integers(1, 30)) * DAY
    for name, value in (("governors_meeting_date", meeting), ("governors_decision_date", decision),
                        ("irp_application_date", application), ("irp_decision_date", panel)):
        if draw(st.booleans()):
            facts_dates[name] = value
        else:
            break
    if draw(st.booleans()):
        facts_dates["exam_date"] = start + draw(st.integers(-10, 90)) * DAY
    facts.update({name: value.isoformat() for name, value in facts_dates.items()})
    closures = []
    for _ in range(draw(st.integers(0, 4))):
        first = start + draw(st.integers(-20, 120)) * DAY
        closures.append([first.isoformat(), (first + draw(st.integers(0, 14)) * DAY).isoformat()])
    if closures:
        facts["closure_dates"] = closures
    return facts


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases(), st.sampled_from(["en", "ar", "pl"]))
def test_any_valid_case_is_assessed(facts, locale):
    result = assess(facts, locale=locale).to_json()
    assert result["route"]
    for finding in result["findings"]:
        assert finding["id"] and finding["title"] and finding["sources"]
    for entry in result["missing"]:
        assert entry["fact"] in FACTS and entry["question"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_deadlines_fall_on_school_days(facts):
    closures = [(dt.date.fromisoformat(a), dt.date.fromisoformat(b)) for a, b in facts.get("closure_dates", [])]
    calendar = SchoolCalendar(closures)
    for deadline in assess(facts).deadlines:
        day = dt.date.fromisoformat(deadline["date"])
        assert calendar.is_school_day(day), (deadline["id"], deadline["date"])


def _conditions(value, seen=None):
    """Every condition in the knowledge base: rules, routes, deadlines, services, questions,
    letters (found by walking it, so a new kind of entry is covered without naming it)."""
    seen = set() if seen is None else seen
    if isinstance(value, Node):
        yield value
        return
    if id(value) in seen or isinstance(value, (str, bytes, int, float, dt.date)) or value is None:
        return
    seen.add(id(value))
    if isinstance(value, dict):
        items = value.values()
    elif isinstance(value, (list, tuple, set, frozenset)):
        items = value
    elif hasattr(value, "__dict__"):
        items = vars(value).values()
    else:
        return
    for item in items:
        yield from _conditions(item, seen)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases(), st.sets(st.sampled_from(sorted(FACTS))))
def test_compiled_conditions_agree_with_the_rules_as_written(facts, also_assumed):
    kb = knowledge_base()
    conditions = list(_conditions(kb))
    assert len(conditions) > 100  # rules, deadlines, services, questions and letters all found
    case = _Case(parse_facts(facts), kb, "en")

    def lookup(name):
        # Some facts also carry an assumption, as totals do when earlier suspensions are not
        # given, so that every branch of the logic is met.
        found = case.lookup(name)
        return replace(found, assumed=found.assumed | {"previous_days_this_term"}) if name in also_assumed else found

    for condition in conditions:
        assert condition.evaluate(lookup) == condition.walk(lookup), condition
