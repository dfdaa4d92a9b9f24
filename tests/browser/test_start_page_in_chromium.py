"""The start page in a real browser: language, direction, switching, and a screenshot."""

import pytest

pytestmark = pytest.mark.browser


def test_start_page_in_english_then_arabic(page, live_server, tmp_path):
    page.goto(f"{live_server}/en/")
    assert page.get_attribute("html", "lang") == "en"
    assert page.get_attribute("html", "dir") == "ltr"
    assert page.locator("h1").is_visible()
    # GOV.UK Frontend's JavaScript ran (the module loaded under our CSP).
    page.wait_for_function("document.body.classList.contains('govuk-frontend-supported')")

    page.get_by_role("navigation", name="Choose a language").get_by_role("link", name="العربية").click()
    page.wait_for_url(f"{live_server}/ar/")
    assert page.get_attribute("html", "lang") == "ar"
    assert page.get_attribute("html", "dir") == "rtl"
    # The mirrored stylesheet is in force: text starts from the right.
    assert page.eval_on_selector("h1", "el => getComputedStyle(el).direction") == "rtl"
    shot = tmp_path / "start-ar.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000


def test_switching_language_keeps_the_page(page, live_server):
    page.goto(f"{live_server}/pl/cookies")
    assert page.get_attribute("html", "lang") == "pl"
    page.locator(".app-language-switcher a[hreflang='en']").click()
    page.wait_for_url(f"{live_server}/en/cookies")
    assert page.get_attribute("html", "dir") == "ltr"


def test_no_console_errors_and_no_other_hosts(page, live_server):
    errors, hosts = [], set()
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("request", lambda req: hosts.add(req.url.split("/")[2]))
    page.goto(f"{live_server}/ar/")
    page.wait_for_load_state("networkidle")
    assert errors == []
    assert hosts == {live_server.split("/")[2]}
