"""Shared fixtures: a real app on a real (temporary) SQLite database, and its test client."""

from __future__ import annotations

import pytest

from guidance_app import create_app


def make_app(database_url: str, **settings):
    """A real app on a real database, with the migrations applied as in production."""
    from guidance_app.cases.migrate import upgrade

    application = create_app({"TESTING": True, "SECRET_KEY": "test-secret", "DATABASE_URL": database_url,
                              **settings})
    upgrade(application.extensions["db_engine"])
    return application


@pytest.fixture
def app(tmp_path):
    return make_app(f"sqlite:///{tmp_path / 'test.sqlite3'}")


@pytest.fixture
def client(app):
    return app.test_client()
