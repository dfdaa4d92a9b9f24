"""The cache of rendered GOV.UK components: the same parameters give the same HTML, other
parameters other HTML, and nothing a person typed is kept in it."""

from __future__ import annotations

from ..letters.test_letter_pages import PERMANENT
from ..questionnaire.driver import answer_all, csrf_token


def test_each_answer_is_shown_checked_and_typed_text_is_not_cached(app):
    client = app.test_client()
    for value in ("academic", "parent_conduct", "academic"):
        page = client.get("/en/questions/reason")
        client.post("/en/questions/reason", data={"csrf_token": csrf_token(page.get_data(as_text=True)),
                                                  "reason": value})
        body = client.get("/en/questions/reason?change=1").get_data(as_text=True)
        assert f'value="{value}" checked' in body
        assert body.count(" checked") == 1

    answer_all(client, PERMANENT)
    token = csrf_token(client.get("/en/letters/representations").get_data(as_text=True))
    client.post("/en/letters/representations", data={"csrf_token": token, "parent_name": "Quilla Zorbington",
                                                     "child_name": "", "account": "Ximena's secret story"})
    cached = "\n".join(map(str, app.extensions.get("component_cache", {})))
    assert cached and "Quilla" not in cached and "Ximena" not in cached


def _nonce(response) -> str:
    return response.headers["Content-Security-Policy"].split("'nonce-", 1)[1].split("'", 1)[0]


def test_kept_question_pages_get_their_own_token_nonce_and_links(app):
    """A question page kept for everyone still carries this request's CSRF token and script
    nonce, its language links point at this page, and its form can be sent."""
    first, second = app.test_client(), app.test_client()
    pages = [client.get("/pl/questions/reason?change=1") for client in (first, second, first)]
    tokens = [csrf_token(page.get_data(as_text=True)) for page in pages]
    nonces = [_nonce(page) for page in pages]
    assert tokens[0] != tokens[1] and len(set(nonces)) == 3  # one family's token is never another's
    for page, nonce in zip(pages, nonces):
        body = page.get_data(as_text=True)
        assert f'<script nonce="{nonce}">' in body
        assert "appCsrfMark" not in body and "appNonceMark" not in body and "appPageSuffix" not in body
        assert 'href="/en/questions/reason?change=1" lang="en"' in body
        assert 'href="/ar/questions/reason?change=1" lang="ar"' in body
    assert any(str(key).startswith('["page"') for key in app.extensions["component_cache"])
    sent = second.post("/pl/questions/reason?change=1", data={"csrf_token": tokens[1], "reason": "academic"})
    assert sent.status_code == 302 and sent.headers["Location"].endswith("/pl/questions/check")
    refused = second.post("/pl/questions/reason", data={"csrf_token": "appCsrfMark5b2e8c", "reason": "academic"})
    assert refused.status_code == 400


def test_pages_with_typed_answers_are_never_kept(app):
    client = app.test_client()
    answer_all(client, PERMANENT)
    client.get("/en/questions/start_date?change=1")
    keys = [str(key) for key in app.extensions.get("component_cache", {})]
    kept = [key for key in keys if key.startswith('["page"')]
    assert kept and not any("start_date" in key for key in kept)
    assert not any(PERMANENT["start_date"] in key for key in keys)


def test_language_links_keep_a_query_with_several_parts(app):
    body = app.test_client().get("/pl/help/?area=hackney&need=sen").get_data(as_text=True)
    assert 'href="/en/help/?area=hackney&amp;need=sen" lang="en"' in body
