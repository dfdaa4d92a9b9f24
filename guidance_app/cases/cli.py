"""`flask cases upgrade` (create or update the tables) and `flask cases purge`."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext

from . import store
from .migrate import upgrade

cases_cli = AppGroup("cases", help="Saved cases: database upgrades and removing expired cases.")


@cases_cli.command("upgrade")
@with_appcontext
def upgrade_command() -> None:
    """Create or update the database tables to the latest version."""
    upgrade(current_app.extensions["db_engine"])
    click.echo("Database is up to date.")


@cases_cli.command("purge")
@with_appcontext
def purge_command() -> None:
    """Delete every case past its retention date (run daily, e.g. from cron)."""
    removed = store.purge_expired()
    click.echo(f"Deleted {removed} expired case(s).")


def init_app(app: Flask) -> None:
    app.cli.add_command(cases_cli)
