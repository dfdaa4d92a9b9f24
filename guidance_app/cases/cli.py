"""`flask cases upgrade` (create or update the tables), `flask cases purge`, and the
encryption key commands `flask cases new-key` and `flask cases reseal`."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext

from . import store
from .sealing import SealError, new_key

cases_cli = AppGroup("cases", help="Saved cases: database upgrades and removing expired cases.")


@cases_cli.command("upgrade")
@with_appcontext
def upgrade_command() -> None:
    """Create or update the database tables to the latest version."""
    from .migrate import upgrade  # Alembic is needed by this command only, not when the app starts

    upgrade(current_app.extensions["db_engine"])
    sealed = _reseal(only_plain=True)
    click.echo("Database is up to date." + (f" Encrypted {sealed} case(s) saved before encryption." if sealed else ""))


@cases_cli.command("new-key")
def new_key_command() -> None:
    """Print a new key for CASE_ENCRYPTION_KEYS."""
    click.echo(new_key())


@cases_cli.command("reseal")
@with_appcontext
def reseal_command() -> None:
    """Encrypt every saved case again with the first key in CASE_ENCRYPTION_KEYS.

    To change key: put the new key first and keep the old one after it
    (CASE_ENCRYPTION_KEYS=new,old), run this, then remove the old key."""
    click.echo(f"Encrypted {_reseal(only_plain=False)} case(s) with the first key.")


def _reseal(only_plain: bool) -> int:
    try:
        return store.reseal_all(only_plain=only_plain)
    except SealError as error:
        raise click.ClickException(
            f"{error}. Put every key that was used before into CASE_ENCRYPTION_KEYS "
            "(newest first, separated by commas) and run the command again.") from None


@cases_cli.command("purge")
@with_appcontext
def purge_command() -> None:
    """Delete every case past its retention date (run daily, e.g. from cron)."""
    removed = store.purge_expired()
    click.echo(f"Deleted {removed} expired case(s).")


def init_app(app: Flask) -> None:
    app.cli.add_command(cases_cli)
