"""The interface catalogues: Arabic and Polish are complete; every locale has a catalogue."""

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


@pytest.mark.parametrize("code", ["ar", "pl"])
def test_arabic_and_polish_are_fully_translated(code):
    untranslated = [m.id for m in catalogue(code) if m.id and (not m.string or m.fuzzy)]
    assert untranslated == []
