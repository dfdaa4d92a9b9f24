"""The letter builder: choose a letter, give the details the case does not have, then read,
edit, print or download it.

Why nothing is stored: names and a parent's account are the most personal things in the app.
The details form posts straight to the preview, and the preview posts the (edited) letter
straight to the download. The case in the database keeps only the facts, as before.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, Response, abort, current_app, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCheckboxesInput, GovTextArea, GovTextInput
from wtforms import SelectMultipleField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length

from ..core import InvalidFacts
from ..core.model import KnowledgeBase
from ..form_errors import error_summary
from ..locales import current_locale
from ..security import letter_limit, limiter
from .compose import BLOCK_KINDS, Letter, LetterBlock, compose, offered_letters
from .details import DETAILS, NEEDS_DOCUMENTS, REQUIRED, clean_text, parse_details
from .files import to_docx, to_pdf

bp = Blueprint("letters", __name__)
MAX_BLOCKS = 300

LABELS = {
    "parent_name": (_l("Your full name"), ""),
    "parent_address": (_l("Your address (optional)"), _l("It goes at the top of the letter.")),
    "parent_contact": (_l("Your phone number or email (optional)"), _l("So the school can reply to you.")),
    "child_name": (_l("Your child's full name"), ""),
    "year_group": (_l("Your child's year group (optional)"), _l("For example, Year 9")),
    "school_name": (_l("Name of the school (optional)"), ""),
    "headteacher_name": (_l("Head teacher's name (optional)"), ""),
    "chair_name": (_l("Name of the chair of governors (optional)"),
                   _l("The school's website or office can tell you. If you leave it out, the letter says "
                      "\"Dear Chair of Governors\".")),
    "account": (_l("What happened, in your own words (optional)"),
                _l("Say what happened before and on the day, and anything the school has left out. Keep to "
                   "facts. Leave a blank line between paragraphs.")),
    "child_views": (_l("What your child says about it (optional)"),
                    _l("The governors must think about your child's views. Write them down as your child "
                       "told you.")),
    "interpreter_language": (_l("Which language do you need an interpreter for? (optional)"), ""),
}
FIELDS_BY_KIND = {
    "representations": ("parent_name", "parent_address", "parent_contact", "child_name", "year_group",
                        "school_name", "chair_name", "account", "child_views", "requests",
                        "interpreter_language", "documents"),
    "information_request": ("parent_name", "parent_address", "parent_contact", "child_name", "year_group",
                            "school_name", "headteacher_name", "documents"),
    "irp_application": ("parent_name", "parent_address", "parent_contact", "child_name", "year_group",
                        "school_name", "account", "child_views", "requests", "interpreter_language"),
}


def _kb() -> KnowledgeBase:
    return current_app.extensions["knowledge_base"]


def _assessment() -> dict[str, Any] | None:
    from ..questionnaire import case_assessment

    try:
        return case_assessment().to_json()
    except InvalidFacts:
        return None


@bp.get("/<locale:lang_code>/letters/")
def index():
    assessment = _assessment()
    if assessment is None:
        return redirect(url_for("questionnaire.results"))
    locale = current_locale().code
    offered = offered_letters(_kb(), assessment)
    return render_template("letters/index.html", letters=[kind.template(locale) for kind in offered],
                           english={kind.id for kind in offered if locale != "en" and locale not in kind.templates},
                           answered=bool(assessment["facts"]))


def build_form(kind_id: str, locale: str, formdata=None) -> FlaskForm:
    template = _kb().letters[kind_id].template(locale)

    class DetailsForm(FlaskForm):
        pass

    for name in FIELDS_BY_KIND[kind_id]:
        spec = DETAILS[name]
        if spec.options:
            labels = template.requests if name == "requests" else template.documents
            heading = _l("What do you want to ask for?") if name == "requests" else _l("Which documents do you want to see?")
            checks = ([InputRequired(message=_l("Choose at least one document to ask for"))]
                      if name == "documents" and kind_id in NEEDS_DOCUMENTS else [])
            field = SelectMultipleField(heading, choices=[(key, _sentence(label)) for key, label in labels.items()],
                                        widget=GovCheckboxesInput(), validate_choice=False, validators=checks)
        else:
            label, hint = LABELS[name]
            checks = [Length(max=spec.max_length, message=_l("Keep this to %(max)d characters or fewer",
                                                             max=spec.max_length))]
            if name in REQUIRED:
                checks.insert(0, InputRequired(message=_l("Enter %(what)s", what=str(label).lower())))
            kind = TextAreaField if spec.multiline else StringField
            field = kind(label, validators=checks, description=hint,
                         widget=GovTextArea() if spec.multiline else GovTextInput())
        setattr(DetailsForm, name, field)
    return DetailsForm(formdata=formdata)


def _sentence(label: str) -> str:
    text = label.replace("{interpreter_language}", "…")
    return text[:1].upper() + text[1:]


@bp.route("/<locale:lang_code>/letters/<kind_id>", methods=["GET", "POST"])
def details(kind_id: str):
    kb = _kb()
    if kind_id not in kb.letters:
        abort(404)
    assessment = _assessment()
    if assessment is None:
        return redirect(url_for("questionnaire.results"))
    locale = current_locale().code
    template = kb.letters[kind_id].template(locale)
    fits = kind_id in [kind.id for kind in offered_letters(kb, assessment)]
    form = build_form(kind_id, locale, formdata=request.form if request.method == "POST" else None)
    if request.method == "POST" and form.validate():
        letter = compose(kb, kind_id, assessment, parse_details(_answers(form, kind_id)), locale=locale)
        return render_template("letters/preview.html", letter=letter, template=template, kind_id=kind_id)
    return render_template("letters/details.html", form=form, template=template, kind_id=kind_id, fits=fits,
                           in_english=locale != "en" and locale not in kb.letters[kind_id].templates,
                           errors=error_summary(form), fields=FIELDS_BY_KIND[kind_id])


def _answers(form: FlaskForm, kind_id: str) -> dict[str, Any]:
    """The details typed, keeping only the options this letter offers (a changed page may send others)."""
    raw: dict[str, Any] = {}
    for name in FIELDS_BY_KIND[kind_id]:
        field = getattr(form, name)
        offered = {key for key, _ in getattr(field, "choices", None) or ()}
        raw[name] = [item for item in field.data or () if item in offered] if offered else field.data
    return raw


def letter_from_form(kind_id: str, locale: str) -> Letter | None:
    """The letter as the parent left it in the preview boxes (None if the form is not usable)."""
    template = _kb().letters[kind_id].template(locale)
    blocks = []
    for index in range(MAX_BLOCKS):
        kind = request.form.get(f"kind-{index}")
        if kind is None:
            break
        if kind not in BLOCK_KINDS:
            return None
        text = clean_text(request.form.get(f"text-{index}", ""), multiline=True)[:6000]
        translation = clean_text(request.form.get(f"translation-{index}", ""), multiline=True)[:6000]
        number = request.form.get(f"number-{index}", "0")
        if text:
            blocks.append(LetterBlock(kind, text, translation, int(number) if number.isdigit() else 0))
    if not blocks:
        return None
    filename = _kb().letters[kind_id].filename_on(dt.date.today())
    return Letter(kind=kind_id, title=template.title, filename=filename, blocks=blocks, locale=locale,
                  translated=any(block.translation for block in blocks))


@bp.post("/<locale:lang_code>/letters/<kind_id>/download")
@limiter.limit(letter_limit)
def download(kind_id: str):
    if kind_id not in _kb().letters:
        abort(404)
    form = FlaskForm()  # checks the CSRF token
    if not form.validate():
        abort(400)
    locale = current_locale().code
    letter = letter_from_form(kind_id, locale)
    if letter is None:
        return redirect(url_for("letters.details", kind_id=kind_id))
    with_translation = request.form.get("with_translation") == "1"
    appendix_title = str(_l("Translation for you to read (not part of the letter)"))
    chosen = request.form.get("format", "docx")
    if chosen == "print":
        return render_template("letters/print.html", letter=letter, with_translation=with_translation,
                               appendix_title=appendix_title)
    if chosen == "pdf":
        return file_response(to_pdf(letter, with_translation, appendix_title), letter.filename + ".pdf",
                             "application/pdf")
    return file_response(to_docx(letter, with_translation, appendix_title), letter.filename + ".docx",
                         "application/vnd.openxmlformats-officedocument.wordprocessingml.document")


def file_response(body: bytes, filename: str, mimetype: str) -> Response:
    return Response(body, mimetype=mimetype, headers={
        "Content-Disposition": f"attachment; filename={filename}", "Cache-Control": "no-store"})
