"""The app's database connection (SQLAlchemy engine and sessions).

Why an engine per app rather than a global: tests create many apps against different
databases, and gunicorn workers each build their own after forking.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from .config import ConfigurationError


def init_app(app: Flask) -> None:
    url = make_url(app.config["DATABASE_URL"])
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    postgres = url.get_backend_name() == "postgresql"
    connect_args = {"connect_timeout": 5} if postgres else {}
    try:
        # A PostgreSQL server can drop idle connections, so each one is checked before use; a
        # SQLite file cannot, and the check would cost a query on every request.
        engine = create_engine(url, pool_pre_ping=postgres, connect_args=connect_args)
    except (ImportError, SQLAlchemyError) as exc:
        raise ConfigurationError(
            f"Cannot use DATABASE_URL ({url.render_as_string(hide_password=True)}): {exc}"
        ) from None
    if url.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_for_several_workers)
    problem = database_problem(engine)
    if problem:
        raise ConfigurationError(
            f"Cannot connect to the database at {url.render_as_string(hide_password=True)}: "
            f"{problem}. Check that the database server is running and that DATABASE_URL "
            "(address, user, password and database name) is right."
        )
    app.extensions["db_engine"] = engine
    app.extensions["db_sessionmaker"] = sessionmaker(engine, expire_on_commit=False)


def _sqlite_for_several_workers(connection, _record) -> None:
    """Several gunicorn workers share the SQLite file: write-ahead logging lets readers go on
    while one writes, and a busy timeout makes a writer wait its turn instead of failing."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def engine() -> Engine:
    return current_app.extensions["db_engine"]


def new_session() -> Session:
    return current_app.extensions["db_sessionmaker"]()


def database_problem(db_engine: Engine) -> str | None:
    """Return None when the database answers, else a one-line reason (no secrets in it)."""
    try:
        with db_engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        original = getattr(exc, "orig", None) or exc
        return str(original).strip().splitlines()[0] if str(original).strip() else type(original).__name__
    return None
