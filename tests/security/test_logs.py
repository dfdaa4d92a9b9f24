"""The logs of a whole journey hold no personal data: no names, no typed accounts or chat
messages, no answers, no resume code, no case id."""

from __future__ import annotations

import logging
import re

from sqlalchemy.exc import OperationalError

from guidance_app.cases import store

from ..letters.test_letter_pages import PERMANENT, preview_fields
from ..questionnaire.driver import answer_all, csrf_token

NAMES = ("Quentin Marlowe-Okafor", "Zainab Marlowe-Okafor", "Oakbridge Academy", "Mrs Thistlewood")


def test_a_full_journey_logs_nothing_personal(app, caplog, monkeypatch):
    caplog.set_level(logging.DEBUG)
    client = app.test_client()
    answer_all(client, PERMANENT)
    client.get("/en/results")

    page = client.get("/en/chat")
    message = f"My daughter {NAMES[1]} has ADHD and they said she hit a teacher"
    client.post("/en/chat", data={"csrf_token": csrf_token(page.get_data(as_text=True)), "message": message})
    api = client.post("/api/v1/chat", json={"message": f"{NAMES[0]} here, what is a governors meeting?"})
    assert api.status_code == 200

    def outage(*args, **kwargs):  # the database fails while a chat message with a name is sent
        raise OperationalError("SELECT conversation FROM cases", {}, Exception("database is locked"))

    monkeypatch.setattr(store, "save", outage)
    failed = client.post("/en/chat", data={"csrf_token": csrf_token(page.get_data(as_text=True)), "message": message})
    assert failed.status_code == 503
    monkeypatch.undo()

    token = csrf_token(client.get("/en/letters/representations").get_data(as_text=True))
    preview = client.post("/en/letters/representations", data={
        "csrf_token": token, "parent_name": NAMES[0], "child_name": NAMES[1], "school_name": NAMES[2],
        "recipient_name": NAMES[3], "account": "She was upset because her grandmother died.",
        "requests": ["reinstatement"]})
    fields = {**preview_fields(preview.get_data(as_text=True)), "csrf_token": token}
    for chosen in ("docx", "pdf"):
        assert client.post("/en/letters/representations/download", data={**fields, "format": chosen}).status_code == 200

    save_page = client.get("/en/save")
    saved = client.post("/en/save", data={"csrf_token": csrf_token(save_page.get_data(as_text=True))})
    code = re.search(r'app-resume-code" lang="en">([0-9A-Z-]+)<', saved.get_data(as_text=True)).group(1)
    other = app.test_client()
    resume = other.get("/en/resume")
    other.post("/en/resume", data={"csrf_token": csrf_token(resume.get_data(as_text=True)), "resume_code": code})
    with client.session_transaction() as session:
        case_id = session["case_id"]
    delete = client.get("/en/delete")
    client.post("/en/delete", data={"csrf_token": csrf_token(delete.get_data(as_text=True))})

    logged = caplog.text
    assert "Database error on POST /en/chat: OperationalError" in logged  # the failure is logged, not what was sent
    for secret in (*NAMES, "Marlowe", "ADHD", "grandmother", "hit a teacher", code, code.replace("-", ""), case_id):
        assert secret not in logged, secret
