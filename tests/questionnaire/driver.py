"""Drives the questionnaire pages with the test client, as a parent would: each page asked
is answered from the facts, or skipped when the facts do not say."""

from __future__ import annotations

import re
from typing import Any

from flask.testing import FlaskClient

CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def csrf_token(body: str) -> str:
    match = CSRF.search(body)
    assert match, "no CSRF token on the page"
    return match.group(1)


def form_fields(fact: str, value: Any) -> dict[str, Any]:
    """The form fields a parent fills in for one fact (contract section 4 names)."""
    if isinstance(value, bool):
        return {fact: "yes" if value else "no"}
    if isinstance(value, list) and value and isinstance(value[0], list):
        fields = {}
        for index, (first, last) in enumerate(value, start=1):
            for position, day in (("from", first), ("to", last)):
                year, month, date = day.split("-")
                fields.update({f"{fact}-{index}-{position}-day": str(int(date)),
                               f"{fact}-{index}-{position}-month": str(int(month)),
                               f"{fact}-{index}-{position}-year": year})
        return fields
    if isinstance(value, list):
        return {fact: value}
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        year, month, day = value.split("-")
        return {f"{fact}-day": str(int(day)), f"{fact}-month": str(int(month)), f"{fact}-year": year}
    if isinstance(value, (int, float)):
        return {fact: f"{value:g}"}
    return {fact: value}


def answer_all(client: FlaskClient, facts: dict[str, Any], locale: str = "en", limit: int = 80) -> list[str]:
    """Answer every question the flow asks; returns the facts asked, in order."""
    asked = []
    response = client.get(f"/{locale}/questions/")
    for _ in range(limit):
        location = response.headers.get("Location", "")
        if response.status_code == 302 and location.endswith("/questions/check"):
            return asked
        assert response.status_code == 302, response.status_code
        fact = location.rsplit("/", 1)[-1]
        page = client.get(location)
        assert page.status_code == 200
        data = {"csrf_token": csrf_token(page.get_data(as_text=True))}
        if fact in facts and facts[fact] is not None:
            data.update(form_fields(fact, facts[fact]))
        else:
            data["skip"] = "1"
        response = client.post(location, data=data)
        assert response.status_code == 302, (fact, response.get_data(as_text=True)[:3000])
        asked.append(fact)
    raise AssertionError("the questionnaire did not end")


def ids_on_results(client: FlaskClient, locale: str = "en") -> tuple[list[str], dict[str, str], list[str]]:
    body = client.get(f"/{locale}/results").get_data(as_text=True)
    findings = re.findall(r'data-finding-id="([^"]+)"', body)
    deadlines = dict(re.findall(r'data-deadline-id="([^"]+)" data-date="([^"]+)"', body))
    services = re.findall(r'data-service-id="([^"]+)"', body)
    return findings, deadlines, services
