"""Which support services the assessment offers, and why (issue 5).

The public scenarios of legal-rules.md each list the services that fit; the other tests
cover local help by council, the stand-in of a named local SENDIASS for the national entry,
and services that are never recommended (closed or of uncertain status)."""

from __future__ import annotations

import pytest

from guidance_app.core import InvalidFacts, assess
from guidance_app.knowledge import knowledge_base

from .scenarios import SCENARIOS, permanent, suspension

BY_NAME = {scenario.name: scenario for scenario in SCENARIOS}
EVERY_EXCLUSION = {"coram_child_law_advice"}
PERMANENT = EVERY_EXCLUSION | {"school_exclusion_project", "communities_empowerment_network", "civil_legal_advice"}
SEND_ONLY = {"sendiass", "ipsea", "national_autistic_society", "contact", "send_tribunal"}
WALES = {"snap_cymru"}

# legal-rules.md scenario -> (services that must be offered, services that must not be)
EXPECTED = {
    "L01 sent home to calm down, no letter": (EVERY_EXCLUSION, SEND_ONLY | {"school_exclusion_project"}),
    "L02 academy three-day suspension, first this year": (EVERY_EXCLUSION, SEND_ONLY | {"school_exclusion_project"}),
    "L03 four days after twelve this term, no closures": (EVERY_EXCLUSION, SEND_ONLY),
    "L04 eight days, no provision arranged": (EVERY_EXCLUSION, SEND_ONLY),
    "L05 permanent exclusion in Year 11 with an exam": (PERMANENT, SEND_ONLY),
    "L06 permanent exclusion upheld, decision handed over": (PERMANENT, SEND_ONLY),
    "L07 suspended for what the husband said at the gate": (EVERY_EXCLUSION, SEND_ONLY),
    "L08 permanent exclusion, EHC plan, behaviour linked to autism":
        (PERMANENT | SEND_ONLY, set()),
    "L09 twenty lunchtime suspensions this term": (EVERY_EXCLUSION, SEND_ONLY),
    "L10 forty-three days this year and three more": (EVERY_EXCLUSION, SEND_ONLY),
    "L11 three-day suspension turned into a permanent exclusion": (PERMANENT, SEND_ONLY),
    "L12 school in Swansea": (WALES, EVERY_EXCLUSION | SEND_ONLY | {"citizens_advice"}),
    "L13 only the exclusion type is known": (EVERY_EXCLUSION, SEND_ONLY | {"school_exclusion_project"}),
}


def services(facts: dict) -> list[dict]:
    return assess(facts).to_json()["services"]


def ids(facts: dict) -> list[str]:
    return [service["id"] for service in services(facts)]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_public_scenario_offers_the_services_that_fit(name):
    wanted, unwanted = EXPECTED[name]
    offered = services(BY_NAME[name].facts)
    found = {service["id"] for service in offered}
    assert wanted <= found, f"missing {wanted - found}"
    assert not found & unwanted, f"should not offer {found & unwanted}"
    for service in offered:
        assert service["why"].strip(), f"{service['id']} has no reason"
        assert service["url"] or service["phone"] or service["email"]


def test_every_scenario_in_england_starts_with_free_legal_advice():
    for scenario in SCENARIOS:
        if scenario.facts.get("country") in ("wales", "scotland", "northern_ireland"):
            continue
        if scenario.facts.get("exclusion_type") in ("suspension", "permanent", "informal"):
            assert ids(scenario.facts)[0] == "coram_child_law_advice", scenario.name


def test_services_that_may_have_closed_are_never_recommended():
    kb = knowledge_base()
    not_active = {s.id for s in kb.services.values() if s.status != "active"}
    assert "ace" in not_active
    for scenario in SCENARIOS:
        assert not set(ids(scenario.facts)) & not_active, scenario.name


def test_the_list_is_ordered_by_relevance():
    offered = ids(BY_NAME["L08 permanent exclusion, EHC plan, behaviour linked to autism"].facts)
    assert offered.index("sendiass") < offered.index("contact") < offered.index("citizens_advice")
    assert offered.index("ipsea") < offered.index("citizens_advice")


@pytest.mark.parametrize("country, service", [("wales", "snap_cymru"), ("scotland", "enquire"),
                                              ("northern_ireland", "childrens_law_centre")])
def test_outside_england_only_the_local_advice_service_is_offered(country, service):
    assert ids({"country": country, "exclusion_type": "permanent", "sen": "ehc_plan"}) == [service]


def test_autism_brings_the_national_autistic_society_near_the_top():
    facts = suspension("academy", days=3, sen="sen_support", autism="yes")
    offered = ids(facts)
    assert "national_autistic_society" in offered[:3]
    assert "national_autistic_society" in ids(suspension("academy", days=3, sen="suspected",
                                                         autism="being_assessed"))
    assert "national_autistic_society" not in ids(suspension("academy", days=3, sen="none"))


def test_discrimination_concern_brings_the_communities_empowerment_network():
    assert "communities_empowerment_network" in ids(suspension("maintained", days=2, other_discrimination=True))
    assert "communities_empowerment_network" not in ids(suspension("maintained", days=2))


def test_permanent_exclusion_in_london_points_to_corams_clinic():
    offered = services(permanent("academy", local_authority="lambeth"))
    coram = next(s for s in offered if s["id"] == "coram_child_law_advice")
    assert "Clinic" in coram["why"] and "London" in coram["why"]
    elsewhere = services(permanent("academy", local_authority="leeds"))
    assert "You live in London" not in next(s for s in elsewhere if s["id"] == "coram_child_law_advice")["why"]


class TestLocalHelp:
    def test_no_council_means_no_local_services(self):
        kb = knowledge_base()
        local = {s.id for s in kb.services.values() if s.local}
        assert not set(ids(permanent("maintained", sen="ehc_plan", looked_after="looked_after"))) & local

    def test_a_named_local_sendiass_takes_the_place_of_the_national_entry(self):
        offered = ids(suspension("maintained", days=3, sen="sen_support", local_authority="hackney"))
        assert "hackney_sendiags" in offered and "sendiass" not in offered
        assert "hackney_exclusions_officer" in offered and "hackney_parent_forum" in offered
        national = ids(suspension("maintained", days=3, sen="sen_support"))
        assert offered.index("hackney_sendiags") == national.index("sendiass")

    def test_other_councils_get_the_national_directory_with_their_name(self):
        offered = services(suspension("maintained", days=3, sen="sen_support", local_authority="york"))
        sendiass = next(s for s in offered if s["id"] == "sendiass")
        assert "York" in sendiass["why"]
        assert "councilfordisabledchildren.org.uk" in sendiass["url"]
        assert not any(s["local"] for s in offered)

    def test_leicestershire_plan_team_and_virtual_school(self):
        offered = ids(permanent("maintained", sen="ehc_plan", looked_after="previously_looked_after",
                                local_authority="leicestershire"))
        for service in ("leicestershire_sena", "leicestershire_virtual_school", "leicestershire_sendiass",
                        "leicestershire_inclusion_service"):
            assert service in offered
        assert "sendiass" not in offered
        # Leicester city is a different council from Leicestershire
        assert not any(s.startswith("leicestershire") for s in ids(permanent("maintained", sen="ehc_plan",
                                                                             local_authority="leicester")))

    @pytest.mark.parametrize("council", ["north_northamptonshire", "west_northamptonshire"])
    def test_northamptonshire_exclusions_teams(self, council):
        offered = services(permanent("academy", local_authority=council))
        team = next(s for s in offered if s["id"] == f"{council}_exclusions")
        assert team["email"].endswith(council.split("_")[0] + "northants.gov.uk")
        assert team["local_authorities"] == [council]

    def test_an_unknown_council_is_refused_with_a_suggestion(self):
        with pytest.raises(InvalidFacts) as caught:
            assess({"local_authority": "hackny"})
        assert caught.value.errors[0].fact == "local_authority"
        assert "hackney" in caught.value.errors[0].message
        with pytest.raises(InvalidFacts) as caught:
            assess({"local_authority": "Hackney Council"})
        assert "lower case" in caught.value.errors[0].message

    def test_every_english_council_is_listed_once(self):
        kb = knowledge_base()
        assert len(kb.local_authorities) == 153
        assert len({la.name for la in kb.local_authorities.values()}) == 153
        assert sum(la.region == "london" for la in kb.local_authorities.values()) == 33
