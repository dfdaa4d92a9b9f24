"""Screenshots in Chromium of the start page, a question, the results and the chat in Arabic,
Urdu and Bengali: right to left where it should be, and the script drawn with a real font (no
empty boxes). The images are saved in build/screenshots/ to be looked at."""

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def has_glyphs(page, text_selector: str) -> bool:
    """Whether the first text under the selector is drawn with a font that has its letters:
    a missing glyph is drawn at the same width as every other (the .notdef box)."""
    return page.evaluate(
        """(selector) => {
            const text = document.querySelector(selector).textContent.trim().slice(0, 12);
            const canvas = document.createElement('canvas').getContext('2d');
            const font = getComputedStyle(document.querySelector(selector)).font;
            canvas.font = font;
            const widths = new Set([...text].filter(c => c.trim()).map(c => canvas.measureText(c).width));
            return widths.size > 1;
        }""", text_selector)


@pytest.mark.parametrize("code, direction", [("ar", "rtl"), ("ur", "rtl"), ("bn", "ltr")])
def test_pages_in_arabic_urdu_and_bengali(browser, live_server, code, direction):
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        for name, path in (("start", f"/{code}/"), ("question", f"/{code}/questions/country")):
            page.goto(live_server + path)
            assert page.evaluate("document.documentElement.dir") == direction
            assert page.evaluate("getComputedStyle(document.querySelector('h1')).direction") == direction
            assert has_glyphs(page, "h1")
            page.screenshot(path=str(SHOTS / f"{code}-{name}.png"), full_page=True)
        page.check("input[value='england']")
        with page.expect_navigation():
            page.locator("main form button:not([name=skip])").click()
        page.goto(f"{live_server}/{code}/results")
        assert page.evaluate("document.documentElement.dir") == direction
        # dates stay left to right inside right-to-left text
        for element in page.locator(".app-ltr").all()[:3]:
            assert element.evaluate("e => getComputedStyle(e).direction") == "ltr"
        page.screenshot(path=str(SHOTS / f"{code}-results.png"), full_page=True)
        page.goto(f"{live_server}/{code}/chat")
        assert has_glyphs(page, "h1")
        page.screenshot(path=str(SHOTS / f"{code}-chat.png"), full_page=True)
    finally:
        context.close()


@pytest.mark.parametrize("code, family, sample", [("ar", "App Naskh Arabic", "مرحبا"), ("ur", "App Naskh Arabic", "خوش آمدید"),
                                                  ("bn", "App Bengali", "স্বাগতম")])
def test_our_own_font_is_used_for_arabic_urdu_and_bengali(page, live_server, code, family, sample):
    fonts = []
    page.on("requestfinished", lambda request: fonts.append(request.url) if "/static/fonts/" in request.url else None)
    page.goto(f"{live_server}/{code}/")
    page.evaluate("document.fonts.ready")
    assert page.evaluate("([family, sample]) => document.fonts.check(`16px \"${family}\"`, sample)", [family, sample])
    assert any(url.endswith(".woff2") for url in fonts)
    used = page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert family in used


def test_other_pages_download_no_script_font(page, live_server):
    fonts = []
    page.on("request", lambda request: fonts.append(request.url) if "/static/fonts/" in request.url else None)
    for code in ("en", "pl", "uk"):
        page.goto(f"{live_server}/{code}/")  # the language list shows Arabic and Bengali names too
        page.evaluate("document.fonts.ready")
    assert fonts == []
