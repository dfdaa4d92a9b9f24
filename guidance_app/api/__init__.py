"""The public JSON API (contract section 3). Thin: every answer comes from the core."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, jsonify, request

from ..core import InvalidFacts, assess
from ..core.model import KnowledgeBase, Question
from ..guides import entry_url
from ..knowledge.search import search as search_kb
from ..locales import LOCALES
from ..security import api_limit, letter_limit, limiter
from ..services.directory import build_directory, check_request

bp = Blueprint("api", __name__, url_prefix="/api/v1")
# Every endpoint is limited per address (API_LIMIT); letters and the chat have their own limits.
limiter.shared_limit(api_limit, scope="api")(bp)


def _kb() -> KnowledgeBase:
    return current_app.extensions["knowledge_base"]


def _bad_request(errors: list[dict[str, str]]):
    return jsonify({"errors": errors}), 400


def _locale() -> str | None:
    locale = request.args.get("locale", "en")
    return locale if locale in LOCALES else None


def _locale_error():
    return _bad_request([{"fact": "locale", "message": f"'{request.args.get('locale')}' is not supported. "
                                                      f"Use one of: {', '.join(LOCALES)}."}])


@bp.get("/locales")
def locales():
    return jsonify({"locales": [
        {"code": loc.code, "name": loc.native_name, "english_name": loc.english_name,
         "dir": loc.direction}
        for loc in LOCALES.values()
    ]})


@bp.post("/assessment")
def assessment():
    locale = _locale()
    if locale is None:
        return _locale_error()
    facts = request.get_json(silent=True)
    if facts is None:
        return _bad_request([{"fact": "(body)", "message": "Send the facts as a JSON object with the header "
                                                           "Content-Type: application/json."}])
    try:
        result = assess(facts, locale=locale, kb=_kb())
    except InvalidFacts as exc:
        return _bad_request([error.as_dict() for error in exc.errors])
    return jsonify(result.to_json())


@bp.get("/questions")
def questions():
    locale = _locale()
    if locale is None:
        return _locale_error()
    return jsonify([question_json(q, locale) for q in _kb().questions.values()])


def question_json(question: Question, locale: str) -> dict[str, Any]:
    """One catalogue entry as the contract describes it (plus `summary` and `dont_know`)."""
    text = question.text(locale)
    labels = text.fields.get("options") or {}
    english = question.texts["en"].fields.get("options") or {}
    options = [{"value": value, "label": labels.get(value) or english.get(value, value)}
               for value in question.options]
    if question.type == "bool":
        options = [{"value": True, "label": text.fields.get("yes_label") or _yes_no(locale, True)},
                   {"value": False, "label": text.fields.get("no_label") or _yes_no(locale, False)}]
    return {"fact": question.fact, "type": question.type, "text": text.title,
            "hint": text.fields.get("hint", ""), "summary": text.fields.get("summary", ""),
            "options": options, "dont_know": question.dont_know, "show_if": question.show_if_raw}


def _yes_no(locale: str, value: bool) -> str:
    from flask_babel import force_locale, gettext

    with force_locale(locale):
        return gettext("Yes") if value else gettext("No")


@bp.get("/search")
def search():
    locale = _locale()
    if locale is None:
        return _locale_error()
    query = (request.args.get("q") or "").strip()
    if not query:
        return _bad_request([{"fact": "q", "message": "Add a question or some words to search for, e.g. ?q=governors+meeting"}])
    if len(query) > 500:
        return _bad_request([{"fact": "q", "message": "Keep the search under 500 characters."}])
    try:
        limit = min(max(int(request.args.get("limit", 5)), 1), 20)
    except ValueError:
        return _bad_request([{"fact": "limit", "message": "limit must be a whole number from 1 to 20."}])
    hits = search_kb(_kb(), query, locale=locale, limit=limit)
    return jsonify({"results": [
        {"id": hit.id, "kind": hit.kind, "title": hit.title, "url": entry_url(hit.kind, hit.id, locale),
         "score": hit.score, "snippet": hit.snippet, "locale": hit.locale}
        for hit in hits
    ]})


@bp.get("/local-authorities")
def local_authorities():
    return jsonify({"local_authorities": [
        {"id": la.id, "name": la.name, "region": la.region, "also": la.also}
        for la in _kb().local_authorities.values()
    ]})


@bp.get("/services")
def services():
    locale = _locale()
    if locale is None:
        return _locale_error()
    kb = _kb()
    needs = [need for need in request.args.getlist("need") if need]
    area = (request.args.get("local_authority") or "").strip() or None
    errors = check_request(kb, needs, area)
    if errors:
        return _bad_request(errors)
    return jsonify(build_directory(kb, locale, needs, area).to_json())


@bp.post("/letters/<kind>")
@limiter.limit(letter_limit)
def letter(kind: str):
    """A letter as a file: `{"facts": {...}, "details": {...}, "format": "docx|pdf|html|json"}`.

    Optional: `"locale"` (a translation beside each paragraph in json and html; an appendix in
    docx and pdf when `"with_translation": true`)."""
    from flask import render_template

    from ..letters.compose import compose, offered_letters
    from ..letters.details import NEEDS_DOCUMENTS, InvalidDetails, parse_details
    from ..letters.files import to_docx, to_pdf
    from ..letters.views import file_response

    kb = _kb()
    if kind not in kb.letters:
        return jsonify({"errors": [{"fact": "kind", "message": f"'{kind}' is not a letter. Use one of: "
                                                               f"{', '.join(sorted(kb.letters))}."}]}), 404
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return _bad_request([{"fact": "(body)", "message": "Send a JSON object: {\"facts\": {...}, \"details\": "
                                                           "{...}, \"format\": \"docx\"}."}])
    chosen = body.get("format", "docx")
    locale = body.get("locale", request.args.get("locale", "en"))
    errors = []
    if chosen not in ("docx", "pdf", "html", "json"):
        errors.append({"fact": "format", "message": "must be one of: docx, pdf, html, json."})
    if locale not in LOCALES:
        errors.append({"fact": "locale", "message": f"must be one of: {', '.join(LOCALES)}."})
    try:
        assessment = assess(body.get("facts") or {}, locale=locale if locale in LOCALES else "en", kb=kb).to_json()
    except InvalidFacts as exc:
        errors.extend(error.as_dict() for error in exc.errors)
        assessment = None
    try:
        details = parse_details(body.get("details"))
    except InvalidDetails as exc:
        errors.extend({"fact": f"details.{e['field']}", "message": e["message"]} for e in exc.errors)
        details = {}
    if kind in NEEDS_DOCUMENTS and not details.get("documents") and not any(
            e["fact"] == "details.documents" for e in errors):
        errors.append({"fact": "details.documents", "message": "choose at least one document to ask for."})
    if assessment is not None and kind not in [k.id for k in offered_letters(kb, assessment)]:
        template = kb.letters[kind].templates["en"]
        errors.append({"fact": "kind", "message": f"this letter does not fit these facts. It is for when you want "
                                                  f"to: {template.summary}"})
    if errors:
        return _bad_request(errors)
    result = compose(kb, kind, assessment, details, locale=locale)
    appendix = bool(body.get("with_translation"))
    if chosen == "json":
        return jsonify(result.to_json())
    if chosen == "html":
        return render_template("letters/print.html", letter=result, with_translation=result.translated,
                               appendix_title="Translation")
    if chosen == "pdf":
        return file_response(to_pdf(result, appendix, "Translation"), result.filename + ".pdf", "application/pdf")
    return file_response(to_docx(result, appendix, "Translation"), result.filename + ".docx",
                         "application/vnd.openxmlformats-officedocument.wordprocessingml.document")


def _chat_key() -> str:
    from ..chat import limit_key

    return limit_key()


@bp.post("/chat")
@limiter.limit(lambda: current_app.config["CHAT_LIMIT"], key_func=_chat_key)
def chat():
    """One turn of the chat (contract section 3). Start with no conversation_id; send the one
    returned with every later message. Rate limited like the chat page."""
    from ..chat import MAX_MESSAGE, run_turn, turn_json
    from ..cases import store

    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return _bad_request([{"fact": "(body)", "message": "Send a JSON object: {\"message\": \"...\", \"locale\": \"en\"}."}])
    message, locale = body.get("message", ""), body.get("locale", "en")
    conversation_id = body.get("conversation_id")
    errors = []
    if not isinstance(message, str):
        errors.append({"fact": "message", "message": "must be text."})
    elif len(message) > MAX_MESSAGE:
        errors.append({"fact": "message", "message": f"keep it to {MAX_MESSAGE} characters or fewer."})
    if locale not in LOCALES:
        errors.append({"fact": "locale", "message": f"must be one of: {', '.join(LOCALES)}."})
    if conversation_id is not None and (not isinstance(conversation_id, str) or not store.exists(conversation_id)):
        errors.append({"fact": "conversation_id", "message": "this conversation was not found (it may have "
                                                             "expired). Start again without a conversation_id."})
    if errors:
        return _bad_request(errors)
    from flask_babel import force_locale

    with force_locale(locale):
        case_id, turn = run_turn(conversation_id, message, locale)
    return jsonify(turn_json(case_id, turn))
