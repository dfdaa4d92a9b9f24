"""The "Who can help" pages: every support service, with filters and local help by council.

The list works without JavaScript (a GET form of checkboxes and a council list). The council
a family picks is saved in their case, as the `local_authority` fact, so the questionnaire and
the results use it too.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request

from ..cases import load_answers, save_answers
from ..core.model import KnowledgeBase
from ..locales import current_locale
from .directory import FILTERS, build_directory, check_request

bp = Blueprint("services", __name__)


def _kb() -> KnowledgeBase:
    return current_app.extensions["knowledge_base"]


@bp.get("/<locale:lang_code>/help/")
def index():
    kb = _kb()
    needs = [need for need in request.args.getlist("need") if need]
    submitted = "area" in request.args
    area = (request.args.get("area") or "").strip()
    answers, answered = load_answers()
    if not submitted:
        area = answers.get("local_authority") or ""
    errors = check_request(kb, needs, area)
    area_error = next((e for e in errors if e["fact"] == "local_authority"), None)
    if area_error:
        area = ""
    elif submitted:
        _remember_council(area, answers, answered)
    directory = build_directory(kb, current_locale().code, needs, area or None)
    return render_template("services/index.html", directory=directory, kb=kb, filters=FILTERS,
                           chosen=set(directory.needs), area_error=area_error,
                           bad_needs=[e for e in errors if e["fact"] == "need"],
                           typed_area=request.args.get("area", "") if area_error else "",
                           uses_autocomplete=True), 400 if errors else 200


def _remember_council(area: str, answers: dict, answered: set[str]) -> None:
    """Keep the family's council in their case; a new case only when they chose one."""
    if area == (answers.get("local_authority") or ""):
        return
    if area:
        answers["local_authority"] = area
        answered.add("local_authority")
    elif "local_authority" in answers:
        answers.pop("local_authority")
    else:
        return
    save_answers(answers, answered)


@bp.get("/<locale:lang_code>/help/<service_id>")
def service(service_id: str):
    kb = _kb()
    entry = kb.services.get(service_id) or abort(404)
    locale = current_locale().code
    return render_template("services/service.html", entry=entry, card=entry.as_json(locale), kb=kb,
                           text=entry.text(locale), shown_in_english=locale != "en" and locale not in entry.texts)
