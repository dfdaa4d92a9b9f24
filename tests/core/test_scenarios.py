"""Every public scenario gives exactly the findings and dates the law requires."""

import pytest

from guidance_app.core import assess

from .scenarios import SCENARIOS


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_scenario(scenario):
    result = assess(scenario.facts)
    ids = set(result.finding_ids())
    assert scenario.expect <= ids, f"missing findings {scenario.expect - ids}; got {sorted(ids)}"
    unlawful = {f["id"] for f in result.findings if f["severity"] == "likely_unlawful"}
    assert unlawful == scenario.unlawful, f"likely-unlawful findings {sorted(unlawful)}"
    assert not (scenario.absent & ids), f"should not be there: {scenario.absent & ids}"
    dates = result.deadline_dates()
    for deadline, date in scenario.deadlines.items():
        assert dates.get(deadline) == date, f"{deadline}: {dates.get(deadline)} (expected {date}); all: {dates}"
    assert not (scenario.no_deadlines & set(dates)), f"unexpected deadlines {scenario.no_deadlines & set(dates)}"
    if scenario.route:
        assert result.route == scenario.route
    missing = {entry["fact"] for entry in result.missing}
    assert scenario.missing <= missing, f"should ask about {scenario.missing - missing}"


def test_out_of_scope_country_gives_only_that_finding():
    result = assess({"country": "scotland", "exclusion_type": "permanent", "sen": "ehc_plan",
                     "decided_by_headteacher": False})
    assert result.finding_ids() == ["out_of_scope_country"]
    assert result.missing == []
    assert result.deadlines == []


def test_every_finding_cites_a_source_with_a_status():
    for scenario in SCENARIOS:
        for finding in assess(scenario.facts).findings:
            assert finding["sources"], finding["id"]
            for source in finding["sources"]:
                assert source["url"].startswith("https://") and source["ref"] and source["status"] in "VPU"


def test_refusing_return_until_a_meeting_is_unlawful():
    result = assess({"country": "england", "school_type": "academy", "exclusion_type": "suspension", "days": 2,
                     "return_refused": True})
    assert "reintegration_not_a_condition" in {f["id"] for f in result.findings if f["severity"] == "likely_unlawful"}


def test_other_discrimination_points_to_the_county_court_even_for_independent_schools():
    result = assess({"country": "england", "school_type": "independent", "exclusion_type": "permanent",
                     "other_discrimination": True})
    assert {"independent_school", "other_discrimination_county_court"} <= set(result.finding_ids())


def test_permanent_exclusion_explains_the_roll_and_police_involvement():
    result = assess({"country": "england", "exclusion_type": "permanent", "police_involved": True})
    assert {"pex_register_removal", "police_involvement", "permanent_exclusion_last_resort"} <= set(result.finding_ids())
