"""`flask kb check`: check the knowledge base the way the app does at start-up."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup

from . import content_dir, load
from .problems import ERROR, MISSING, STALE, WARNING, Problem

kb_cli = AppGroup("kb", help="Work with the knowledge base in content/.")


@kb_cli.command("check")
@click.option("--content", "folder", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Check another content folder (default: content/).")
@click.option("--strict", is_flag=True, help="Also fail on warnings and when any translation is missing.")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Date the check as if run on this day (YYYY-MM-DD), e.g. to see which service "
                   "details will need checking again by then.")
def check(folder: Path | None, strict: bool, today) -> None:
    """Check every file in content/. Exits 1 on errors or out-of-date translations.

    Warnings (such as service details last checked more than 18 months ago) are printed but
    do not fail the check unless --strict is given."""
    # Imported here: textstat is needed by this command only, not when the app starts.
    from .readability import MAX_GRADE, median_grade, scores

    root = folder or content_dir()
    kb, problems = load(root, today=today.date() if today else None)
    errors = [p for p in problems if p.level == ERROR]
    stale = [p for p in problems if p.level == STALE]
    missing = [p for p in problems if p.level == MISSING]
    warnings = [p for p in problems if p.level == WARNING]
    readability = scores(kb) if kb is not None else []
    warnings += [Problem(item.path, "(body)", f"reads at grade {item.grade:.1f} (a reading age of about "
                                               f"{item.grade + 5:.0f}); keep it at grade {MAX_GRADE:g} or below: "
                                               "shorter sentences and everyday words, and explain each legal term "
                                               "the first time it appears.", WARNING)
                 for item in readability if item.grade > MAX_GRADE]
    for problem in errors + stale + warnings:
        click.echo(str(problem), err=True)
    if kb is not None:
        entries = (len(kb.rules) + len(kb.routes) + len(kb.deadlines) + len(kb.services) + len(kb.guides)
                   + len(kb.letters) + 1)
        click.echo(f"Knowledge base in {root}: {len(kb.rules)} rules, {len(kb.deadlines)} deadlines, "
                   f"{len(kb.routes)} routes, {len(kb.services)} services, {len(kb.guides)} guides, "
                   f"{len(kb.questions)} questions. Law as at {kb.law_as_at.isoformat()}.")
        gaps = Counter(p.path.split("/", 1)[0] for p in missing if "/" in p.path and p.key == "(file)")
        stale_by = Counter(p.path.split("/", 1)[0] for p in stale)
        for locale in kb.locales:
            if locale == "en":
                continue
            done = entries - gaps[locale] - stale_by[locale]
            click.echo(f"  {locale}: {done} of {entries} files translated ({100 * done // entries}%)")
        click.echo(f"  English guidance: median reading grade {median_grade(readability):.1f} over "
                   f"{len(readability)} rules, guides and services; the hardest "
                   f"{max(item.grade for item in readability):.1f} (limit {MAX_GRADE:g}).")
        click.echo(f"  {len(kb.local_authorities)} councils; local services for "
                   f"{len({la for s in kb.services.values() for la in s.local_authorities})} of them.")
    failed = bool(errors or stale or (strict and (missing or warnings)))
    if failed:
        click.echo(f"{len(errors)} error(s), {len(stale)} out-of-date translation(s)"
                   + (f", {len(warnings)} warning(s), {len(missing)} missing translation(s)" if strict else "")
                   + ".", err=True)
        raise SystemExit(1)
    click.echo(f"OK: no errors{f', {len(warnings)} warning(s)' if warnings else ''}.")


def init_app(app: Flask) -> None:
    app.cli.add_command(kb_cli)
