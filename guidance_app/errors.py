"""Friendly error pages in the reader's language, and JSON errors for the API.

Why one handler for every HTTP error: whatever goes wrong, a parent sees a short page that
says what happened and what to do next, never a stack trace; API clients get JSON.
"""

from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException, InternalServerError

from .cases.sealing import SealError

log = logging.getLogger(__name__)

# (title, what to do) per status; anything else falls back to the general message.
MESSAGES = {
    400: (_l("Something was wrong with that request"),
          _l("Go back and try again. If you typed a web address, check it.")),
    403: (_l("You cannot see this page"),
          _l("Go back and try again. If you were filling in a form, your page may have been "
             "open for a long time: reload it and send it again.")),
    404: (_l("Page not found"),
          _l("If you typed the web address, check it is correct. If you pasted it, check you "
             "copied the whole address.")),
    405: (_l("Something was wrong with that request"),
          _l("Go back and try again.")),
    413: (_l("That was too much to send at once"),
          _l("Go back, make your answer shorter and send it again.")),
    429: (_l("Too many requests"),
          _l("Please wait a minute, then try again.")),
    500: (_l("Sorry, there is a problem with the service"),
          _l("Try again later. Your answers have not been lost.")),
    503: (_l("Sorry, the service is unavailable"),
          _l("Try again in a few minutes. Your answers have not been lost.")),
}


def _wants_json() -> bool:
    return request.path.startswith("/api/")


CSRF_MESSAGE = (_l("Your page could not be sent"),
                _l("The page was open for a long time, or came from another website. Go back, reload "
                   "the page and send it again. Your earlier answers are saved."))


RESEND_ADVICE = _l("We could not save what you sent. It is kept on this page: wait a minute, then "
                   "press \u201cSend again\u201d. Your earlier answers are safe.")


def render_error(code: int, reason: str | None = None, resend: bool = False):
    """The error page; with `resend`, it carries the form the user just sent (as hidden fields)
    and a button to send it again, so a failure on our side never loses what they typed."""
    title, advice = CSRF_MESSAGE if reason == "csrf" else MESSAGES.get(code, MESSAGES[500 if code >= 500 else 400])
    if _wants_json():
        return jsonify({"errors": [{"message": str(title)}]}), code
    fields = []
    if resend and request.method == "POST" and not request.files:
        fields = list(request.form.items(multi=True))
        advice = RESEND_ADVICE
    return render_template("errors/error.html", code=code, title=title, advice=advice, resend_fields=fields), code


def init_app(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        # Too many requests: the form can be sent again after a wait, so keep it on the page.
        return render_error(exc.code or 500, resend=exc.code == 429)

    @app.errorhandler(SQLAlchemyError)
    @app.errorhandler(SealError)
    def _database_unavailable(exc: Exception):
        # The type and the path only: the SQL and its parameters could hold a family's answers.
        log.error("Database error on %s %s: %s", request.method, request.path, type(exc).__name__)
        return render_error(503, resend=True)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        if isinstance(exc, HTTPException):
            return render_error(exc.code or 500)
        log.exception("Unhandled error on %s %s", request.method, request.path)
        return render_error(InternalServerError.code)
