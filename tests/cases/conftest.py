"""Every test of saving, resuming, deleting and purging runs on SQLite and on PostgreSQL."""

import pytest


@pytest.fixture
def app(db_app):
    return db_app
