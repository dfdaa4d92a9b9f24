"""Jinja set-up: our templates first, then the GOV.UK Frontend macro packages."""

from __future__ import annotations

from flask import Flask
from govuk_frontend_wtf.main import WTFormsHelpers
from flask_babel import lazy_gettext as _l
from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader

SERVICE_NAME = _l("School exclusion help")


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

    @app.context_processor
    def _knowledge_base_dates() -> dict:
        kb = app.extensions.get("knowledge_base")
        return {"law_as_at": kb.law_as_at if kb else None}
    app.jinja_env.globals["service_name"] = SERVICE_NAME
