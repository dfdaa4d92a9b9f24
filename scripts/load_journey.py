"""The mixed parent journey that scripts/load_test.py runs with locust.

Each simulated parent takes one of the public scenarios and, like a real one: opens the start
page, answers every question asked (GOV.UK pages, CSRF tokens and all), reads the results, asks
the chat something, looks at "Who can help" and a guide, sometimes writes a letter and downloads
it as a PDF, saves with a code and resumes on "another device", then checks that every answer it
gave is still there. A request that fails because its worker was killed is sent once more
(counted as a retry); anything else that goes wrong is a failure.
"""

from __future__ import annotations

import os
import random
import re
import sys
import time
from pathlib import Path

from locust import HttpUser, between, events, task

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.core.scenarios import SCENARIOS  # noqa: E402
from tests.letters.test_letter_pages import preview_fields  # noqa: E402
from tests.questionnaire.driver import CSRF, form_fields  # noqa: E402

ENGLAND = [s for s in SCENARIOS if s.facts.get("country", "england") == "england"]
QUESTIONS = ["What happens at the governors' meeting?", "Can the school send my child home to calm down?",
             "What should happen on the sixth day?", "Who can help me for free?",
             "Can I ask for the meeting to be online?"]
COUNTS = {"retries": 0, "journeys": 0, "answers_checked": 0}


class JourneyFailed(Exception):
    """Ends a journey; `recorded` when locust already counted the failed request."""

    def __init__(self, what: str, recorded: bool = False):
        super().__init__(what)
        self.recorded = recorded


@events.quitting.add_listener
def _report(environment, **_kwargs) -> None:
    out = os.environ.get("LOAD_COUNTS_FILE")
    if out:
        Path(out).write_text(f"{COUNTS['retries']} {COUNTS['journeys']} {COUNTS['answers_checked']}\n")


def shown_as_answer(html: str, name: str, value: str) -> bool:
    """True when the page shows `value` as the answer for field `name`: a ticked radio or
    checkbox, a selected option, or a text box holding it."""
    for tag in re.findall(r"<(?:input|option)\b[^>]*>", html):
        if f'value="{value}"' not in tag:
            continue
        if re.search(r"\b(checked|selected)\b", tag):
            return True
        if 'type="text"' in tag and f'name="{name}"' in tag:
            return True
    return False


class Parent(HttpUser):
    wait_time = between(0.2, 1.0)

    def send(self, method: str, url: str, name: str | None = None, expect=(200,), **kwargs):
        """One request, sent again once if the connection broke (a worker was killed)."""
        for attempt in (1, 2):
            with self.client.request(method, url, name=name or url, allow_redirects=False,
                                     catch_response=True, **kwargs) as response:
                if response.status_code == 0 and attempt == 1:  # connection reset or refused
                    COUNTS["retries"] += 1
                    response.success()
                    time.sleep(0.2)
                    continue
                if response.status_code not in expect:
                    response.failure(f"status {response.status_code}")
                    raise JourneyFailed(url, recorded=True)
                response.success()
                return response
        raise JourneyFailed(url, recorded=True)

    def token(self, body: str) -> str:
        match = CSRF.search(body)
        if not match:
            raise JourneyFailed("no CSRF token")
        return match.group(1)

    @task
    def journey(self) -> None:
        try:
            self._journey(random.choice(ENGLAND).facts)
            COUNTS["journeys"] += 1
        except JourneyFailed as failed:
            if not failed.recorded:
                self.environment.events.request.fire(
                    request_type="CHECK", name="journey", response_time=0, response_length=0,
                    exception=failed, context={})

    def _journey(self, facts: dict) -> None:
        self.client.cookies.clear()
        self.send("GET", "/en/", name="start page")
        location = self.send("GET", "/en/questions/", name="questions", expect=(302,)).headers["Location"]
        given = {}
        for _ in range(80):
            if location.endswith("/questions/check"):
                break
            fact = location.rsplit("/", 1)[-1]
            page = self.send("GET", location, name="question page")
            data = {"csrf_token": self.token(page.text)}
            if facts.get(fact) is not None:
                data.update(form_fields(fact, facts[fact]))
                given[fact] = data
            else:
                data["skip"] = "1"
            location = self.send("POST", location, name="answer", data=data, expect=(302,)).headers["Location"]
        self.send("GET", "/en/questions/check", name="check answers")
        self.send("GET", "/en/results", name="results")

        chat = self.send("GET", "/en/chat", name="chat page")
        self.send("POST", "/en/chat", name="chat message", expect=(302,),
                  data={"csrf_token": self.token(chat.text), "message": random.choice(QUESTIONS)})
        self.send("GET", "/en/help/?local_authority=hackney", name="who can help")
        self.send("GET", "/en/guides/governors-meeting", name="guide")

        letters = self.send("GET", "/en/letters/", name="letters")
        kinds = re.findall(r'data-letter-kind="([^"]+)"', letters.text)
        if kinds and random.random() < 0.3:
            details = self.send("GET", f"/en/letters/{kinds[0]}", name="letter details")
            token = self.token(details.text)
            preview = self.send("POST", f"/en/letters/{kinds[0]}", name="letter preview", data={
                "csrf_token": token, "parent_name": "Alex Example", "child_name": "Sam Example",
                "requests": ["reinstatement"], "documents": ["evidence"]})
            fields = {**preview_fields(preview.text), "csrf_token": token, "format": "pdf"}
            self.send("POST", f"/en/letters/{kinds[0]}/download", name="letter PDF", data=fields)

        save = self.send("GET", "/en/save", name="save page")
        saved = self.send("POST", "/en/save", name="save", data={"csrf_token": self.token(save.text)})
        code = re.search(r'app-resume-code" lang="en">([0-9A-Z-]+)<', saved.text)
        if not code:
            raise JourneyFailed("no resume code")
        self.client.cookies.clear()  # "another device"
        resume = self.send("GET", "/en/resume", name="resume page")
        self.send("POST", "/en/resume", name="resume", expect=(302,),
                  data={"csrf_token": self.token(resume.text), "resume_code": code.group(1)})
        self._check_answers_kept(given)
        if random.random() < 0.5:
            delete = self.send("GET", "/en/delete", name="delete page")
            self.send("POST", "/en/delete", name="delete", data={"csrf_token": self.token(delete.text)})

    def _check_answers_kept(self, given: dict[str, dict]) -> None:
        """Every answer given is on its question page again (value selected or typed)."""
        for fact, data in given.items():
            page = self.send("GET", f"/en/questions/{fact}?change=1", name="question page (check kept)")
            for name, value in data.items():
                if name == "csrf_token":
                    continue
                values = value if isinstance(value, list) else [value]
                for one in values:
                    if not shown_as_answer(page.text, name, one):
                        raise JourneyFailed(f"answer lost: {fact} = {one}")
            COUNTS["answers_checked"] += 1
