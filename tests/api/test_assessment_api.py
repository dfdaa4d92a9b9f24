"""POST /api/v1/assessment, GET /api/v1/questions and GET /api/v1/search (contract section 3)."""

import pytest

from guidance_app.core import assess

from ..core.scenarios import SCENARIOS

CONTRACT_KEYS = {"facts", "route", "findings", "deadlines", "services", "missing", "locale"}


@pytest.mark.parametrize("scenario", SCENARIOS[:14], ids=lambda s: s.name)
def test_api_gives_the_core_assessment(client, scenario):
    response = client.post("/api/v1/assessment", json=scenario.facts)
    assert response.status_code == 200
    data = response.get_json()
    assert CONTRACT_KEYS <= set(data)
    expected = assess(scenario.facts)
    assert [f["id"] for f in data["findings"]] == expected.finding_ids()
    assert {d["id"]: d["date"] for d in data["deadlines"]} == expected.deadline_dates()


def test_assessment_shape(client):
    data = client.post("/api/v1/assessment", json=SCENARIOS[6].facts).get_json()
    finding = data["findings"][0]
    assert set(finding) >= {"id", "severity", "title", "explanation_html", "sources"}
    assert set(finding["sources"][0]) >= {"title", "ref", "url"}
    deadline = data["deadlines"][0]
    assert set(deadline) >= {"id", "date", "title", "explanation", "assumptions"}
    assert "bank holidays" in deadline["assumptions"]
    service = data["services"][0]
    assert set(service) >= {"id", "name", "why", "phone", "url"}
    assert data["locale"] == "en" and data["law_as_at"]


def test_locale_is_reported(client):
    data = client.post("/api/v1/assessment?locale=ar", json={"exclusion_type": "suspension"}).get_json()
    assert data["locale"] == "ar"


@pytest.mark.parametrize("body,fact", [
    ({"days": "three"}, "days"),
    ({"favourite_colour": "blue"}, "favourite_colour"),
    ({"notice_date": "2026-10-05", "governors_decision_date": "2026-10-01"}, "governors_decision_date"),
    ({"notice_date": "2026-13-01"}, "notice_date"),
    ({"notice_included": "reason"}, "notice_included"),
])
def test_bad_facts_are_400_naming_the_fact(client, body, fact):
    response = client.post("/api/v1/assessment", json=body)
    assert response.status_code == 400
    errors = response.get_json()["errors"]
    assert any(error["fact"] == fact and error["message"] for error in errors)


def test_not_json_is_400(client):
    response = client.post("/api/v1/assessment", data="exclusion_type=permanent",
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert response.get_json()["errors"][0]["fact"] == "(body)"


def test_json_that_is_not_an_object_is_400(client):
    response = client.post("/api/v1/assessment", json=["permanent"])
    assert response.status_code == 400


def test_unknown_locale_is_400(client):
    response = client.post("/api/v1/assessment?locale=xx", json={})
    assert response.status_code == 400 and response.get_json()["errors"][0]["fact"] == "locale"


def test_empty_facts_still_give_an_assessment_with_questions(client):
    data = client.post("/api/v1/assessment", json={}).get_json()
    assert data["route"] == "unknown"
    assert {"country", "exclusion_type"} <= {entry["fact"] for entry in data["missing"]}


def test_questions_catalogue(client):
    questions = client.get("/api/v1/questions?locale=en").get_json()
    by_fact = {q["fact"]: q for q in questions}
    assert {"country", "exclusion_type", "days", "notice_date", "governors_decision"} <= set(by_fact)
    exclusion = by_fact["exclusion_type"]
    assert set(exclusion) >= {"fact", "type", "text", "hint", "options", "show_if"}
    assert {o["value"] for o in exclusion["options"]} == {"suspension", "permanent", "informal", "unknown"}
    assert by_fact["governors_decision"]["show_if"] == {"governors_meeting_date": {"known": True}}
    assert by_fact["written_notice"]["options"] == [{"value": True, "label": "Yes"}, {"value": False, "label": "No"}]


def test_questions_bad_locale(client):
    assert client.get("/api/v1/questions?locale=fr").status_code == 400


def test_search_ranks_the_knowledge_base(client):
    data = client.get("/api/v1/search?q=sent+home+to+calm+down&locale=en").get_json()
    first = data["results"][0]
    assert set(first) >= {"id", "title", "url", "score", "snippet"}
    assert first["id"] in {"informal_exclusion_unlawful", "informal-exclusions"}
    assert client.get(first["url"]).status_code == 200
    scores = [result["score"] for result in data["results"]]
    assert scores == sorted(scores, reverse=True)


def test_search_in_another_locale_falls_back_to_english_text(client):
    data = client.get("/api/v1/search?q=independent+review+panel&locale=pl").get_json()
    assert data["results"] and data["results"][0]["url"].startswith("/pl/")


def test_search_needs_words(client):
    assert client.get("/api/v1/search?q=").status_code == 400
    assert client.get("/api/v1/search?q=x&limit=lots").status_code == 400
