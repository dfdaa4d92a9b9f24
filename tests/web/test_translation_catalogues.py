"""The interface catalogues: every locale has one, in step with the template, fully translated
(no empty, no fuzzy, every plural form), with the same placeholders as the English; and each
locale has a glossary of the legal terms its translation uses."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from guidance_app.locales import LOCALES

TRANSLATIONS = Path(__file__).resolve().parents[2] / "translations"


def catalogue(code):
    with open(TRANSLATIONS / code / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle, locale=code)


@pytest.mark.parametrize("code", [code for code in LOCALES if code != "en"])
def test_every_locale_has_a_catalogue_in_step_with_the_template(code):
    with open(TRANSLATIONS / "messages.pot", "rb") as handle:
        template = {message.id for message in read_po(handle) if message.id}
    assert {message.id for message in catalogue(code) if message.id} == template


@pytest.mark.parametrize("code", [code for code in LOCALES if code != "en"])
def test_every_locale_is_fully_translated(code):
    untranslated = [m.id for m in catalogue(code) if m.id and (
        m.fuzzy or not m.string or (isinstance(m.string, tuple) and not all(m.string)))]
    assert untranslated == []


@pytest.mark.parametrize("code", [code for code in LOCALES if code != "en"])
def test_placeholders_are_kept(code):
    import re

    placeholder = re.compile(r"%\((\w+)\)[sd]")
    for message in catalogue(code):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set().union(*(placeholder.findall(i) for i in ids))
        for string in strings:
            found = set(placeholder.findall(string))
            # a singular form may leave out the number ("one day"), never add an unknown name
            assert found <= wanted and (found == wanted or isinstance(message.id, tuple)), (code, message.id, string)


@pytest.mark.parametrize("code", [code for code in LOCALES if code != "en"])
def test_each_locale_has_a_glossary(code):
    import yaml

    data = yaml.safe_load((TRANSLATIONS / code / "glossary.yaml").read_text(encoding="utf-8"))
    assert data["locale"] == code
    assert {"suspension", "permanent exclusion", "governing board (governors)"} <= set(data["terms"])


@pytest.mark.parametrize("code", [code for code in LOCALES if code != "en"])
def test_translated_pages_say_english_is_the_reference_and_link_to_it(client, code):
    body = client.get(f"/{code}/help/").get_data(as_text=True)
    assert f'<html lang="{code}" dir="{LOCALES[code].direction}"' in body
    assert 'class="govuk-body-s app-translation-note"' in body and 'href="/en/help/" hreflang="en"' in body
    english = client.get("/en/help/").get_data(as_text=True)
    assert "app-translation-note" not in english
