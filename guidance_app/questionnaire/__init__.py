"""The questionnaire: one question per page, check your answers, then the results.

The pages are driven by the question catalogue (content/en/questions.yaml) and the
branching in flow.py; the results come from the core's `assess`. Answers are saved in the
database case (guidance_app/cases) after every page.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, Response, abort, current_app, redirect, render_template, request, url_for
from flask_babel import format_date, gettext

from ..cases import load_answers, save_answers
from ..core import Assessment, InvalidFacts, assess
from ..core.facts import FACTS
from ..core.model import KnowledgeBase, Question
from ..form_errors import error_summary
from ..locales import current_locale
from ..templating import SERVICE_NAME, cached_page
from .calendar_file import deadlines_ics
from .flow import effective_facts, is_asked, next_question, previous_question, shown_questions
from .forms import answer_from, build_closures_form, build_form, closures_from

bp = Blueprint("questionnaire", __name__)
# Every question can be skipped: a parent who does not know should never be stuck. A
# skipped fact stays unknown, and the results say which answers would make them surer.
SKIPPABLE_TYPES = ("choice", "bool", "date", "int", "number", "list", "date_ranges")
# Questions whose answers come only from our own lists: their pages can be kept and shared
# (templating.cached_page). Dates and numbers are typed, so their pages never are.
CACHED_TYPES = ("choice", "bool", "list")


def _kb() -> KnowledgeBase:
    return current_app.extensions["knowledge_base"]


@bp.get("/<locale:lang_code>/questions/")
def start():
    answers, answered = load_answers()
    following = next_question(_kb(), answers, answered)
    if following is None:
        return redirect(url_for("questionnaire.check"))
    return redirect(url_for("questionnaire.question", fact=following.fact))


@bp.route("/<locale:lang_code>/questions/<fact>", methods=["GET", "POST"])
def question(fact: str):
    kb = _kb()
    item = kb.questions.get(fact) or abort(404)
    answers, answered = load_answers()
    if not is_asked(kb, answers, item):
        return redirect(url_for("questionnaire.start"))
    changing = request.args.get("change") == "1"
    locale = current_locale().code
    closures = FACTS[fact].type == "date_ranges"

    if request.method == "POST" and "skip" in request.form and FACTS[fact].type in SKIPPABLE_TYPES:
        answers.pop(fact, None)
        answered.add(fact)
        save_answers(answers, answered)
        return _after_answer(changing)

    if request.method == "POST":
        form = (build_closures_form(item, locale, None, formdata=request.form) if closures
                else build_form(item, locale, None, False, formdata=request.form))
        if form.validate():
            value = closures_from(form, item) if closures else answer_from(form, item)
            if not (closures and value is None):
                if value is None or value == []:
                    answers.pop(fact, None)
                else:
                    answers[fact] = value
                answered.add(fact)
                save_answers(answers, answered)
                return _after_answer(changing)
    else:
        form = None

    back = previous_question(kb, answers, fact)
    back_url = (url_for("questionnaire.check") if changing
                else url_for("questionnaire.question", fact=back.fact) if back else url_for("pages.start"))

    def context() -> dict[str, Any]:
        shown = form or (build_closures_form(item, locale, answers.get(fact)) if closures
                         else build_form(item, locale, answers.get(fact), fact in answered))
        return {"form": shown, "question": item, "text": item.text(locale), "fact_type": FACTS[fact].type,
                "back_url": back_url, "changing": changing, "long_list": bool(FACTS[fact].values_from),
                "uses_autocomplete": bool(FACTS[fact].values_from),
                "skippable": FACTS[fact].type in SKIPPABLE_TYPES, "errors": error_summary(shown)}

    if form is None and FACTS[fact].type in CACHED_TYPES:
        # The same question with the same answer ticked is the same page for every family.
        return cached_page("questionnaire/question.html",
                           [fact, answers.get(fact), fact in answered, back_url, changing], context)
    return render_template("questionnaire/question.html", **context())


def _after_answer(changing: bool):
    """Back to the check page after a change; otherwise on to the next question to ask."""
    if changing:
        return redirect(url_for("questionnaire.check"))
    return start()


@bp.get("/<locale:lang_code>/questions/check")
def check():
    kb = _kb()
    answers, answered = load_answers()
    locale = current_locale().code
    rows = []
    for item in shown_questions(kb, answers):
        if item.fact not in answered:
            continue
        rows.append({"question": item, "text": item.text(locale),
                     "answer": display_answer(item, answers.get(item.fact), locale),
                     "change_url": url_for("questionnaire.question", fact=item.fact, change="1")})
    unanswered = next_question(kb, answers, answered)
    return render_template("questionnaire/check.html", rows=rows, unanswered=unanswered)


def case_assessment() -> Assessment:
    """The assessment of this browser's case; raises InvalidFacts for contradictory answers."""
    kb = _kb()
    answers, _ = load_answers(answered=False)
    return assess(effective_facts(kb, answers), locale=current_locale().code, kb=kb)


@bp.get("/<locale:lang_code>/results")
def results():
    try:
        data = case_assessment().to_json()
    except InvalidFacts as exc:
        # Answers that contradict each other (e.g. a decision dated before the exclusion):
        # show them on the check page with the fact named, and keep every answer.
        return render_template("questionnaire/check.html", rows=[], unanswered=None,
                               contradictions=exc.errors), 400
    from ..letters.compose import offered_letters

    findings = data["findings"]
    return render_template("questionnaire/results.html", result=data, kb=_kb(),
                           letters=offered_letters(_kb(), data), by_severity=_by_severity(findings),
                           lead_deadline=_lead(data["deadlines"]),
                           steps=[finding for finding in findings if finding["next_step"]],
                           governors=any(finding["id"] in GOVERNORS_FINDINGS for finding in findings))


# Findings that mean the family will put their case to the governors: the results link to
# the guide on preparing what to say.
GOVERNORS_FINDINGS = frozenset({"governors_must_consider_reinstatement", "governors_meeting_on_request",
                                "governors_consider_representations", "independent_review_panel_right"})


# The date a parent must act on first, when nothing looks unlawful: their own deadlines and
# the meeting that decides whether their child goes back come before the others.
LEAD_ORDER = ("irp_application_by", "exam_meeting_by", "governors_meeting_by", "reconsideration_by",
              "irp_hearing_by", "governors_meeting_on_request_by", "provision_from", "return_date",
              "tribunal_claim_by", "first_five_days_end")


def _lead(deadlines: list[dict]) -> dict | None:
    by_id = {deadline["id"]: deadline for deadline in deadlines}
    return next((by_id[i] for i in LEAD_ORDER if i in by_id), deadlines[0] if deadlines else None)


@bp.get("/<locale:lang_code>/results/key-dates.ics")
def calendar_file():
    """The results' dates as a calendar file; the same assessment as the results page."""
    try:
        data = case_assessment().to_json()
    except InvalidFacts:
        return redirect(url_for("questionnaire.results"))
    body = deadlines_ics(data["deadlines"], str(SERVICE_NAME), dt.datetime.now(dt.timezone.utc))
    return Response(body, mimetype="text/calendar",
                    headers={"Content-Disposition": "attachment; filename=key-dates.ics",
                             "Cache-Control": "no-store"})


def _by_severity(findings: list[dict]) -> dict[str, list[dict]]:
    groups: dict[str, list[dict]] = {"likely_unlawful": [], "check": [], "right": [], "info": []}
    for finding in findings:
        groups[finding["severity"]].append(finding)
    return groups


def display_answer(item: Question, value: Any, locale: str) -> str:
    """An answer written for people, in their language."""
    if value is None:
        return gettext("I don't know") if item.dont_know or FACTS[item.fact].type in ("choice", "bool") \
            else gettext("Not given")
    kind = FACTS[item.fact].type
    options = item.text(locale).fields.get("options") or {}
    english = item.texts["en"].fields.get("options") or {}
    if kind == "bool":
        return gettext("Yes") if value else gettext("No")
    if kind == "choice":
        return options.get(value) or english.get(value, value)
    if kind == "list":
        return "; ".join(options.get(v) or english.get(v, v) for v in value) or gettext("None of these")
    if kind == "date":
        return format_date(dt.date.fromisoformat(value), "d MMMM yyyy")
    if kind == "date_ranges":
        return "; ".join(gettext("%(first)s to %(last)s", first=format_date(dt.date.fromisoformat(a), "d MMMM yyyy"),
                                 last=format_date(dt.date.fromisoformat(b), "d MMMM yyyy")) for a, b in value)
    return f"{value:g}"
