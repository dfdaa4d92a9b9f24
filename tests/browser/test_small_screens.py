"""Pages fit a 320 px wide phone screen: nothing needs scrolling sideways."""

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["/en/", "/ar/", "/en/questions/country", "/en/questions/check", "/en/results",
                                  "/pl/guides/governors-meeting", "/en/resume"])
def test_no_sideways_scrolling_at_320px(browser, live_server, path):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(live_server + path)
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 320, f"{path} is {width}px wide"
