"""What the database holds: answers and the chat encrypted, keys that can be rotated, and
nothing left after "delete my answers" or the retention purge. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from guidance_app import ConfigurationError
from guidance_app.cases import store
from guidance_app.cases.sealing import new_key
from guidance_app.config import build_config

from ..conftest import make_app
from ..questionnaire.driver import answer_all, csrf_token

FACTS = {"country": "england", "school_type": "academy", "exclusion_type": "permanent", "sen": "ehc_plan",
         "disability": "yes", "social_worker": True, "police_involved": True}


def raw_rows(app) -> list[tuple]:
    with app.extensions["db_engine"].connect() as connection:
        return connection.execute(text("SELECT answers, answered, conversation FROM cases")).fetchall()


def chat(client, message: str, locale: str = "en"):
    page = client.get(f"/{locale}/chat")
    return client.post(f"/{locale}/chat", data={"csrf_token": csrf_token(page.get_data(as_text=True)),
                                                 "message": message})


@pytest.fixture
def app(db_app):
    return db_app


def test_answers_and_chat_are_not_plain_text_in_the_database(app):
    client = app.test_client()
    answer_all(client, FACTS)
    chat(client, "My son Zebedee has autism and the police came to school")
    stored = raw_rows(app)
    assert len(stored) == 1
    for column in stored[0]:
        assert column.startswith("gAAAAA")  # a Fernet token
        for secret in ("ehc_plan", "police", "Zebedee", "autism", "academy", "england"):
            assert secret not in column
    url = make_url(app.config["DATABASE_URL"])
    if url.get_backend_name() == "sqlite":
        raw = Path(url.database).read_bytes()
        assert b"Zebedee" not in raw and b"ehc_plan" not in raw and b"police_involved" not in raw
    # ... and the app still reads them back.
    with client.session_transaction() as session:
        case_id = session["case_id"]
    with app.app_context():
        answers, _ = store.load(case_id)
    assert answers["sen"] == "ehc_plan" and answers["police_involved"] is True
    assert "Zebedee" in client.get("/en/chat").get_data(as_text=True)


def test_a_key_can_be_rotated_without_losing_cases(database_url):
    old = new_key()
    first = make_app(database_url, CASE_ENCRYPTION_KEYS=old)
    with first.app_context():
        case_id = store.save(None, {"sen": "ehc_plan"}, {"sen"}, retention_days=30)
    first.extensions["db_engine"].dispose()

    fresh = new_key()
    rotated = make_app(database_url, CASE_ENCRYPTION_KEYS=f"{fresh},{old}")
    result = rotated.test_cli_runner().invoke(args=["cases", "reseal"])
    assert result.exit_code == 0 and "Encrypted 1 case" in result.output
    rotated.extensions["db_engine"].dispose()

    only_new = make_app(database_url, CASE_ENCRYPTION_KEYS=fresh)
    with only_new.app_context():
        assert store.load(case_id) == ({"sen": "ehc_plan"}, {"sen"})
    only_new.extensions["db_engine"].dispose()


def test_a_wrong_key_gives_a_friendly_page_and_a_clear_command_error(database_url):
    writer = make_app(database_url, CASE_ENCRYPTION_KEYS=new_key())
    client = writer.test_client()
    answer_all(client, {"country": "england", "exclusion_type": "informal"})
    writer.extensions["db_engine"].dispose()

    reader = make_app(database_url, CASE_ENCRYPTION_KEYS=new_key())
    reader_client = reader.test_client()
    with client.session_transaction() as old_session, reader_client.session_transaction() as new_session:
        new_session.update(old_session)
    response = reader_client.get("/en/questions/check")
    assert response.status_code == 503 and "Traceback" not in response.get_data(as_text=True)
    result = reader.test_cli_runner().invoke(args=["cases", "reseal"])
    assert result.exit_code == 1 and "CASE_ENCRYPTION_KEYS" in result.output and "Traceback" not in result.output
    reader.extensions["db_engine"].dispose()


def test_cases_saved_before_encryption_are_sealed_by_upgrade(app):
    moment = dt.datetime.now(dt.timezone.utc)
    with app.extensions["db_engine"].begin() as connection:
        connection.execute(text(
            "INSERT INTO cases (id, answers, answered, conversation, created_at, updated_at, expires_at) "
            "VALUES ('legacy', :answers, :answered, NULL, :now, :now, :later)"),
            {"answers": json.dumps({"sen": "ehc_plan"}), "answered": json.dumps(["sen"]), "now": moment,
             "later": moment + dt.timedelta(days=30)})
    with app.app_context():
        assert store.load("legacy") == ({"sen": "ehc_plan"}, {"sen"})  # readable before sealing
    result = app.test_cli_runner().invoke(args=["cases", "upgrade"])
    assert result.exit_code == 0 and "Encrypted 1 case" in result.output
    assert all(column.startswith("gAAAAA") for column in raw_rows(app)[0][:2])
    with app.app_context():
        assert store.load("legacy") == ({"sen": "ehc_plan"}, {"sen"})


def test_delete_now_and_purge_leave_nothing(app):
    client = app.test_client()
    answer_all(client, FACTS)
    chat(client, "hello")
    code_page = client.get("/en/save")
    client.post("/en/save", data={"csrf_token": csrf_token(code_page.get_data(as_text=True))})
    page = client.get("/en/delete")
    client.post("/en/delete", data={"csrf_token": csrf_token(page.get_data(as_text=True))})
    assert raw_rows(app) == []

    other = app.test_client()
    answer_all(other, FACTS)
    chat(other, "hello")
    with app.extensions["db_engine"].begin() as connection:
        connection.execute(text("UPDATE cases SET expires_at = :past"),
                           {"past": dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)})
    assert app.test_cli_runner().invoke(args=["cases", "purge"]).exit_code == 0
    assert raw_rows(app) == []


@pytest.mark.parametrize("keys, message", [
    ("not-a-key", "key number 1 cannot be used"),
    (f"{new_key()}, short", "key number 2 cannot be used"),
])
def test_bad_keys_stop_start_up_with_a_clear_message(tmp_path, keys, message):
    with pytest.raises(ConfigurationError, match=message) as caught:
        build_config(str(tmp_path), {"CASE_ENCRYPTION_KEYS": keys})
    assert "cases new-key" in str(caught.value)


def test_production_needs_a_key(tmp_path):
    with pytest.raises(ConfigurationError, match="CASE_ENCRYPTION_KEYS is not set"):
        build_config(str(tmp_path), environ={"APP_ENV": "production", "SECRET_KEY": "x" * 64})
    config = build_config(str(tmp_path), environ={"APP_ENV": "production", "SECRET_KEY": "x" * 64,
                                                  "CASE_ENCRYPTION_KEYS": new_key()})
    assert config["SESSION_COOKIE_SECURE"] and config["SESSION_COOKIE_HTTPONLY"]
    assert config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_new_key_command_prints_a_usable_key(app):
    result = app.test_cli_runner().invoke(args=["cases", "new-key"])
    key = result.output.strip()
    assert result.exit_code == 0 and len(key) == 44
    build_config("/tmp", {"CASE_ENCRYPTION_KEYS": key, "TESTING": True})


def test_the_privacy_notice_says_what_is_kept_and_for_how_long(tmp_path):
    app = make_app(f"sqlite:///{tmp_path / 'notice.sqlite3'}", CASE_RETENTION_DAYS=12, LOG_RETENTION_DAYS=9)
    body = app.test_client().get("/en/privacy").get_data(as_text=True)
    for promise in ("encrypted", "12 days after you last change them", "delete it after 9 days",
                    "Nothing you type for a letter", "scrambled form", "internet (IP) address", 'href="/en/delete"'):
        assert promise in body, promise
    cookies = app.test_client().get("/en/cookies").get_data(as_text=True)
    assert "session" in cookies and "does not hold your answers" in cookies
