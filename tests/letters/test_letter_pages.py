"""The letter builder pages: from the results to a downloaded letter, as a parent uses them
(real HTTP through the test client, no JavaScript needed)."""

from __future__ import annotations

import html
import io
import re

import pytest
from docx import Document

from tests.core.scenarios import SCENARIOS
from tests.questionnaire.driver import answer_all, csrf_token

PERMANENT = next(s for s in SCENARIOS if s.name.startswith("L08")).facts


def preview_fields(body: str) -> dict[str, str]:
    """What the preview form would send back: every block's kind, number, text and translation."""
    fields = {name: html.unescape(value) for name, value in
              re.findall(r'name="((?:kind|number|translation)-\d+)" value="([^"]*)"', body)}
    fields.update({name: html.unescape(value) for name, value in
                   re.findall(r'<textarea[^>]*name="(text-\d+)"[^>]*>(.*?)</textarea>', body, re.S)})
    return fields


@pytest.fixture
def answered(client):
    answer_all(client, PERMANENT)
    return client


def details_page(client, locale="en", kind="representations"):
    body = client.get(f"/{locale}/letters/{kind}").get_data(as_text=True)
    return csrf_token(body), body


def test_results_lead_to_the_letters_that_fit(answered):
    results = answered.get("/en/results").get_data(as_text=True)
    assert "/en/letters/" in results and "Write a letter to the school or governors" in results
    letters = answered.get("/en/letters/").get_data(as_text=True)
    assert re.findall(r'data-letter-kind="([^"]+)"', letters) == ["representations", "information_request"]


def test_without_answers_the_letters_page_asks_for_them_first(client):
    body = client.get("/en/letters/").get_data(as_text=True)
    assert "Answer the questions about what happened first" in body


def test_missing_and_too_long_details_are_explained_and_kept(answered):
    token, _ = details_page(answered)
    response = answered.post("/en/letters/representations", data={
        "csrf_token": token, "parent_name": "", "child_name": "Sam", "account": "x" * 6001,
        "requests": ["reinstatement"]})
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "There is a problem" in body
    assert "Enter your full name" in body and "Keep this to 6000 characters or fewer" in body
    assert 'value="Sam"' in body  # what was typed is kept
    assert re.search(r'value="reinstatement"\s+checked', body)


def test_preview_edit_and_download(answered):
    token, _ = details_page(answered)
    preview = answered.post("/en/letters/representations", data={
        "csrf_token": token, "parent_name": "Jo Parent", "child_name": "<i>Sam</i>",
        "account": "He was pushed.\n\nHe pushed back.", "requests": ["reinstatement"]}).get_data(as_text=True)
    assert "<i>Sam</i>" not in preview and "&lt;i&gt;Sam&lt;/i&gt;" in preview
    assert preview.count('data-block-kind="numbered"') >= 2
    fields = preview_fields(preview)
    account = next(k for k, v in fields.items() if v == "He was pushed.")
    fields[account] = "He was pushed by an older pupil."  # the parent edits the letter
    download = answered.post("/en/letters/representations/download",
                             data={"csrf_token": token, "format": "docx", **fields})
    assert download.status_code == 200
    assert download.headers["Content-Disposition"].startswith("attachment; filename=representations-")
    text = "\n".join(p.text for p in Document(io.BytesIO(download.data)).paragraphs)
    assert "He was pushed by an older pupil." in text and "<i>Sam</i>: my representations" in text
    printed = answered.post("/en/letters/representations/download",
                            data={"csrf_token": token, "format": "print", **fields}).get_data(as_text=True)
    assert "He was pushed by an older pupil." in printed and "<i>Sam</i>" not in printed


def test_a_tampered_download_form_is_refused_without_an_error_page(answered):
    token, _ = details_page(answered)
    response = answered.post("/en/letters/representations/download",
                             data={"csrf_token": token, "format": "pdf", "kind-0": "<script>", "text-0": "x"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/en/letters/representations")
    assert answered.post("/en/letters/representations/download", data={"format": "pdf"}).status_code == 400


def test_unknown_letter_is_not_found(answered):
    assert answered.get("/en/letters/poem").status_code == 404


def test_information_request_needs_something_to_ask_for(answered):
    token, _ = details_page(answered, kind="information_request")
    body = answered.post("/en/letters/information_request", data={
        "csrf_token": token, "parent_name": "Jo", "child_name": "Sam"}).get_data(as_text=True)
    assert "Choose at least one document to ask for" in body
    api = answered.post("/api/v1/letters/information_request", json={"facts": PERMANENT, "format": "json"})
    assert api.status_code == 400
    assert {"fact": "details.documents", "message": "choose at least one document to ask for."} in api.get_json()["errors"]


@pytest.mark.parametrize("locale, direction", [("ar", "rtl"), ("pl", "ltr")])
def test_in_another_language_each_paragraph_has_its_translation(answered, locale, direction):
    token, _ = details_page(answered, locale=locale)
    preview = answered.post(f"/{locale}/letters/representations", data={
        "csrf_token": token, "parent_name": "Jo Parent", "child_name": "Sam",
        "requests": ["reinstatement"], "documents": ["evidence"]}).get_data(as_text=True)
    assert '<div class="app-letter" lang="en" dir="ltr">' in preview
    translations = re.findall(rf'<p class="govuk-body-s app-letter__translation" lang="{locale}" dir="{direction}">(.*?)</p>',
                              preview, re.S)
    assert len(translations) >= 8
    fields = preview_fields(preview)
    english = {value for key, value in fields.items() if key.startswith("text-")}
    assert "Yours sincerely," in english  # the letter itself stays English
    # Downloaded: English only, unless the parent asks for the translation at the end.
    plain = answered.post(f"/{locale}/letters/representations/download",
                          data={"csrf_token": token, "format": "docx", **fields})
    plain_text = "\n".join(p.text for p in Document(io.BytesIO(plain.data)).paragraphs)
    assert html.unescape(translations[1]).strip() not in plain_text
    both = answered.post(f"/{locale}/letters/representations/download",
                         data={"csrf_token": token, "format": "docx", "with_translation": "1", **fields})
    both_text = "\n".join(p.text for p in Document(io.BytesIO(both.data)).paragraphs)
    assert "Yours sincerely," in both_text and html.unescape(translations[1]).strip() in both_text


def test_api_gives_the_translation_beside_each_block(client):
    data = client.post("/api/v1/letters/representations",
                       json={"facts": PERMANENT, "details": {"parent_name": "Jo", "child_name": "Sam"},
                             "format": "json", "locale": "ar"}).get_json()
    assert data["translated"] is True and data["locale"] == "ar"
    closing = next(b for b in data["blocks"] if b["text"] == "Yours sincerely,")
    assert closing["translation"] and closing["translation"] != closing["text"]
