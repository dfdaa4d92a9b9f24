"""Jinja set-up: our templates first, then the GOV.UK Frontend macro packages."""

from __future__ import annotations

import datetime as dt

from flask import Flask
from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader

SERVICE_NAME = _l("School exclusion help")


def app_date(value: str | dt.date) -> str:
    """A date as people read it, in the page's language: e.g. Monday 26 October 2026."""
    day = dt.date.fromisoformat(value) if isinstance(value, str) else value
    return format_date(day, "EEEE d MMMM yyyy")


def init_app(app: Flask) -> None:
    app.jinja_loader = ChoiceLoader([
        app.jinja_loader,
        PrefixLoader({
            "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
            "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
        }),
    ])
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    WTFormsHelpers(app)
    app.add_template_filter(app_date)

    @app.context_processor
    def _knowledge_base_dates() -> dict:
        kb = app.extensions.get("knowledge_base")
        return {"law_as_at": kb.law_as_at if kb else None}
    app.jinja_env.globals["service_name"] = SERVICE_NAME
