"""Pages that show the knowledge base: guides for parents, and each rule with its sources.

The chat and the search API link here, so every answer has a page a parent can read in full.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, url_for

from ..locales import current_locale

bp = Blueprint("guides", __name__)


def _kb():
    return current_app.extensions["knowledge_base"]


@bp.get("/<locale:lang_code>/guides/")
def index():
    kb = _kb()
    return render_template("guides/index.html", guides=list(kb.guides.values()), kb=kb)


@bp.get("/<locale:lang_code>/guides/<slug>")
def guide(slug: str):
    entry = _kb().guides.get(slug) or abort(404)
    return render_template("guides/entry.html", entry=entry, kb=_kb(), **_texts(entry))


@bp.get("/<locale:lang_code>/rules/<rule_id>")
def rule(rule_id: str):
    entry = _kb().rules.get(rule_id) or abort(404)
    return render_template("guides/entry.html", entry=entry, kb=_kb(), **_texts(entry))


def _texts(entry) -> dict:
    locale = current_locale().code
    translated = locale in entry.texts
    return {"text": entry.text(locale), "shown_in_english": locale != "en" and not translated}


def entry_url(kind: str, entry_id: str, locale: str) -> str:
    """Web address of a knowledge-base entry, for search results and chat answers."""
    if kind == "guides":
        return url_for("guides.guide", slug=entry_id, lang_code=locale)
    if kind == "rules":
        return url_for("guides.rule", rule_id=entry_id, lang_code=locale)
    raise ValueError(kind)
