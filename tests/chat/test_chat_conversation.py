"""The chat through POST /api/v1/chat and the chat page (issue 7)."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from guidance_app.chat.understand import GUESS, EXACT, parse_date, understand
from guidance_app.knowledge import knowledge_base
from tests.core.scenarios import SCENARIOS
from tests.questionnaire.driver import csrf_token


def reply_for(value) -> str:
    """How a script answers `asking` from a scenario's facts: the value as text."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return json.dumps(value)
    if isinstance(value, (int, float)):
        return f"{value:g}"
    return str(value)


def chat(client, message: str, conversation_id: str | None = None, locale: str = "en") -> dict:
    body = {"message": message, "locale": locale}
    if conversation_id:
        body["conversation_id"] = conversation_id
    response = client.post("/api/v1/chat", json=body)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name[:3])
def test_a_scripted_conversation_ends_with_the_same_findings_as_the_api(client, scenario):
    data = chat(client, "")
    conversation = data["conversation_id"]
    for _ in range(80):
        if data["done"] or data["asking"] is None:
            break
        fact = data["asking"]
        message = reply_for(scenario.facts[fact]) if fact in scenario.facts else "I don't know"
        data = chat(client, message, conversation)
        assert data["conversation_id"] == conversation
    assert data["done"]
    expected = client.post("/api/v1/assessment", json=scenario.facts).get_json()
    through_chat = client.post("/api/v1/assessment", json=data["facts"]).get_json()
    assert [f["id"] for f in through_chat["findings"]] == [f["id"] for f in expected["findings"]]


def test_a_question_is_answered_from_the_knowledge_base_with_sources(client):
    data = chat(client, "")
    data = chat(client, "Can the school send my son home to calm down without a letter?", data["conversation_id"])
    answer = data["messages"][0]
    assert "Sending a child home without a formal exclusion is not allowed" in answer["html"]
    assert any(source["url"].endswith("/en/rules/informal_exclusion_unlawful") for source in answer["sources"])
    assert any("legislation.gov.uk" in source["url"] or "gov.uk" in source["url"] for source in answer["sources"])
    assert data["asking"] == "country"  # the guided question is offered again


def test_below_the_threshold_it_says_it_does_not_know(client):
    data = chat(client, "")
    data = chat(client, "What is the best recipe for banana bread with walnuts?", data["conversation_id"])
    text = data["messages"][0]["html"]
    assert "I am not sure I can answer that" in text and "Coram Child Law Advice" in text
    assert [s["title"] for s in data["messages"][0]["sources"]][0] == "Coram Child Law Advice"


def test_facts_mentioned_in_passing_are_confirmed_before_use(client):
    data = chat(client, "")
    data = chat(client, "They told me to keep her home for a few days and she has an EHCP", data["conversation_id"])
    assert data["confirming"] == {"fact": "exclusion_type", "value": "informal"}
    assert "exclusion_type" not in data["facts"]
    data = chat(client, "yes", data["conversation_id"])
    assert data["facts"]["exclusion_type"] == "informal"
    # the EHC plan waits until its question applies, then is confirmed too
    for _ in range(40):
        if data["confirming"] and data["confirming"]["fact"] == "sen":
            break
        data = chat(client, "I don't know" if not data["confirming"] else "yes", data["conversation_id"])
    assert data["confirming"] == {"fact": "sen", "value": "ehc_plan"}
    data = chat(client, "no", data["conversation_id"])
    assert "sen" not in data["facts"]


def test_a_typed_date_is_read_back_before_it_is_used(client):
    data = chat(client, "")
    conversation = data["conversation_id"]
    for message in ("england", "maintained", "suspension"):
        data = chat(client, message, conversation)
    while data["asking"] != "start_date":
        data = chat(client, "I don't know", conversation)
    data = chat(client, "3/3/2026", conversation)
    assert data["confirming"] == {"fact": "start_date", "value": "2026-03-03"}
    assert "Tuesday 3 March 2026" in data["messages"][0]["html"]
    data = chat(client, "yes", conversation)
    assert data["facts"]["start_date"] == "2026-03-03"


def test_bad_requests(client):
    assert client.post("/api/v1/chat", json={"message": "x" * 1001}).status_code == 400
    assert client.post("/api/v1/chat", json={"message": "hi", "locale": "xx"}).status_code == 400
    response = client.post("/api/v1/chat", json={"message": "hi", "conversation_id": "nope"})
    assert response.status_code == 400 and response.get_json()["errors"][0]["fact"] == "conversation_id"
    assert client.post("/api/v1/chat", data="hello").status_code == 400


class TestUnderstanding:
    TODAY = dt.date(2026, 11, 23)  # a Monday

    @pytest.mark.parametrize("locale, text, expected", [
        ("en", "last Tuesday", "2026-11-17"), ("en", "3 March", "2026-03-03"), ("en", "03/03/2026", "2026-03-03"),
        ("en", "yesterday", "2026-11-22"), ("en", "on the 10th of November", "2026-11-10"),
        ("pl", "3 marca", "2026-03-03"), ("pl", "zeszły wtorek", "2026-11-17"), ("pl", "wczoraj", "2026-11-22"),
        ("pl", "10.11.2026", "2026-11-10"), ("pl", "10 listopada 2026", "2026-11-10"),
        ("ar", "٣ مارس", "2026-03-03"), ("ar", "الثلاثاء الماضي", "2026-11-17"), ("ar", "أمس", "2026-11-22"),
        ("ar", "10 تشرين الثاني", "2026-11-10"), ("ar", "١٠/١١/٢٠٢٦", "2026-11-10"),
    ])
    def test_dates(self, locale, text, expected):
        assert parse_date(text, locale, self.TODAY) == dt.date.fromisoformat(expected)

    @pytest.mark.parametrize("locale, text, expected", [
        ("en", "yes", True), ("en", "no", False), ("en", "Yes they did", True), ("pl", "tak", True),
        ("pl", "nie", False), ("ar", "نعم", True), ("ar", "لا", False), ("en", "true", True)])
    def test_yes_and_no(self, locale, text, expected):
        kb = knowledge_base()
        assert understand(kb, kb.questions["written_notice"], text, locale, self.TODAY).value is expected

    @pytest.mark.parametrize("locale, text", [("en", "I don't know"), ("pl", "nie wiem"), ("ar", "لا أعرف")])
    def test_dont_know(self, locale, text):
        kb = knowledge_base()
        assert understand(kb, kb.questions["written_notice"], text, locale, self.TODAY).kind == "dont_know"

    def test_choices_numbers_and_councils(self):
        kb = knowledge_base()
        q = kb.questions
        assert understand(kb, q["exclusion_type"], "They sent him home to calm down", "en", self.TODAY) == \
            understand(kb, q["exclusion_type"], "they sent him home to calm down", "en", self.TODAY)
        assert understand(kb, q["exclusion_type"], "they sent him home to calm down", "en", self.TODAY).value == "informal"
        assert understand(kb, q["days"], "3", "en", self.TODAY).kind == EXACT
        found = understand(kb, q["days"], "two and a half days", "en", self.TODAY)
        assert found.kind == GUESS
        assert understand(kb, q["days"], "trzy dni", "pl", self.TODAY).value == 3
        assert understand(kb, q["local_authority"], "hackney", "en", self.TODAY).value == "hackney"


def test_chat_and_questionnaire_share_one_case(client):
    for fact, value in (("country", "england"), ("school_type", "academy"), ("exclusion_type", "suspension")):
        url = f"/en/questions/{fact}"
        client.post(url, data={"csrf_token": csrf_token(client.get(url).get_data(as_text=True)), fact: value})
    page = client.get("/en/chat").get_data(as_text=True)
    assert "What kind of school" not in page  # already answered in the questionnaire
    token = csrf_token(page)
    client.post("/en/chat", data={"csrf_token": token, "message": "dont_know"})
    client.post("/en/chat", data={"csrf_token": token, "message": "Can they exclude him for his haircut?"})
    check = client.get("/en/questions/check").get_data(as_text=True)
    assert "An academy or free school" in check
    # the conversation is kept with the case: a new page load shows it
    assert "Can they exclude him for his haircut?" in client.get("/en/chat").get_data(as_text=True)


def test_chat_page_without_javascript(client):
    page = client.get("/en/chat")
    body = page.get_data(as_text=True)
    assert page.status_code == 200 and 'role="log" aria-live="polite"' in body
    assert 'name="message" value="england"' in body  # quick replies are plain submit buttons
    response = client.post("/en/chat", data={"csrf_token": csrf_token(body), "message": "england"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/en/chat#latest")
    after = client.get("/en/chat").get_data(as_text=True)
    assert "What kind of school is it?" in after and 'id="latest"' in after
    too_long = client.post("/en/chat", data={"csrf_token": csrf_token(after), "message": "x" * 1001})
    assert too_long.status_code == 400 and "Keep it to 1000 characters" in too_long.get_data(as_text=True)
    assert "x" * 1001 in too_long.get_data(as_text=True)  # what was typed is kept


def test_the_chat_is_rate_limited(tmp_path):
    from tests.conftest import make_app

    app = make_app(f"sqlite:///{tmp_path / 'limit.sqlite3'}", CHAT_LIMIT="3 per minute")
    client = app.test_client()
    first = client.post("/api/v1/chat", json={"message": "hello"}).get_json()["conversation_id"]
    codes = [client.post("/api/v1/chat", json={"message": "hello", "conversation_id": first}).status_code
             for _ in range(4)]
    assert codes == [200, 200, 200, 429]


@pytest.mark.parametrize("locale, yes, no, date, expected", [
    ("pl", "tak", "nie", "3 marca 2026", "2026-03-03"),
    ("ar", "نعم", "لا", "٣ مارس ٢٠٢٦", "2026-03-03"),
])
def test_a_conversation_in_polish_and_arabic(client, locale, yes, no, date, expected):
    data = chat(client, "", locale=locale)
    conversation = data["conversation_id"]
    assert data["messages"][-1]["html"] != ""
    for message in ("england", "maintained", "suspension"):
        data = chat(client, message, conversation, locale)
    while data["asking"] != "start_date":
        data = chat(client, "dont_know", conversation, locale)
    data = chat(client, date, conversation, locale)
    assert data["confirming"] == {"fact": "start_date", "value": expected}
    data = chat(client, yes, conversation, locale)
    assert data["facts"]["start_date"] == expected
    while data["asking"] != "written_notice":
        data = chat(client, "dont_know", conversation, locale)
    data = chat(client, no, conversation, locale)
    assert data["facts"]["written_notice"] is False


def test_a_quick_reply_is_shown_as_its_label(client):
    page = client.get("/en/chat").get_data(as_text=True)
    client.post("/en/chat", data={"csrf_token": csrf_token(page), "message": "northern_ireland"})
    after = client.get("/en/chat").get_data(as_text=True)
    user = re.findall(r'app-chat__message--user".*?<div class="app-chat__bubble">(.*?)</div>', after, re.S)
    assert user == ["Northern Ireland"]


@pytest.mark.parametrize("opening", ["hi", "Can they send my son home to calm down?"])
def test_a_conversation_may_start_with_any_message(client, opening):
    data = chat(client, opening)
    assert "Hello." in data["messages"][0]["html"]
    assert data["asking"] == "country" or data["confirming"]
    assert not any("did not understand" in m["html"] for m in data["messages"])
