"""Help for parents in England whose child has been suspended or permanently excluded.

`create_app` is the one way to build the web app (Flask's factory pattern): the CLI, the
tests and gunicorn (through wsgi.py) all call it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from . import core_cli, database, errors, locales, security, static_files, templating
from .application import GuidanceApp
from .config import ConfigurationError, build_config
from .knowledge import KnowledgeBaseError, knowledge_base
from .cases import cli as cases_cli
from .knowledge import cli as knowledge_cli

__all__ = ["create_app", "ConfigurationError"]


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app; raises ConfigurationError with a plain message if it cannot start."""
    app = GuidanceApp(__name__, instance_relative_config=True)
    app.config.update(build_config(app.instance_path, config))

    templating.init_app(app)
    locales.init_app(app)
    security.init_app(app)
    static_files.init_app(app)
    errors.init_app(app)
    database.init_app(app)
    try:
        app.extensions["knowledge_base"] = knowledge_base(app.config.get("CONTENT_DIR"),
                                                          app.config.get("KNOWLEDGE_SAVED_DIR"))
    except KnowledgeBaseError as error:
        raise ConfigurationError(str(error)) from None
    knowledge_cli.init_app(app)
    core_cli.init_app(app)
    cases_cli.init_app(app)

    from . import cases, guides, health, pages, questionnaire, services
    from .letters.views import bp as letters_bp
    from .chat import bp as chat_bp
    from .api import bp as api_bp

    app.register_blueprint(pages.bp)
    app.register_blueprint(guides.bp)
    app.register_blueprint(questionnaire.bp)
    app.register_blueprint(cases.bp)
    app.register_blueprint(services.bp)
    app.register_blueprint(letters_bp)
    app.register_blueprint(chat_bp)
    app.register_blueprint(health.bp)
    security.csrf.exempt(api_bp)
    app.register_blueprint(api_bp)
    return app
