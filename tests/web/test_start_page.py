"""The start page and the footer pages, in every language the URL can ask for."""

import re

import pytest

from guidance_app.locales import LOCALES

RTL = {"ar", "ur"}


def html_tag(body: str) -> str:
    return re.search(r"<html[^>]*>", body).group(0)


@pytest.mark.parametrize("code", sorted(LOCALES))
def test_every_locale_serves_the_start_page_with_lang_and_dir(client, code):
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    tag = html_tag(response.get_data(as_text=True))
    assert f'lang="{code}"' in tag
    assert f'dir="{"rtl" if code in RTL else "ltr"}"' in tag


def test_english_start_page_says_what_the_service_is_for(client):
    body = client.get("/en/").get_data(as_text=True)
    assert "<h1" in body and "suspended or excluded from school" in body
    assert "not legal advice" in body
    assert "England" in body and "Wales" in body and "Scotland" in body and "Northern Ireland" in body
    assert "Beta" in body  # phase banner


def test_start_button_leads_to_the_first_question(client):
    body = client.get("/pl/").get_data(as_text=True)
    button = re.search(r"<a[^>]*govuk-button--start[^>]*>", body, re.S).group(0)
    assert 'href="/pl/questions/"' in button


def test_rtl_pages_load_the_mirrored_stylesheet(client):
    assert "css/app.rtl.css" in client.get("/ar/").get_data(as_text=True)
    assert "css/app.rtl.css" not in client.get("/pl/").get_data(as_text=True)


@pytest.mark.parametrize("code,phrase", [("ar", "تخطَّ"), ("pl", "Przejdź")])
def test_layout_is_translated_for_arabic_and_polish(client, code, phrase):
    body = client.get(f"/{code}/").get_data(as_text=True)
    assert "Skip to main content" not in body
    assert phrase in body


def test_root_redirects_by_accept_language(client):
    cases = {"ar,en;q=0.5": "/ar/", "pl-PL,pl;q=0.9": "/pl/", "pt-BR": "/pt/",
             "de-DE,fr;q=0.8": "/en/", "": "/en/"}
    for header, target in cases.items():
        response = client.get("/", headers={"Accept-Language": header})
        assert response.status_code == 302, header
        assert response.headers["Location"].endswith(target), header
        assert "Accept-Language" in response.headers["Vary"]


def test_unknown_locale_is_a_friendly_404(client):
    response = client.get("/xx/", headers={"Accept-Language": "pl"})
    assert response.status_code == 404
    body = response.get_data(as_text=True)
    assert 'lang="pl"' in html_tag(body)
    assert "Traceback" not in body
    assert 'href="/pl/"' in body


def test_unknown_page_in_a_locale_is_a_404_in_that_language(client):
    response = client.get("/ar/no-such-page")
    assert response.status_code == 404
    assert 'dir="rtl"' in html_tag(response.get_data(as_text=True))


def test_language_switcher_keeps_you_on_the_same_page(client):
    body = client.get("/pl/privacy").get_data(as_text=True)
    nav = re.search(r'<nav class="app-language-switcher".*?</nav>', body, re.S).group(0)
    for code in LOCALES:
        if code != "pl":
            assert f'href="/{code}/privacy"' in nav
    assert 'aria-current="true"' in nav


@pytest.mark.parametrize("page", ["privacy", "cookies", "accessibility"])
def test_footer_pages_exist_and_are_linked_from_every_page(client, page):
    response = client.get(f"/en/{page}")
    assert response.status_code == 200
    assert "<h1" in response.get_data(as_text=True)
    assert f'href="/en/{page}"' in client.get("/en/").get_data(as_text=True)


def test_not_the_gov_uk_brand(client, app):
    body = client.get("/en/").get_data(as_text=True)
    assert "govuk-header__logotype" not in body
    assert "crown" not in body.lower()
    assert "GOV.UK" not in body.replace("GOV.UK Design System", "")
    css = client.get("/static/css/app.css").get_data(as_text=True)
    assert "GDS Transport" not in css
    # The only web fonts are our own Noto fonts for Arabic, Urdu and Bengali pages.
    faces = re.findall(r"@font-face\{([^}]*)\}", css)
    assert faces and all(re.search(r'url\("/static/fonts/Noto(NaskhArabic|SansBengali)-', face) for face in faces)


def test_no_requests_to_other_hosts(client):
    body = client.get("/en/").get_data(as_text=True)
    for attr in re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"', body):
        assert attr.startswith("/"), attr
