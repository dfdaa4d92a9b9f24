"""A parent goes from the start to the results for every public scenario; the results page
shows the same findings, deadlines and services as the API for the same facts."""

import re

import pytest

from ..core.scenarios import SCENARIOS
from .driver import answer_all, csrf_token, ids_on_results


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_pages_and_api_agree(app, scenario):
    client = app.test_client()
    answer_all(client, scenario.facts)
    findings, deadlines, services = ids_on_results(client)
    api = app.test_client().post("/api/v1/assessment", json=scenario.facts).get_json()
    assert sorted(findings) == sorted(f["id"] for f in api["findings"])
    assert deadlines == {d["id"]: d["date"] for d in api["deadlines"]}
    assert services == [s["id"] for s in api["services"]]
    for deadline, date in scenario.deadlines.items():
        assert deadlines[deadline] == date


def test_errors_keep_what_was_typed_and_link_to_the_field(client):
    page = client.get("/en/questions/country")
    client.post("/en/questions/country", data={"csrf_token": csrf_token(page.get_data(as_text=True)),
                                                "country": "england"})
    client.post("/en/questions/exclusion_type", data={
        "csrf_token": csrf_token(client.get("/en/questions/exclusion_type").get_data(as_text=True)),
        "exclusion_type": "suspension"})
    page = client.get("/en/questions/start_date")
    response = client.post("/en/questions/start_date", data={
        "csrf_token": csrf_token(page.get_data(as_text=True)),
        "start_date-day": "31", "start_date-month": "2", "start_date-year": "2027"})
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "There is a problem" in body and 'href="#start_date-day"' in body
    assert "real date" in body
    assert 'value="31"' in body and 'value="2"' in body  # what was typed is kept
    assert "<title>Error:" in body


def test_missing_answer_and_bad_number(client):
    client.get("/en/questions/")
    for fact, value in (("country", "england"), ("school_type", "academy"), ("exclusion_type", "suspension"),
                        ("lunchtime", "no")):
        page = client.get(f"/en/questions/{fact}")
        client.post(f"/en/questions/{fact}", data={"csrf_token": csrf_token(page.get_data(as_text=True)), fact: value})
    page = client.get("/en/questions/days")
    token = csrf_token(page.get_data(as_text=True))
    body = client.post("/en/questions/days", data={"csrf_token": token, "days": "three"}).get_data(as_text=True)
    assert "Enter a number" in body and 'value="three"' in body
    body = client.post("/en/questions/days", data={"csrf_token": token, "days": "2.25"}).get_data(as_text=True)
    assert "half days" in body
    page = client.get("/en/questions/school_type")
    body = client.post("/en/questions/school_type",
                       data={"csrf_token": csrf_token(page.get_data(as_text=True))}).get_data(as_text=True)
    assert "Select an answer" in body


def test_change_link_returns_to_check_answers_and_results_update(app):
    client = app.test_client()
    answer_all(client, SCENARIOS[1].facts)  # L02: a short suspension
    check = client.get("/en/questions/check").get_data(as_text=True)
    assert 'href="/en/questions/reason?change=1"' in check
    page = client.get("/en/questions/reason?change=1")
    response = client.post("/en/questions/reason?change=1", data={
        "csrf_token": csrf_token(page.get_data(as_text=True)), "reason": "parent_conduct"})
    assert response.headers["Location"].endswith("/en/questions/check")
    findings, _, _ = ids_on_results(client)
    assert "unlawful_reason" in findings


def test_every_answered_question_can_be_opened_again_with_its_answer(app):
    """Each "Change" link on the check page opens its question with the answer filled in
    (dates included: they are kept as ISO text and shown in the three boxes)."""
    client = app.test_client()
    answer_all(client, SCENARIOS[1].facts)
    check = client.get("/en/questions/check").get_data(as_text=True)
    links = re.findall(r'href="(/en/questions/[a-z_]+\?change=1)"', check)
    assert len(links) >= 5
    for link in links:
        assert client.get(link).status_code == 200, link
    start = SCENARIOS[1].facts["start_date"]
    body = client.get("/en/questions/start_date?change=1").get_data(as_text=True)
    assert f'name="start_date-year" type="text" value="{start[:4]}"' in body or \
        re.search(rf'name="start_date-year"[^>]*value="{start[:4]}"', body)


def test_post_without_csrf_token_is_refused(client):
    client.get("/en/questions/country")
    response = client.post("/en/questions/country", data={"country": "england"})
    assert response.status_code == 400
    assert "could not be sent" in response.get_data(as_text=True)
    assert client.get("/en/questions/check").get_data(as_text=True).count("Change") == 0


def test_questions_branch_on_earlier_answers(app):
    client = app.test_client()
    asked = answer_all(client, {"country": "england", "exclusion_type": "informal"})
    assert "days" not in asked and "governors_decision" not in asked and "lunchtime" not in asked
    client = app.test_client()
    asked = answer_all(client, {"country": "england", "exclusion_type": "permanent",
                                "governors_meeting_date": "2027-03-01", "governors_decision": "upheld"})
    assert "converted_from_suspension" in asked and "governors_decision_date" in asked
    assert "lunchtime" not in asked


def test_key_dates_download_as_a_calendar_file(app):
    client = app.test_client()
    answer_all(client, SCENARIOS[4].facts)  # L04: eight days, provision and return dates
    response = client.get("/en/results/key-dates.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    body = response.get_data(as_text=True)
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert "DTSTART;VALUE=DATE:20270120" in body and "DTSTART;VALUE=DATE:20270125" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    assert 'href="/en/results/key-dates.ics"' in client.get("/en/results").get_data(as_text=True)


def test_results_have_a_next_steps_checklist(app):
    client = app.test_client()
    answer_all(client, next(s for s in SCENARIOS if s.name.startswith("L07")).facts)  # a parent's words
    body = client.get("/en/results").get_data(as_text=True)
    assert "What to do next" in body
    assert 'data-step-for="unlawful_reason"' in body
    assert 'href="/en/guides/governors-meeting"' in body  # preparing the representations
