"""Letters (issue 6): built from the facts and the parent's details, checked as a governor and
a parent would see them: in the Word file (python-docx) and the PDF (pypdf's text extractor)."""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata

import pytest
from docx import Document
from pypdf import PdfReader

from guidance_app.core import assess
from guidance_app.knowledge import knowledge_base
from tests.core.scenarios import SCENARIOS

BY_NAME = {scenario.name: scenario for scenario in SCENARIOS}
# legal-rules.md: the permanent exclusions and the suspensions of more than five days.
REPRESENTATIONS = ["L03 four days after twelve this term, no closures", "L04 eight days, no provision arranged",
                   "L05 permanent exclusion in Year 11 with an exam", "L08 permanent exclusion, EHC plan, behaviour linked to autism",
                   "L09 twenty lunchtime suspensions this term", "L10 forty-three days this year and three more",
                   "L11 three-day suspension turned into a permanent exclusion"]
DETAILS = {"parent_name": "Jo Parent", "child_name": "Sam Parent", "year_group": "Year 10", "school_name": "Hill School",
           "account": "Sam was pushed first and defended himself.\n\nNo one asked Sam what happened.",
           "child_views": "Sam says he is sorry and wants to go back.",
           "requests": ["reinstatement", "remove_record", "meeting", "interpreter"], "interpreter_language": "Polish",
           "documents": ["evidence", "behaviour_policy"]}
DATE = "d MMMM yyyy"


def words(text: str) -> str:
    """Text as a reader sees it: one space between words, whatever the line breaks."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def long_date(iso: str) -> str:
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {day.strftime('%B %Y')}"


def docx_text(body: bytes) -> str:
    return words("\n".join(paragraph.text for paragraph in Document(io.BytesIO(body)).paragraphs))


def pdf_text(body: bytes) -> str:
    return words("\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages))


def letter(client, kind: str, facts: dict, details: dict, fmt: str, **extra):
    response = client.post(f"/api/v1/letters/{kind}", json={"facts": facts, "details": details, "format": fmt, **extra})
    assert response.status_code == 200, response.get_data(as_text=True)
    return response


def expected_points(facts: dict) -> list[str]:
    kb = knowledge_base()
    out = []
    for finding in assess(facts).to_json()["findings"]:
        if finding["severity"] in ("likely_unlawful", "check"):
            out.append(words(kb.rules[finding["id"]].texts["en"].fields["letter_point"]))
    return out


def test_every_point_has_its_wording():
    kb = knowledge_base()
    for rule in kb.rules.values():
        if rule.severity in ("likely_unlawful", "check"):
            assert rule.texts["en"].fields.get("letter_point"), f"{rule.id} needs a letter_point"


@pytest.mark.parametrize("name", REPRESENTATIONS)
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_representations_for_each_long_suspension_and_permanent_exclusion(client, name, fmt):
    facts = BY_NAME[name].facts
    response = letter(client, "representations", facts, DETAILS, fmt)
    assert response.headers["Content-Disposition"] == \
        f"attachment; filename=representations-{dt.date.today().isoformat()}.{fmt}"
    text = docx_text(response.data) if fmt == "docx" else pdf_text(response.data)
    points = expected_points(facts)
    assert ("Why I believe the decision was wrong" in text) == bool(points)
    for number, point in enumerate(points, start=1):
        assert f"{number}. {point[:60]}" in text or (f"{number}." in text and point[:60] in text), point
    assessment = assess(facts).to_json()
    for deadline in assessment["deadlines"]:
        if deadline["id"] in ("governors_meeting_by", "governors_meeting_on_request_by"):
            assert long_date(deadline["date"]) in text, deadline["id"]
    for key in ("start_date", "notice_date"):
        if key in facts:
            assert long_date(facts[key]) in text
    for request in ("reinstate my child", "remove the exclusion from my child's school record",
                    "arrange an interpreter for the meeting, in Polish"):
        assert request in text
    assert "all the evidence the head teacher relied on" in text
    assert "Sam was pushed first and defended himself." in text and "Sam says he is sorry" in text
    assert "Dear Chair of Governors," in text and "Yours sincerely, Jo Parent" in text


def test_review_panel_application_after_the_governors_upheld(client):
    facts = BY_NAME["L06 permanent exclusion upheld, decision handed over"].facts
    details = {**DETAILS, "requests": ["sen_expert", "remote_meeting"]}
    text = docx_text(letter(client, "irp_application", facts, details, "docx").data)
    assert "7 July 2027" in text  # irp_application_by for this scenario
    assert "16 June 2027" in text  # the day the decision was handed over
    assert "special educational needs (SEN) expert" in text and "hold the review online" in text
    refused = client.post("/api/v1/letters/representations", json={"facts": facts, "format": "json"})
    assert refused.status_code == 400 and refused.get_json()["errors"][0]["fact"] == "kind"


def test_information_request_for_an_informal_exclusion(client):
    facts = BY_NAME["L01 sent home to calm down, no letter"].facts
    text = pdf_text(letter(client, "information_request", facts, {**DETAILS, "documents": ["attendance"]}, "pdf").data)
    assert "sent home or kept out of school without a formal exclusion" in text
    assert "attendance record" in text and "Dear Head Teacher," in text


def test_names_in_arabic_and_bengali_come_back_out_of_the_pdf(client):
    facts = BY_NAME["L05 permanent exclusion in Year 11 with an exam"].facts
    details = {**DETAILS, "parent_name": "فاطمة الزهراء", "child_name": "সুমাইয়া রহমান"}
    body = letter(client, "representations", facts, details, "pdf").data
    # Typst gives a Bengali cluster's text to its first glyph and leaves the cluster's other
    # glyphs without a Unicode value (typst/typst#4225), so a text extractor shows their raw
    # glyph codes as control characters. Letters never hold control characters (they are
    # removed from what parents type), so dropping them here leaves exactly what was drawn.
    text = re.sub(r"[\x00-\x08\x0b-\x1f]", "", pdf_text(body))
    for name in ("فاطمة الزهراء", "সুমাইয়া রহমান"):
        for word in name.split():
            assert word in text, word  # each word whole: joined letters, right order inside the word
    assert "সুমাইয়া রহমান: my representations" in text
    assert b"NotoNaskhArabic" in body and b"NotoSansBengali" in body  # drawn with fonts that have them
    docx = docx_text(letter(client, "representations", facts, details, "docx").data)
    assert "فاطمة الزهراء" in docx and "সুমাইয়া রহমান" in docx


class TestHostileInput:
    def test_markup_is_text_everywhere(self, client):
        facts = BY_NAME["L05 permanent exclusion in Year 11 with an exam"].facts
        details = {**DETAILS, "child_name": "<script>alert(1)</script>", "account": "<b>bold</b> {parent_name} [[points]]"}
        html = letter(client, "representations", facts, details, "html").get_data(as_text=True)
        assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "<b>bold</b>" not in html
        data = letter(client, "representations", facts, details, "json").get_json()
        account = [b["text"] for b in data["blocks"] if "bold" in b["text"]]
        assert account == ["<b>bold</b> {parent_name} [[points]]"]  # kept as typed, never filled in
        assert "<script>alert(1)</script>" in docx_text(letter(client, "representations", facts, details, "docx").data)

    def test_typst_markup_is_drawn_as_typed_in_the_pdf(self, client):
        # The PDF is laid out by Typst; what a parent types must never run as Typst code.
        facts = BY_NAME["L05 permanent exclusion in Year 11 with an exam"].facts
        typed = '#panic("x") *bold* _it_ $x^2$ <label> @ref = Heading \\ #sys.inputs'
        details = {**DETAILS, "child_name": "Sam", "account": typed}
        text = pdf_text(letter(client, "representations", facts, details, "pdf").data)
        assert words(typed) in text

    def test_control_and_direction_characters_are_removed(self, client):
        facts = BY_NAME["L05 permanent exclusion in Year 11 with an exam"].facts
        details = {**DETAILS, "child_name": "Sam\x00\x07\x1b Par\u202eent\ufeff"}
        data = letter(client, "representations", facts, details, "json").get_json()
        assert any("Sam Parent: my representations" in b["text"] for b in data["blocks"])
        Document(io.BytesIO(letter(client, "representations", facts, details, "docx").data))  # opens

    def test_very_long_text_is_refused_with_the_limit(self, client):
        facts = BY_NAME["L05 permanent exclusion in Year 11 with an exam"].facts
        response = client.post("/api/v1/letters/representations",
                               json={"facts": facts, "details": {"account": "word " * 3000}, "format": "pdf"})
        assert response.status_code == 400
        assert response.get_json()["errors"] == [{"fact": "details.account",
                                                  "message": "is 14999 characters long; keep it to 6000 or fewer."}]

    def test_bad_requests(self, client):
        facts = {"exclusion_type": "permanent"}
        assert client.post("/api/v1/letters/poem", json={"facts": facts}).status_code == 404
        bad = client.post("/api/v1/letters/representations", json={"facts": facts, "format": "odt",
                                                                  "details": {"requests": ["money"], "age": "9"}})
        assert bad.status_code == 400
        assert {e["fact"] for e in bad.get_json()["errors"]} == {"format", "details.requests", "details.age"}
        assert client.post("/api/v1/letters/representations", data="not json").status_code == 400


def test_paragraphs_are_short_and_points_numbered():
    from guidance_app.letters.compose import compose

    kb = knowledge_base()
    facts = BY_NAME["L08 permanent exclusion, EHC plan, behaviour linked to autism"].facts
    built = compose(kb, "representations", assess(facts).to_json(), {"parent_name": "Jo", "child_name": "Sam"})
    for block in built.blocks:
        limit = 110 if block.kind == "numbered" else 60  # a point carries its source in brackets
        assert len(block.text.split()) <= limit, block.text
    assert [b.number for b in built.blocks if b.kind == "numbered"] == list(range(1, 1 + len(expected_points(facts))))


@pytest.mark.parametrize("kind, name", [
    ("representations", "L04 eight days, no provision arranged"),
    ("representations", "L13 only the exclusion type is known"),
    ("information_request", "L01 sent home to calm down, no letter"),
    ("irp_application", "L06 permanent exclusion upheld, decision handed over")])
@pytest.mark.parametrize("locale", ["en", "ar", "pl"])
def test_a_letter_with_only_the_names_still_opens_and_closes_properly(kind, name, locale):
    from guidance_app.letters.compose import compose

    details = {"parent_name": "Jo", "child_name": "Sam"}
    if kind == "information_request":
        details["documents"] = ["evidence"]
    built = compose(knowledge_base(), kind, assess(BY_NAME[name].facts).to_json(), details, locale=locale)
    texts = [block.text for block in built.blocks]
    assert texts[0] == "Jo" and texts[-2:] == ["Yours sincerely,", "Jo"]
    assert not any(re.search(r"\{[a-z_]+\}|\[\[|\(\(|, \.|\s\.", text) for text in texts), texts
    if locale != "en":
        assert built.translated and built.blocks[-2].translation
