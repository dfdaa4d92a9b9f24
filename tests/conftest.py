"""Shared fixtures: a real app on a real (temporary) SQLite database, and its test client."""

from __future__ import annotations

import pytest

from guidance_app import create_app


@pytest.fixture
def app(tmp_path):
    return create_app({
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'test.sqlite3'}",
    })


@pytest.fixture
def client(app):
    return app.test_client()
