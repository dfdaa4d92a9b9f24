"""When the database fails: a friendly 503 that keeps what the parent just typed, earlier
answers untouched, and no half-written case. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from html import unescape

import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from guidance_app.cases import store

from ..questionnaire.driver import csrf_token


@pytest.fixture
def app(db_app):
    return db_app


class Outage:
    """Points the app's engine and sessions at a database that cannot be reached, and back again."""

    def __init__(self, app, tmp_path):
        self.app = app
        self.working = app.extensions["db_engine"], app.extensions["db_sessionmaker"]
        broken = create_engine(f"sqlite:///{tmp_path}/no/such/dir/db.sqlite3")
        self.broken = broken, sessionmaker(broken)

    def __enter__(self):
        self.app.extensions["db_engine"], self.app.extensions["db_sessionmaker"] = self.broken
        return self

    def __exit__(self, *exc):
        self.app.extensions["db_engine"], self.app.extensions["db_sessionmaker"] = self.working


def hidden_fields(body: str) -> dict[str, str]:
    return {name: unescape(value) for name, value in
            re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', body)}


def answer(client, fact: str, value: str) -> None:
    url = f"/en/questions/{fact}"
    token = csrf_token(client.get(url).get_data(as_text=True))
    assert client.post(url, data={"csrf_token": token, fact: value}).status_code == 302


def case_answers(app, client) -> dict:
    with client.session_transaction() as session:
        case_id = session.get("case_id")
    with app.app_context():
        return store.load(case_id)[0]


def test_an_answer_sent_during_an_outage_is_kept_and_can_be_sent_again(app, tmp_path):
    client = app.test_client()
    answer(client, "country", "england")
    answer(client, "school_type", "academy")
    before = case_answers(app, client)
    page = client.get("/en/questions/exclusion_type")
    token = csrf_token(page.get_data(as_text=True))

    with Outage(app, tmp_path):
        response = client.post("/en/questions/exclusion_type?change=1",
                               data={"csrf_token": token, "exclusion_type": "permanent"})
    body = response.get_data(as_text=True)
    assert response.status_code == 503
    assert "Sorry, the service is unavailable" in body and "Send again" in body and "Traceback" not in body
    assert 'action="/en/questions/exclusion_type?change=1"' in body
    assert hidden_fields(body) == {"csrf_token": token, "exclusion_type": "permanent"}
    assert case_answers(app, client) == before  # nothing lost, nothing half-written

    again = client.post("/en/questions/exclusion_type?change=1", data=hidden_fields(body))
    assert again.status_code == 302
    assert case_answers(app, client) == {**before, "exclusion_type": "permanent"}


def test_a_chat_message_sent_during_an_outage_is_kept(app, tmp_path):
    client = app.test_client()
    token = csrf_token(client.get("/en/chat").get_data(as_text=True))
    with Outage(app, tmp_path):
        response = client.post("/en/chat", data={"csrf_token": token, "message": "They sent him home <today>"})
    body = response.get_data(as_text=True)
    assert response.status_code == 503
    assert hidden_fields(body)["message"] == "They sent him home <today>"
    assert "&lt;today&gt;" in body and "<today>" not in body  # kept, and escaped
    assert client.post("/en/chat", data=hidden_fields(body)).status_code == 302


def test_pages_and_the_api_answer_503_in_the_reader_s_language(app, tmp_path):
    client = app.test_client()
    answer(client, "country", "england")
    with Outage(app, tmp_path):
        page = client.get("/pl/questions/check")
        api = client.post("/api/v1/chat", json={"message": "hello"})
    assert page.status_code == 503 and '<html lang="pl"' in page.get_data(as_text=True)
    assert "Sorry, the service is unavailable" not in page.get_data(as_text=True)  # translated
    assert api.status_code == 503 and api.get_json()["errors"][0]["message"]


def test_a_save_is_one_transaction(app, monkeypatch):
    """If sealing the chat fails half-way through a save, the answers are not changed either."""
    with app.app_context():
        case_id = store.save(None, {"country": "england"}, {"country"}, retention_days=30,
                             conversation={"messages": []})
        real_seal = store._seal

        def failing_seal(value):
            if isinstance(value, dict) and "messages" in value:
                raise RuntimeError("disk full")
            return real_seal(value)

        monkeypatch.setattr(store, "_seal", failing_seal)
        with pytest.raises(RuntimeError):
            store.save(case_id, {"country": "england", "exclusion_type": "permanent"}, {"country", "exclusion_type"},
                       retention_days=30, conversation={"messages": [{"from": "parent", "text": "hi"}]})
        monkeypatch.setattr(store, "_seal", real_seal)
        assert store.load(case_id) == ({"country": "england"}, {"country"})
        assert store.load_conversation(case_id) == {"messages": []}
