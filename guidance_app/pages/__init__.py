"""The start page and the short pages linked from every footer."""

import datetime as dt

from flask import Blueprint, redirect, render_template, request, url_for

from ..locales import negotiate

# When the accessibility statement last matched what tests/browser/test_accessibility_axe.py
# and the keyboard test check. Change it when you change the statement.
STATEMENT_DATE = dt.date(2026, 11, 23)

bp = Blueprint("pages", __name__)


@bp.get("/")
def root():
    """Send a visitor to the start page in the best language their browser asks for."""
    response = redirect(url_for("pages.start", lang_code=negotiate(request)))
    response.headers["Vary"] = "Accept-Language"
    return response


@bp.get("/<locale:lang_code>/")
def start():
    return render_template("pages/start.html")


@bp.get("/<locale:lang_code>/privacy")
def privacy():
    return render_template("pages/privacy.html")


@bp.get("/<locale:lang_code>/accessibility")
def accessibility():
    return render_template("pages/accessibility.html", statement_date=STATEMENT_DATE)


@bp.get("/<locale:lang_code>/cookies")
def cookies():
    return render_template("pages/cookies.html")


@bp.get("/favicon.ico")
def favicon():
    return redirect(url_for("static", filename="favicon.svg"), code=301)
