"""Save and come back later, resume with a code, and delete my answers now.

The browser keeps only a random case id in its session cookie; the answers are in the
database for CASE_RETENTION_DAYS (30 by default), then `flask cases purge` deletes them.
"""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, session, url_for
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovTextInput
from wtforms import StringField
from wtforms.validators import InputRequired, Length

from ..form_errors import error_summary
from ..security import limiter
from . import store

bp = Blueprint("cases", __name__)


class ResumeForm(FlaskForm):
    resume_code = StringField(_l("Your code"), widget=GovTextInput(),
                              validators=[InputRequired(_l("Enter the code you were given")),
                                          Length(max=40, message=_l("The code is 16 letters and numbers"))])


class ConfirmForm(FlaskForm):
    pass


def retention_days() -> int:
    return int(current_app.config.get("CASE_RETENTION_DAYS", 30))


def load_answers(answered: bool = True) -> tuple[dict, set[str]]:
    loaded = store.load(session.get("case_id"), answered)
    return loaded if loaded is not None else ({}, set())


def save_answers(answers: dict, answered: set[str]) -> None:
    session["case_id"] = store.save(session.get("case_id"), answers, answered, retention_days())


@bp.route("/<locale:lang_code>/save", methods=["GET", "POST"])
def save():
    case_id = session.get("case_id")
    if store.load(case_id) is None:
        return redirect(url_for("questionnaire.start"))
    form = ConfirmForm()
    if form.validate_on_submit():
        code = store.set_resume_code(case_id)
        return render_template("cases/saved.html", code=code, expires=store.expiry(case_id))
    return render_template("cases/save.html", form=form, days=retention_days())


def _resume_limit() -> str:
    return current_app.config["RESUME_ATTEMPTS_LIMIT"]


@bp.route("/<locale:lang_code>/resume", methods=["GET", "POST"])
@limiter.limit(_resume_limit, methods=["POST"])
def resume():
    form = ResumeForm()
    if form.validate_on_submit():
        case_id = store.find_by_code(form.resume_code.data)
        if case_id:
            session["case_id"] = case_id
            return redirect(url_for("questionnaire.check"))
        form.resume_code.errors = [_l("We could not find answers for that code. Check it and try again. "
                                      "Answers are kept for %(days)s days.", days=retention_days())]
    return render_template("cases/resume.html", form=form, errors=error_summary(form))


@bp.route("/<locale:lang_code>/delete", methods=["GET", "POST"])
def delete():
    form = ConfirmForm()
    if form.validate_on_submit():
        store.delete_case(session.pop("case_id", None))
        session.clear()
        return render_template("cases/deleted.html")
    return render_template("cases/delete.html", form=form, has_case=store.load(session.get("case_id")) is not None)
