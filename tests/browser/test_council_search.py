"""The council list becomes a search box in Chromium, and stays a plain list without
JavaScript; either way the family's council reaches the server and local help is shown."""

import pytest

pytestmark = pytest.mark.browser


def test_typing_part_of_a_name_finds_the_council(page, live_server):
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.goto(f"{live_server}/en/help/")
    search = page.locator("input#area")  # accessible-autocomplete replaces the <select>
    search.wait_for()
    assert search.get_attribute("role") == "combobox"
    search.type("hack")
    page.locator("#area__listbox li", has_text="Hackney").first.wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert search.input_value() == "Hackney"
    with page.expect_navigation():
        page.get_by_role("button", name="Show services").click()
    assert "area=hackney" in page.url
    assert page.get_by_role("heading", name="Help near you in Hackney").is_visible()
    assert page.locator('[data-service-id="hackney_sendiags"]').is_visible()
    assert problems == []  # no script errors and no Content-Security-Policy refusals


def test_another_name_for_a_council_finds_it(page, live_server):
    page.goto(f"{live_server}/en/help/")
    search = page.locator("input#area")
    search.wait_for()
    search.type("Hull")
    assert page.locator("#area__listbox li", has_text="Kingston upon Hull").first.is_visible()


def test_without_javascript_the_list_still_works(browser, live_server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"{live_server}/en/help/")
        page.select_option("select#area", "leicestershire")
        page.check("input[name=need][value=send]")
        with page.expect_navigation():
            page.get_by_role("button", name="Show services").click()
        assert page.locator('[data-service-id="leicestershire_sena"]').is_visible()
        assert page.locator('[data-service-id="citizens_advice"]').count() == 0  # filtered out: not SEND
    finally:
        context.close()
