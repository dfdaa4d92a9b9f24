"""A parent using only a keyboard goes from the start page to the results in Chromium."""

import pytest

pytestmark = pytest.mark.browser


def tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching `selector` has focus (as a keyboard user would)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"could not reach {selector} with the Tab key")


def press_and_wait(page, key: str = "Enter") -> None:
    with page.expect_navigation():
        page.keyboard.press(key)


def choose(page, value: str) -> None:
    """Tab into the radio group, then move with the arrow keys to the answer, as people do."""
    tab_to(page, "input[type=radio]")
    for _ in range(12):
        if page.evaluate("document.activeElement.value") == value:
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked")
    tab_to(page, "button:not([name=skip])")
    press_and_wait(page)


def skip(page) -> None:
    tab_to(page, "button[name=skip]")
    press_and_wait(page)


def test_keyboard_only_journey(page, live_server):
    page.goto(f"{live_server}/en/")
    tab_to(page, "a.govuk-button--start")
    press_and_wait(page)
    assert page.url.endswith("/questions/country")
    # The skip link is the first thing a keyboard user reaches.
    page.goto(f"{live_server}/en/questions/country")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('govuk-skip-link')")
    choose(page, "england")
    choose(page, "maintained")
    choose(page, "informal")
    # A date typed with the keyboard
    tab_to(page, "#start_date-day")
    page.keyboard.type("6")
    page.keyboard.press("Tab")
    page.keyboard.type("10")
    page.keyboard.press("Tab")
    page.keyboard.type("2026")
    tab_to(page, "button:not([name=skip])")
    press_and_wait(page)
    for _ in range(40):
        if page.url.endswith("/questions/check"):
            break
        skip(page)
    assert page.url.endswith("/questions/check")
    tab_to(page, "a[href$='/results']")
    press_and_wait(page)
    assert page.url.endswith("/results")
    assert page.locator("[data-finding-id='informal_exclusion_unlawful']").count() == 1
    # Focus is visible: the focused link gets GOV.UK's yellow focus colour.
    tab_to(page, "a.govuk-link")
    background = page.evaluate("getComputedStyle(document.activeElement).backgroundColor")
    assert background == "rgb(255, 221, 0)"
