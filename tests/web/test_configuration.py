"""Start-up problems give a plain message saying what to fix, never a stack trace."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from guidance_app import ConfigurationError, create_app

ROOT = Path(__file__).resolve().parents[2]


def test_production_without_secret_key_refuses_to_start(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigurationError, match="SECRET_KEY is not set"):
        create_app({"APP_ENV": "production", "DATABASE_URL": f"sqlite:///{tmp_path}/x.db"})


def test_development_generates_and_keeps_a_key(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    from guidance_app.config import build_config
    first = build_config(str(tmp_path), {"APP_ENV": "development"}, environ={})
    second = build_config(str(tmp_path), {"APP_ENV": "development"}, environ={})
    assert first["SECRET_KEY"] == second["SECRET_KEY"] and len(first["SECRET_KEY"]) >= 32


@pytest.mark.parametrize("url,message", [
    ("not a url at all", "not a database address"),
    ("mysql://user@localhost/db", "does not support"),
    ("postgresql://user:secret@127.0.0.1:1/nothing", "Cannot connect to the database"),
    ("postgresql://user@localhost", "does not name a database"),
])
def test_bad_database_url_is_a_clear_start_up_error(url, message):
    with pytest.raises(ConfigurationError, match=message) as caught:
        create_app({"TESTING": True, "DATABASE_URL": url})
    assert "secret" not in str(caught.value)  # passwords are never echoed


def test_unknown_app_env_is_reported():
    with pytest.raises(ConfigurationError, match="APP_ENV"):
        create_app({"APP_ENV": "staging"})


def run_python(code: str, env_extra: dict) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if k not in ("SECRET_KEY", "DATABASE_URL", "APP_ENV", "CASE_ENCRYPTION_KEYS")}
    env.update(env_extra)
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)


def test_wsgi_entry_point_prints_the_message_without_a_traceback(tmp_path):
    result = run_python("import wsgi", {"DATABASE_URL": f"sqlite:///{tmp_path}/x.db"})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_wsgi_entry_point_needs_an_encryption_key_in_production(tmp_path):
    result = run_python("import wsgi", {"DATABASE_URL": f"sqlite:///{tmp_path}/x.db", "SECRET_KEY": "k" * 40})
    assert result.returncode != 0
    assert "CASE_ENCRYPTION_KEYS is not set" in result.stderr and "cases new-key" in result.stderr
    assert "Traceback" not in result.stderr


def test_wsgi_entry_point_starts_in_production_with_its_keys(tmp_path):
    from guidance_app.cases.sealing import new_key

    result = run_python("import wsgi; print(wsgi.app.config['APP_ENV'])",
                        {"DATABASE_URL": f"sqlite:///{tmp_path}/x.db", "SECRET_KEY": "k" * 40,
                         "CASE_ENCRYPTION_KEYS": new_key()})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "production"


def test_flask_cli_prints_the_message_without_a_traceback(tmp_path):
    flask = str(Path(sys.executable).with_name("flask"))
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "APP_ENV")}
    env["DATABASE_URL"] = "mysql://nobody@localhost/db"
    result = subprocess.run([flask, "--app", "guidance_app", "routes"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "does not support" in result.stderr
    assert "Traceback" not in result.stderr
