"""Shared fixtures: a real app on a real database, and its test client.

Most tests use a temporary SQLite file (`app`). Tests of what the database keeps use `db_app`,
which runs each test twice: on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set
(`.ci/run` starts a PostgreSQL server and sets it, so CI proves both on every submission).
"""

from __future__ import annotations

import os

import pytest
from sqlalchemy import create_engine, text

from guidance_app import create_app


def make_app(database_url: str, **settings):
    """A real app on a real database, with the migrations applied as in production."""
    from guidance_app.cases.migrate import upgrade

    application = create_app({"TESTING": True, "SECRET_KEY": "test-secret", "DATABASE_URL": database_url,
                              **settings})
    upgrade(application.extensions["db_engine"])
    return application


def postgres_url() -> str:
    """The PostgreSQL test database, emptied; skips (fails under CI=true) when there is none."""
    url = os.environ.get("TEST_DATABASE_URL", "").strip()
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail("TEST_DATABASE_URL is not set under CI=true: .ci/run should start PostgreSQL and set it.")
        pytest.skip("set TEST_DATABASE_URL=postgresql://... to run the database tests on PostgreSQL too")
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.sqlite3'}"
    return postgres_url()


@pytest.fixture
def app(tmp_path):
    application = make_app(f"sqlite:///{tmp_path / 'test.sqlite3'}")
    yield application
    application.extensions["db_engine"].dispose()


@pytest.fixture
def db_app(database_url):
    """The app on each database backend in turn (see the module docstring)."""
    application = make_app(database_url)
    yield application
    application.extensions["db_engine"].dispose()


@pytest.fixture
def client(app):
    return app.test_client()
