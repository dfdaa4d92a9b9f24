"""Guide and rule pages: every knowledge-base entry has a page with its sources."""

import pytest

from guidance_app.knowledge import knowledge_base


@pytest.mark.parametrize("slug", sorted(knowledge_base().guides))
def test_every_guide_has_a_page(client, slug):
    response = client.get(f"/en/guides/{slug}")
    assert response.status_code == 200
    assert "Where this comes from" in response.get_data(as_text=True)


def test_rule_page_shows_sources_and_their_status(client):
    body = client.get("/en/rules/unlawful_reason").get_data(as_text=True)
    assert "para 20" in body and "gov.uk" in body


def test_untranslated_page_says_it_is_in_english(client):
    body = client.get("/pl/guides/governors-meeting").get_data(as_text=True)
    assert 'lang="en"' in body


def test_unknown_guide_is_404(client):
    assert client.get("/en/guides/no-such-guide").status_code == 404
    assert client.get("/en/rules/no_such_rule").status_code == 404


def test_law_as_at_is_on_every_page(client):
    kb = knowledge_base()
    assert str(kb.law_as_at.year) in client.get("/en/").get_data(as_text=True)
    written = f"{kb.law_as_at.day} {kb.law_as_at:%B %Y}"  # British English, e.g. 23 November 2026
    assert written in client.get("/en/privacy").get_data(as_text=True)
