"""Save, leave, come back with the code, change an answer; delete; purge; migrations."""

import datetime as dt
import re

import pytest
from sqlalchemy import inspect, text

from guidance_app import ConfigurationError
from guidance_app.cases import store
from guidance_app.cases.migrate import downgrade, upgrade

from ..conftest import make_app
from ..core.scenarios import SCENARIOS
from ..questionnaire.driver import answer_all, csrf_token, ids_on_results


def save_code(client) -> str:
    page = client.get("/en/save")
    body = client.post("/en/save", data={"csrf_token": csrf_token(page.get_data(as_text=True))}).get_data(as_text=True)
    return re.search(r'app-resume-code" lang="en">([0-9A-Z-]+)<', body).group(1)


def rows(app, sql: str):
    with app.extensions["db_engine"].connect() as connection:
        return connection.execute(text(sql)).fetchall()


def test_save_leave_resume_change_and_see_results_update(app):
    first_visit = app.test_client()
    answer_all(first_visit, SCENARIOS[1].facts)  # a three-day suspension
    code = save_code(first_visit)
    assert re.fullmatch(r"([0-9A-HJKMNP-TV-Z]{4}-){3}[0-9A-HJKMNP-TV-Z]{4}", code)  # 16 symbols, 80 bits

    later = app.test_client()  # another device: no cookie
    assert later.get("/en/questions/check").get_data(as_text=True).count("Change") == 0
    page = later.get("/en/resume")
    typed = code.lower().replace("-", " ")  # people type codes loosely
    response = later.post("/en/resume", data={"csrf_token": csrf_token(page.get_data(as_text=True)),
                                              "resume_code": typed})
    assert response.headers["Location"].endswith("/en/questions/check")
    findings, _, _ = ids_on_results(later)
    assert "unlawful_reason" not in findings

    page = later.get("/en/questions/reason?change=1")
    later.post("/en/questions/reason?change=1", data={"csrf_token": csrf_token(page.get_data(as_text=True)),
                                                      "reason": "academic"})
    findings, _, _ = ids_on_results(later)
    assert "unlawful_reason" in findings


def test_resume_code_is_stored_hashed(app):
    client = app.test_client()
    answer_all(client, {"country": "england", "exclusion_type": "informal"})
    code = save_code(client)
    stored = rows(app, "SELECT resume_hash FROM cases")
    assert stored and stored[0][0] != code and code.replace("-", "") not in stored[0][0]


def test_wrong_code_is_an_error_linked_to_the_field(app):
    client = app.test_client()
    page = client.get("/en/resume")
    body = client.post("/en/resume", data={"csrf_token": csrf_token(page.get_data(as_text=True)),
                                           "resume_code": "AAAA-BBBB-CCCC-DDDD"}).get_data(as_text=True)
    assert "We could not find answers for that code" in body and 'href="#resume_code"' in body
    assert 'value="AAAA-BBBB-CCCC-DDDD"' in body


def test_delete_my_answers_removes_them_from_the_database(app):
    client = app.test_client()
    answer_all(client, {"country": "england", "exclusion_type": "informal", "sen": "suspected"})
    assert len(rows(app, "SELECT id FROM cases")) == 1
    page = client.get("/en/delete")
    body = client.post("/en/delete", data={"csrf_token": csrf_token(page.get_data(as_text=True))}).get_data(as_text=True)
    assert "have been deleted" in body
    assert rows(app, "SELECT id FROM cases") == []
    assert client.get("/en/questions/check").get_data(as_text=True).count("Change") == 0


def test_purge_removes_only_expired_cases(app):
    with app.app_context():
        old = store.save(None, {"country": "england"}, {"country"}, retention_days=30)
        fresh = store.save(None, {"country": "wales"}, {"country"}, retention_days=30)
        with app.extensions["db_engine"].begin() as connection:
            connection.execute(text("UPDATE cases SET expires_at = :past WHERE id = :id"),
                               {"past": dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc), "id": old})
    result = app.test_cli_runner().invoke(args=["cases", "purge"])
    assert result.exit_code == 0 and "Deleted 1 expired case" in result.output
    assert [row[0] for row in rows(app, "SELECT id FROM cases")] == [fresh]


def test_expired_case_cannot_be_resumed(app):
    with app.app_context():
        case_id = store.save(None, {"country": "england"}, {"country"}, retention_days=30)
        code = store.set_resume_code(case_id)
        assert store.find_by_code(code) == case_id
        with app.extensions["db_engine"].begin() as connection:
            connection.execute(text("UPDATE cases SET expires_at = :past"),
                               {"past": dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)})
        assert store.find_by_code(code) is None


def test_migrations_go_up_and_down(database_url):
    app = make_app(database_url)
    engine = app.extensions["db_engine"]
    assert "cases" in inspect(engine).get_table_names()
    downgrade(engine, "base")
    assert "cases" not in inspect(engine).get_table_names()
    upgrade(engine)
    assert "cases" in inspect(engine).get_table_names()
    result = app.test_cli_runner().invoke(args=["cases", "upgrade"])
    assert result.exit_code == 0 and "up to date" in result.output
    app.extensions["db_engine"].dispose()


def test_retention_days_must_be_a_positive_number(tmp_path, monkeypatch):
    monkeypatch.setenv("CASE_RETENTION_DAYS", "thirty")
    with pytest.raises(ConfigurationError, match="CASE_RETENTION_DAYS"):
        make_app(f"sqlite:///{tmp_path / 'r.sqlite3'}")


def test_guessing_codes_is_limited(tmp_path):
    app = make_app(f"sqlite:///{tmp_path / 'l.sqlite3'}", RESUME_ATTEMPTS_LIMIT="3 per hour")
    client = app.test_client()
    token = csrf_token(client.get("/en/resume").get_data(as_text=True))
    statuses = [client.post("/en/resume", data={"csrf_token": token, "resume_code": f"AAAA-BBBB-CCCC-000{i}"}).status_code
                for i in range(5)]
    assert statuses[:3] == [200, 200, 200] and statuses[3:] == [429, 429]
    body = client.post("/en/resume", data={"csrf_token": token, "resume_code": "x"}).get_data(as_text=True)
    assert "Too many requests" in body and "Traceback" not in body
    assert client.get("/en/resume").status_code == 200  # reading the page is not limited
