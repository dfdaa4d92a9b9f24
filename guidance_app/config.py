"""Configuration from environment variables, checked once at start-up.

Why checked here: a parent should never meet a stack trace because the server was set up
wrongly. Every problem we can detect before serving becomes a ConfigurationError whose
message says what is wrong and how to fix it.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import click
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

ENVIRONMENTS = ("production", "development", "testing")
SUPPORTED_DATABASES = ("sqlite", "postgresql")


class ConfigurationError(click.ClickException):
    """The app cannot start as configured; the message tells the operator what to change.

    A ClickException so that `flask --app guidance_app ...` prints the message as a plain
    "Error: ..." line instead of a traceback; wsgi.py does the same for gunicorn.
    """


def build_config(instance_path: str, overrides: Mapping[str, Any] | None = None,
                 environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Return the settings for one app, from the environment then `overrides` (tests)."""
    env = os.environ if environ is None else environ
    overrides = dict(overrides or {})

    # wsgi.py (the production entry point) defaults APP_ENV to production; the flask CLI
    # and `make run` default to development, where a generated key is acceptable.
    app_env = overrides.pop("APP_ENV", None) or env.get("APP_ENV", "development")
    if overrides.get("TESTING"):
        app_env = "testing"
    if app_env not in ENVIRONMENTS:
        raise ConfigurationError(
            f"APP_ENV is set to {app_env!r}. Use one of: {', '.join(ENVIRONMENTS)}."
        )

    config: dict[str, Any] = {
        "APP_ENV": app_env,
        "TESTING": app_env == "testing",
        "SERVICE_OPERATOR": env.get("SERVICE_OPERATOR", ""),
        "CONTACT_EMAIL": env.get("CONTACT_EMAIL", ""),
        "PREFERRED_URL_SCHEME": env.get("PREFERRED_URL_SCHEME", "http"),
        "MAX_CONTENT_LENGTH": 1024 * 1024,
        "RATELIMIT_STORAGE_URI": env.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RESUME_ATTEMPTS_LIMIT": env.get("RESUME_ATTEMPTS_LIMIT", "10 per hour"),
        "CHAT_LIMIT": env.get("CHAT_LIMIT", "60 per minute"),
        "API_LIMIT": env.get("API_LIMIT", "1200 per minute"),
        "LETTER_LIMIT": env.get("LETTER_LIMIT", "60 per minute"),
        "PROXY_COUNT": _count(env.get("PROXY_COUNT", "0"), "PROXY_COUNT"),
        "CASE_RETENTION_DAYS": _positive_int(env.get("CASE_RETENTION_DAYS", "30"), "CASE_RETENTION_DAYS"),
        # The privacy notice promises this; set your log rotation to match.
        "LOG_RETENTION_DAYS": _positive_int(env.get("LOG_RETENTION_DAYS", "14"), "LOG_RETENTION_DAYS"),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        # Secure cookies in production; SESSION_COOKIE_SECURE=false only for a trial over plain
        # HTTP on loopback (the load test does this).
        "SESSION_COOKIE_SECURE": _flag(env.get("SESSION_COOKIE_SECURE"), app_env == "production",
                                       "SESSION_COOKIE_SECURE"),
    }
    # The checked knowledge base is saved here between starts (knowledge/saved.py); set it empty
    # to load content/ every time. Tests load it fresh unless they ask.
    saved = env.get("KNOWLEDGE_SAVED_DIR", str(Path(instance_path) / "cache"))
    config["KNOWLEDGE_SAVED_DIR"] = saved if saved and app_env != "testing" else None
    config.update(overrides)
    for name in LIMIT_SETTINGS:
        _check_limit(config[name], name)

    config["SECRET_KEY"] = config.get("SECRET_KEY") or env.get("SECRET_KEY") or _fallback_secret_key(
        app_env, instance_path)
    config["CASE_ENCRYPTION_KEYS"] = _encryption_keys(
        config.get("CASE_ENCRYPTION_KEYS") or env.get("CASE_ENCRYPTION_KEYS", ""), app_env, instance_path)
    raw_url = config.get("DATABASE_URL") or env.get("DATABASE_URL") or default_database_url(instance_path)
    config["DATABASE_URL"] = normalise_database_url(raw_url)
    return config


LIMIT_SETTINGS = ("RESUME_ATTEMPTS_LIMIT", "CHAT_LIMIT", "API_LIMIT", "LETTER_LIMIT")


def _check_limit(raw: str, name: str) -> None:
    from limits import parse_many

    try:
        if not parse_many(raw):
            raise ValueError
    except ValueError:
        raise ConfigurationError(
            f"{name} is {raw!r}, which is not a rate limit. Write it like '60 per minute' or "
            "'10 per hour' (several separated by ';').") from None


def _flag(raw: str | None, default: bool, name: str) -> bool:
    if raw is None or not raw.strip():
        return default
    if raw.strip().lower() in ("1", "true", "yes", "on"):
        return True
    if raw.strip().lower() in ("0", "false", "no", "off"):
        return False
    raise ConfigurationError(f"{name} must be true or false (got {raw!r}).")


def _count(raw: str, name: str) -> int:
    if not raw.strip().isdigit():
        raise ConfigurationError(f"{name} must be a whole number, 0 or more (got {raw!r}).")
    return int(raw)


def _positive_int(raw: str, name: str) -> int:
    if not raw.strip().isdigit() or int(raw) < 1:
        raise ConfigurationError(f"{name} must be a whole number of days, 1 or more (got {raw!r}).")
    return int(raw)


def default_database_url(instance_path: str) -> str:
    return "sqlite:///" + str(Path(instance_path) / "guidance.sqlite3")


def _fallback_secret_key(app_env: str, instance_path: str) -> str:
    if app_env == "production":
        raise ConfigurationError(
            "SECRET_KEY is not set. In production the app needs a long random secret to sign "
            "its cookies. Set it, for example: export SECRET_KEY=\"$(python3 -c "
            "'import secrets; print(secrets.token_hex(32))')\". For a local trial run use "
            "`make run`, which starts the app in development mode with a generated key."
        )
    if app_env == "testing":
        return secrets.token_hex(32)
    # Development: keep one generated key in instance/ so sessions survive a restart.
    return _dev_key(Path(instance_path) / "dev-secret-key", lambda: secrets.token_hex(32))


def _dev_key(key_file: Path, make: Callable[[], str]) -> str:
    """A key generated once for development and kept in instance/, readable only by its owner."""
    if not key_file.exists():
        key_file.parent.mkdir(parents=True, exist_ok=True)
        key_file.write_text(make())
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def _encryption_keys(raw: str | list[str], app_env: str, instance_path: str) -> list[str]:
    """The keys that seal saved answers: the first seals, all open (see cases/sealing.py)."""
    from .cases.sealing import check_key, new_key

    keys = [key.strip() for key in (raw.split(",") if isinstance(raw, str) else raw) if key.strip()]
    for position, key in enumerate(keys, start=1):
        problem = check_key(key)
        if problem:
            raise ConfigurationError(
                f"CASE_ENCRYPTION_KEYS: key number {position} cannot be used: {problem}. Make a new key "
                "with `.venv/bin/flask --app guidance_app cases new-key`.")
    if keys:
        return keys
    if app_env == "production":
        raise ConfigurationError(
            "CASE_ENCRYPTION_KEYS is not set. In production the app encrypts saved answers with a key "
            "that you keep outside the database. Make one with `.venv/bin/flask --app guidance_app "
            "cases new-key` and set CASE_ENCRYPTION_KEYS to it. Keep a copy safe: without it saved "
            "cases cannot be read.")
    if app_env == "testing":
        return [new_key()]
    return [_dev_key(Path(instance_path) / "dev-encryption-key", new_key)]


def normalise_database_url(raw: str) -> str:
    """Check DATABASE_URL and pick the driver we install for PostgreSQL (psycopg 3)."""
    hint = ("Use postgresql://USER:PASSWORD@HOST:5432/DATABASE for PostgreSQL, or leave "
            "DATABASE_URL unset to use SQLite in the instance/ folder.")
    try:
        url: URL = make_url(raw.strip())
    except ArgumentError:
        raise ConfigurationError(f"DATABASE_URL is not a database address we can read. {hint}") from None
    backend = url.get_backend_name()
    if backend == "postgres":  # Heroku-style scheme
        url = url.set(drivername="postgresql")
        backend = "postgresql"
    if backend not in SUPPORTED_DATABASES:
        raise ConfigurationError(
            f"DATABASE_URL uses {backend!r}, which this app does not support. {hint}"
        )
    if backend == "postgresql" and url.get_driver_name() in ("", "psycopg2", "postgresql"):
        url = url.set(drivername="postgresql+psycopg")
    if backend == "postgresql" and not url.database:
        raise ConfigurationError(f"DATABASE_URL does not name a database. {hint}")
    return url.render_as_string(hide_password=False)
