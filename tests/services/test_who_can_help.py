"""The "Who can help" page, the service pages, the council question and the services API.

All through real HTTP (Flask's test client) on a real database, and all without JavaScript:
the page is a GET form, so what a browser without scripts sends is what these tests send."""

from __future__ import annotations

import re

import pytest

from guidance_app.locales import LOCALES
from tests.questionnaire.driver import answer_all, csrf_token

SERVICE_IDS = re.compile(r'data-service-id="([^"]+)"')


def shown(client, url: str) -> tuple[int, str, list[str]]:
    response = client.get(url)
    body = response.get_data(as_text=True)
    return response.status_code, body, SERVICE_IDS.findall(body)


def section(body: str, heading: str) -> str:
    """The part of the page under one h2 heading."""
    start = body.index(heading)
    end = body.find("<h2", start)
    return body[start:end if end != -1 else None]


@pytest.mark.parametrize("locale", sorted(LOCALES))
def test_the_page_works_in_every_locale(client, locale):
    status, body, ids = shown(client, f"/{locale}/help/")
    assert status == 200
    assert f'<html lang="{locale}" dir="{LOCALES[locale].direction}"' in body
    assert {"coram_child_law_advice", "sendiass", "ipsea", "ace"} <= set(ids)
    assert '<form method="get"' in body and 'name="area"' in body and 'name="need"' in body


def test_each_card_shows_phone_website_and_eligibility(client):
    _, body, _ = shown(client, "/en/help/")
    card = body[body.index('data-service-id="national_autistic_society"'):]
    card = card[:card.index('data-service-id=', 20)]
    assert 'href="tel:08088004104"' in card and "0808 800 4104" in card
    assert 'href="https://www.autism.org.uk"' in card
    assert "Who it is for" in card and "autistic children" in card
    assert "Check their website for opening hours." in card
    assert "Details checked on" in card


def test_uncertain_services_are_set_apart_with_where_to_go_instead(client):
    _, body, _ = shown(client, "/en/help/")
    national = section(body, "Services for all of England")
    assert 'data-service-id="ace"' not in national
    elsewhere = section(body, "Services you may see named elsewhere")
    assert 'data-service-id="ace"' in elsewhere and "could not confirm" in elsewhere
    status, page, _ = shown(client, "/en/help/ace")
    assert status == 200 and "Where to go instead" in page
    assert "/en/help/coram_child_law_advice" in page


@pytest.mark.parametrize("need, must, must_not", [
    ("send", {"ipsea", "sendiass", "national_autistic_society"}, {"citizens_advice", "communities_empowerment_network"}),
    ("permanent", {"school_exclusion_project", "coram_child_law_advice"}, set()),
    ("discrimination", {"send_tribunal", "communities_empowerment_network"}, {"sendiass", "national_autistic_society"}),
    ("representation", {"coram_child_law_advice", "school_exclusion_project", "communities_empowerment_network"},
     {"citizens_advice", "contact", "national_autistic_society"}),
])
def test_each_filter(client, need, must, must_not):
    status, body, ids = shown(client, f"/en/help/?need={need}")
    assert status == 200
    assert must <= set(ids) and not set(ids) & must_not
    assert re.search(rf'name="need" type="checkbox" value="{need}" checked', body)


def test_filters_combine(client):
    _, _, ids = shown(client, "/en/help/?need=send&need=representation")
    assert "school_exclusion_project" in ids and "ipsea" in ids
    assert "national_autistic_society" not in ids and "contact" not in ids


def test_local_help_comes_first_and_replaces_the_national_directory_entry(client):
    status, body, ids = shown(client, "/en/help/?area=hackney")
    assert status == 200
    near = section(body, "Help near you in Hackney")
    assert {"hackney_sendiags", "hackney_exclusions_officer", "hackney_parent_forum"} <= set(SERVICE_IDS.findall(near))
    assert "sendiass" not in ids
    assert ids.index("hackney_sendiags") < ids.index("coram_child_law_advice")
    assert '<option value="hackney" selected' in body


def test_a_council_without_local_entries_gets_the_national_route(client):
    _, body, ids = shown(client, "/en/help/?area=cornwall")
    assert "We do not have details of local services for Cornwall yet." in body
    assert "find your local SENDIASS" in body and "councilfordisabledchildren.org.uk" in body
    assert "sendiass" in ids and not any(i.startswith(("hackney", "leicestershire")) for i in ids)


def test_an_unknown_council_is_explained_and_the_filters_kept(client):
    status, body, ids = shown(client, "/en/help/?area=gotham&need=send")
    assert status == 400
    assert "There is a problem" in body and "Choose your council from the list" in body
    assert 'value="send" checked' in body
    assert "ipsea" in ids


def test_an_unknown_filter_is_explained(client):
    status, body, _ = shown(client, "/en/help/?need=cheap")
    assert status == 400 and "filters in the web address are not ones we know" in body


def test_the_council_chosen_is_kept_in_the_case(client):
    shown(client, "/en/help/?area=leicestershire")
    _, body, _ = shown(client, "/en/help/")  # no area in the address: the case remembers it
    assert "Help near you in Leicestershire" in body
    check = client.get("/en/questions/check").get_data(as_text=True)
    assert "Leicestershire" in check
    answer_all(client, {"country": "england", "exclusion_type": "permanent", "sen": "ehc_plan",
                        "local_authority": "leicestershire"})
    results = client.get("/en/results").get_data(as_text=True)
    assert 'data-service-id="leicestershire_sena"' in results
    assert 'data-service-id="sendiass"' not in results
    # Clearing the council on the help page clears it from the case too.
    shown(client, "/en/help/?area=")
    assert 'data-service-id="leicestershire_sena"' not in client.get("/en/results").get_data(as_text=True)


def test_just_looking_does_not_create_a_case(client, app):
    shown(client, "/en/help/")
    shown(client, "/en/help/?need=send&area=")
    with client.session_transaction() as session:
        assert "case_id" not in session


class TestCouncilQuestion:
    def test_is_a_list_of_every_council_that_works_without_javascript(self, client):
        body = client.get("/en/questions/local_authority").get_data(as_text=True)
        select = body[body.index('<select'):body.index('</select>')]
        assert select.count("<option") == 1 + 153 + 1  # "Choose", the councils, "I don't know"
        assert 'data-module="app-autocomplete"' in select
        assert "Kingston upon Hull (Hull)" in select
        assert "accessible-autocomplete.min.js" in body

    def test_answer_is_saved_and_shown(self, client):
        url = "/en/questions/local_authority"
        token = csrf_token(client.get(url).get_data(as_text=True))
        response = client.post(url + "?change=1", data={"csrf_token": token, "local_authority": "west_northamptonshire"})
        assert response.status_code == 302
        assert "West Northamptonshire" in client.get("/en/questions/check").get_data(as_text=True)

    @pytest.mark.parametrize("value, message", [("", "Choose your council from the list, or skip this question"),
                                                ("atlantis", "Choose a council from the list")])
    def test_bad_answers_are_explained(self, client, value, message):
        url = "/en/questions/local_authority"
        token = csrf_token(client.get(url).get_data(as_text=True))
        response = client.post(url, data={"csrf_token": token, "local_authority": value})
        body = response.get_data(as_text=True)
        assert response.status_code == 200
        assert "There is a problem" in body and message in body

    def test_i_dont_know_leaves_it_unknown(self, client):
        url = "/en/questions/local_authority"
        token = csrf_token(client.get(url).get_data(as_text=True))
        client.post(url + "?change=1", data={"csrf_token": token, "local_authority": "dont_know"})
        assert "I don&#39;t know" in client.get("/en/questions/check").get_data(as_text=True)


class TestApi:
    def test_local_authorities(self, client):
        data = client.get("/api/v1/local-authorities").get_json()["local_authorities"]
        assert len(data) == 153 and len({item["id"] for item in data}) == 153
        assert {"id": "hackney", "name": "Hackney", "region": "london", "also": ""} in data

    def test_services_directory(self, client):
        data = client.get("/api/v1/services?local_authority=hackney&need=send").get_json()
        assert data["local_authority"]["name"] == "Hackney"
        assert {s["id"] for s in data["near_you"]} == {"hackney_sendiags", "hackney_parent_forum"}
        assert all("send" in s["topics"] for s in data["national"])
        everything = client.get("/api/v1/services").get_json()
        assert everything["local_authority"] is None and everything["near_you"] == []
        assert [s["id"] for s in everything["not_recommended"]] == ["ace"]
        assert {s["id"] for s in everything["outside_england"]} == {"snap_cymru", "enquire", "childrens_law_centre"}

    @pytest.mark.parametrize("query, fact", [("need=cheap", "need"), ("local_authority=gotham", "local_authority"),
                                             ("locale=xx", "locale")])
    def test_bad_requests(self, client, query, fact):
        response = client.get(f"/api/v1/services?{query}")
        assert response.status_code == 400
        assert response.get_json()["errors"][0]["fact"] == fact

    def test_assessment_with_a_council(self, client):
        facts = {"exclusion_type": "suspension", "days": 2, "local_authority": "hackney"}
        data = client.post("/api/v1/assessment", json=facts).get_json()
        assert "hackney_exclusions_officer" in [s["id"] for s in data["services"]]
        bad = client.post("/api/v1/assessment", json={**facts, "local_authority": "hackny"})
        assert bad.status_code == 400
        assert bad.get_json()["errors"][0]["fact"] == "local_authority"

    def test_question_catalogue_lists_the_councils(self, client):
        questions = {q["fact"]: q for q in client.get("/api/v1/questions").get_json()}
        council = questions["local_authority"]
        assert council["type"] == "choice" and len(council["options"]) == 153
        assert questions["autism"]["options"][1] == {"value": "being_assessed",
                                                     "label": "They are being assessed, or waiting to be"}
