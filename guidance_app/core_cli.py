"""`flask assess FILE.json`: the assessment from the command line (contract section 3)."""

from __future__ import annotations

import json
import sys

import click
from flask import Flask

from .core import InvalidFacts, assess
from .locales import LOCALES


@click.command("assess")
@click.argument("facts_file", type=click.File("r", encoding="utf-8"))
@click.option("--locale", default="en", show_default=True, help="Language of the explanations.")
def assess_command(facts_file, locale: str) -> None:
    """Print the assessment of the facts in FACTS_FILE (JSON; use - for standard input)."""
    if locale not in LOCALES:
        _fail(f"--locale: '{locale}' is not supported. Use one of: {', '.join(LOCALES)}.")
    try:
        facts = json.load(facts_file)
    except json.JSONDecodeError as exc:
        _fail(f"{facts_file.name} is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno}).")
    try:
        result = assess(facts, locale=locale)
    except InvalidFacts as exc:
        for error in exc.errors:
            click.echo(f"Error: {error.fact}: {error.message}", err=True)
        sys.exit(2)
    click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))


def _fail(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(2)


def init_app(app: Flask) -> None:
    app.cli.add_command(assess_command)
