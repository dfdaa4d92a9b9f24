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
    cached = "\n".join(app.extensions.get("component_cache", {}))
    assert cached and "Quilla" not in cached and "Ximena" not in cached
