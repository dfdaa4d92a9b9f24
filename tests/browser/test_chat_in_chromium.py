"""A short conversation in Chromium, with JavaScript on (messages added in place, in a live
region, focus kept in the box) and off (each message a form post)."""

import pytest

pytestmark = pytest.mark.browser


def test_conversation_with_javascript(page, live_server):
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.goto(f"{live_server}/en/chat")
    log = page.locator("#chat-log")
    assert log.get_attribute("aria-live") == "polite"
    before = log.locator(".app-chat__message").count()
    page.get_by_role("button", name="England").click()
    page.locator(".app-chat__message--bot", has_text="What kind of school is it?").wait_for()
    assert page.url.endswith("/en/chat")  # no page load: the messages were added in place
    assert log.locator(".app-chat__message").count() == before + 2
    page.fill("#message", "Can they send my son home to calm down?")
    page.keyboard.press("Tab")
    page.get_by_role("button", name="Send").click()
    page.locator(".app-chat__message--bot", has_text="without a formal exclusion").first.wait_for()
    assert page.evaluate("document.activeElement.id") == "message"
    assert page.input_value("#message") == ""
    page.locator(".app-chat__message--bot details").last.click()
    assert page.locator(".app-chat__message--bot details a[href*='/rules/informal_exclusion_unlawful']").count() >= 1
    assert problems == []


def test_conversation_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server}/en/chat")
        with page.expect_navigation():
            page.get_by_role("button", name="England").click()
        assert page.url.endswith("/en/chat#latest")
        assert page.locator(".app-chat__message--bot", has_text="What kind of school is it?").count() == 1
        page.fill("#message", "an academy")
        with page.expect_navigation():
            page.get_by_role("button", name="Send").click()
        assert page.locator(".app-chat__message--bot", has_text="Is that right?").count() == 1
        with page.expect_navigation():
            page.get_by_role("button", name="Yes").click()
        assert page.locator(".app-chat__message--bot", has_text="What did the school do?").count() == 1
    finally:
        context.close()
