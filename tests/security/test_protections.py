"""The protections on every page: security headers, CSRF on every form, rate limits with a
friendly 429, size limits, friendly error pages in every language, and no request to any
other host."""

from __future__ import annotations

import re

import pytest

from guidance_app.errors import MESSAGES
from guidance_app.locales import LOCALES

from ..conftest import make_app
from ..questionnaire.driver import csrf_token
from ..web.test_every_page_translated import PAGES, answered_client

FORMS = ["/questions/country", "/save", "/resume", "/delete", "/chat", "/letters/representations"]


def check_headers(response, path):
    csp = response.headers.get("Content-Security-Policy", "")
    script_src = re.search(r"script-src ([^;]*)", csp).group(1)
    assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src, path
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp, path
    assert response.headers["X-Content-Type-Options"] == "nosniff", path
    assert response.headers["Referrer-Policy"] == "same-origin", path
    assert "camera=()" in response.headers["Permissions-Policy"], path


@pytest.mark.parametrize("code", ["en", "ar"])
def test_every_page_carries_the_security_headers(code, tmp_path):
    client = answered_client(code, tmp_path)
    for path in PAGES + ["/results.ics", "/no-such-page"]:
        response = client.get(f"/{code}{path}")
        assert response.status_code in (200, 404), (path, response.status_code)
        check_headers(response, path)
    for path in ["/api/v1/locales", "/api/v1/questions", "/healthz", "/static/css/app.css"]:
        check_headers(client.get(path), path)


def test_hsts_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/en/").headers
    secure = client.get("/en/", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_session_cookie_is_httponly_and_samesite(client):
    page = client.get("/en/questions/country")
    client.post("/en/questions/country", data={"csrf_token": csrf_token(page.get_data(as_text=True)),
                                                "country": "england"})
    cookie = client.get_cookie("session")
    assert cookie is not None and cookie.http_only and cookie.same_site == "Lax"


@pytest.mark.parametrize("path", FORMS + ["/letters/representations/download"])
def test_a_post_without_a_csrf_token_is_refused_and_nothing_is_stored(app, client, path):
    from sqlalchemy import text

    response = client.post(f"/en{path}", data={"country": "england", "message": "hi", "resume_code": "x",
                                                 "parent_name": "A", "child_name": "B"})
    assert response.status_code == 400
    assert "Your page could not be sent" in response.get_data(as_text=True)
    with app.extensions["db_engine"].connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM cases")).scalar() == 0


def test_a_token_from_another_session_is_refused(app):
    stranger = app.test_client()
    token = csrf_token(stranger.get("/en/questions/country").get_data(as_text=True))
    victim = app.test_client()
    victim.get("/en/questions/country")
    response = victim.post("/en/questions/country", data={"csrf_token": token, "country": "wales"})
    assert response.status_code == 400


def test_the_api_is_rate_limited_with_a_json_429(tmp_path):
    app = make_app(f"sqlite:///{tmp_path / 'api.sqlite3'}", API_LIMIT="3 per minute")
    client = app.test_client()
    statuses = [client.get("/api/v1/locales").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = client.post("/api/v1/assessment", json={"exclusion_type": "suspension"})
    assert limited.status_code == 429 and limited.get_json()["errors"][0]["message"] == "Too many requests"
    assert "Retry-After" in limited.headers


def test_letter_downloads_are_rate_limited_with_a_page_that_keeps_the_letter(tmp_path):
    from ..letters.test_letter_pages import PERMANENT, preview_fields
    from ..questionnaire.driver import answer_all

    app = make_app(f"sqlite:///{tmp_path / 'letters.sqlite3'}", LETTER_LIMIT="2 per minute")
    client = app.test_client()
    answer_all(client, PERMANENT)
    token = csrf_token(client.get("/en/letters/representations").get_data(as_text=True))
    preview = client.post("/en/letters/representations", data={
        "csrf_token": token, "parent_name": "Ana Lopez", "child_name": "Leo Lopez", "requests": ["reinstatement"]})
    fields = {**preview_fields(preview.get_data(as_text=True)), "csrf_token": token, "format": "print"}
    statuses = [client.post("/en/letters/representations/download", data=fields).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    body = client.post("/en/letters/representations/download", data=fields).get_data(as_text=True)
    assert "Too many requests" in body and "Send again" in body and "Ana Lopez" in body


@pytest.mark.parametrize("code", sorted(LOCALES))
def test_error_pages_are_friendly_in_every_language(code, tmp_path):
    from flask import abort

    app = make_app(f"sqlite:///{tmp_path / 'errors.sqlite3'}", API_LIMIT="1 per minute")

    @app.get("/<locale:lang_code>/test-error/<int:status>")
    def _fail(status: int):
        if status == 500:
            raise RuntimeError("a bug")
        abort(status)

    client = app.test_client()
    for status in (400, 403, 404, 413, 429, 500, 503):
        response = client.get(f"/{code}/test-error/{status}")
        body = response.get_data(as_text=True)
        assert response.status_code == status
        assert f'<html lang="{code}" dir="{LOCALES[code].direction}"' in body
        assert "Traceback" not in body and "RuntimeError" not in body
        title = re.search(r"<h1[^>]*>([^<]+)</h1>", body).group(1).strip()
        english_title = str(MESSAGES[status][0])
        assert (title == english_title) == (code == "en"), (status, title)


def test_an_oversized_body_gets_a_friendly_413(client):
    response = client.post("/en/chat", data={"message": "x" * (2 * 1024 * 1024)})
    assert response.status_code == 413
    assert "That was too much to send at once" in response.get_data(as_text=True)
    api = client.post("/api/v1/assessment", data=b"{" + b" " * (2 * 1024 * 1024) + b"}",
                      content_type="application/json")
    assert api.status_code == 413 and api.is_json


EXTERNAL = re.compile(r"""(?:src|href|action|poster|srcset)\s*=\s*["']\s*(?:https?:)?//""", re.I)


@pytest.mark.parametrize("code", ["en", "ar", "bn"])
def test_pages_load_nothing_from_another_host(code, tmp_path):
    client = answered_client(code, tmp_path)
    for path in PAGES:
        body = client.get(f"/{code}{path}").get_data(as_text=True)
        # Links a parent may follow (<a href>) are fine; anything the page itself loads is not.
        loaded = [match for match in re.findall(r"<(?!a\b)[a-z]+[^>]*>", body) if EXTERNAL.search(match)]
        assert loaded == [], (path, loaded)
        assert "@import" not in body and "url(http" not in body
    css = client.get("/static/css/app.css").get_data(as_text=True)
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", css)


def test_the_json_api_sets_no_cookie(client):
    """So no other website can ride on a family's cookie: the API needs no CSRF token."""
    for response in (client.post("/api/v1/chat", json={"message": "hello"}),
                     client.post("/api/v1/assessment", json={"exclusion_type": "suspension"}),
                     client.get("/api/v1/questions")):
        assert response.status_code == 200 and "Set-Cookie" not in response.headers
