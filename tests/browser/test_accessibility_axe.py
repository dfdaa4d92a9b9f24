"""axe-core (npm `axe-core`, pinned in package.json) in Debian's Chromium on every page of the
app in English, Arabic and Polish: start, each question page asked for a rich case, a question
with an error, check answers, results, who can help, guides and rules, letters (index, details,
details with errors, preview), chat, save, the saved code, resume, delete, errors and the footer
pages. Fails on any WCAG 2.0, 2.1 or 2.2 A/AA violation."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from guidance_app.cases import store

from ..conftest import make_app

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
RICH = {"country": "england", "local_authority": "hackney", "school_type": "academy", "exclusion_type": "permanent",
        "start_date": "2026-11-02", "decided_by_headteacher": True, "written_notice": True, "reason": "persistent_disruption",
        "sen": "ehc_plan", "disability": "yes", "autism": "yes", "behaviour_linked_to_needs": "yes",
        "governors_decision": "upheld", "governors_meeting_date": "2026-11-19", "governors_decision_date": "2026-11-20"}
PAGES = ["/", "/cookies", "/privacy", "/accessibility", "/help/", "/help/?need=send&local_authority=hackney",
         "/help/coram_child_law_advice", "/guides/", "/guides/governors-meeting", "/rules/unlawful_reason",
         "/questions/check", "/results", "/chat", "/letters/", "/letters/irp_application", "/save", "/resume",
         "/delete", "/no-such-page"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    app = make_app(f"sqlite:///{tmp_path_factory.mktemp('axe') / 'axe.sqlite3'}")
    live = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=live.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{live.server_port}", app
    live.shutdown()


@pytest.fixture
def rich_page(browser, server):
    """A browser whose session holds the rich case (so nearly every question and letter shows)."""
    url, app = server
    with app.app_context():
        case_id = store.save(None, dict(RICH), set(RICH), retention_days=1)
    cookie = app.session_interface.get_signing_serializer(app).dumps({"case_id": case_id})
    context = browser.new_context(bypass_csp=True, viewport={"width": 390, "height": 844})
    context.add_cookies([{"name": "session", "value": cookie, "url": url}])
    page = context.new_page()
    yield page
    context.close()


def violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    return [f"{page.url}: {v['id']} ({v['impact']}): {v['help']} at "
            + "; ".join(" ".join(node["target"]) for node in v["nodes"][:3]) for v in result["violations"]]


def test_axe_core_is_installed():
    assert AXE.exists(), "run `npm ci` (make test does) to install axe-core"


@pytest.mark.parametrize("code", ["en", "ar", "pl"])
def test_every_page_has_no_wcag_violations(rich_page, server, code):
    url, app = server
    found = []
    for path in PAGES:
        rich_page.goto(f"{url}/{code}{path}")
        found += violations(rich_page)
    for fact in app.extensions["knowledge_base"].questions:
        response = rich_page.goto(f"{url}/{code}/questions/{fact}?change=1")
        if rich_page.url.endswith(f"/questions/{fact}?change=1") and response.ok:
            found += violations(rich_page)
    # A question sent with an impossible date: the error summary and the field's error message.
    rich_page.goto(f"{url}/{code}/questions/start_date?change=1")
    rich_page.fill("#start_date-day", "31")
    rich_page.fill("#start_date-month", "2")
    rich_page.locator("main form button:not([name=skip])").first.click()
    assert rich_page.locator(".govuk-error-summary").count() == 1
    found += violations(rich_page)
    # Letters: details with an error, then the preview.
    rich_page.goto(f"{url}/{code}/letters/irp_application")
    rich_page.locator("main form button").first.click()
    found += violations(rich_page)
    rich_page.fill("#parent_name", "Alex Example")
    rich_page.fill("#child_name", "Sam Example")
    rich_page.locator("main form button").first.click()
    assert rich_page.locator("textarea").count() > 0
    found += violations(rich_page)
    # The chat after a message, and the saved code page.
    rich_page.goto(f"{url}/{code}/chat")
    rich_page.fill("textarea[name=message], input[name=message]", "What happens at the governors meeting?")
    rich_page.locator("main form button[type=submit]").last.click()
    found += violations(rich_page)
    rich_page.goto(f"{url}/{code}/save")
    rich_page.locator("main form button").first.click()
    found += violations(rich_page)
    assert found == [], "\n".join(found)
