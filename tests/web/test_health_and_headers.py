"""The health endpoint and the security headers every page carries."""

import re

from sqlalchemy import create_engine


def test_healthz_reports_app_and_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "app": "ok", "database": "ok"}


def test_healthz_is_503_when_the_database_cannot_be_reached(app, client, tmp_path):
    app.extensions["db_engine"] = create_engine(f"sqlite:///{tmp_path}/missing/dir/db.sqlite3")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"] == "unreachable"


def test_inline_script_carries_the_csp_nonce(client):
    response = client.get("/en/")
    csp = response.headers["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", csp).group(1)
    body = response.get_data(as_text=True)
    assert f'<script nonce="{nonce}">' in body
    assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
