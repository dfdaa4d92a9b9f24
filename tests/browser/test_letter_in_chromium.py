"""A parent goes from the results to a downloaded letter in Chromium, in Arabic: the letter
stays English with the Arabic under each part, and the PDF arrives as a download."""

import io
import re

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.browser


def answer(page, live_server, value):
    page.check(f"input[value='{value}']")
    with page.expect_navigation():
        page.locator("main form button:not([name=skip])").click()


def test_results_to_a_downloaded_letter(browser, live_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, accept_downloads=True)
    page = context.new_page()
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    try:
        page.goto(f"{live_server}/ar/questions/country")
        answer(page, live_server, "england")
        answer(page, live_server, "academy")
        answer(page, live_server, "permanent")
        for _ in range(50):
            if page.url.endswith("/questions/check"):
                break
            with page.expect_navigation():
                page.locator("main button[name=skip]").click()
        page.goto(f"{live_server}/ar/results")
        with page.expect_navigation():
            page.locator("a[href$='/ar/letters/']").first.click()
        with page.expect_navigation():
            page.locator("[data-letter-kind='representations'] a").click()
        page.fill("#parent_name", "فاطمة الزهراء")
        page.fill("#child_name", "সুমাইয়া রহমান")
        page.check("input[name=requests][value=reinstatement]")
        with page.expect_navigation():
            page.locator("main form button").click()
        assert page.locator(".app-letter__translation[lang=ar][dir=rtl]").count() >= 8
        assert page.locator(".app-letter[lang=en]").is_visible()
        first = page.locator("textarea.app-letter__text").first
        assert first.input_value() == "فاطمة الزهراء"
        with page.expect_download() as caught:
            page.locator("button[value=pdf]").click()
        download = caught.value
        assert download.suggested_filename.startswith("representations-") and download.suggested_filename.endswith(".pdf")
        text = PdfReader(io.BytesIO(open(download.path(), "rb").read())).pages[0].extract_text()
        text = re.sub(r"[\x00-\x08\x0b-\x1f]", "", text)  # Typst's unmapped cluster glyphs: see test_letters.py
        assert "সুমাইয়া রহমান" in text and "فاطمة" in text
        assert problems == []
    finally:
        context.close()
