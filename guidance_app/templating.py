"""Jinja set-up: our templates first, then the GOV.UK Frontend macro packages."""

from __future__ import annotations

import datetime as dt

import json
from collections.abc import Callable
from typing import Any

from flask import Flask, current_app, g, render_template, request
from flask_babel import format_date, get_locale
from flask_wtf.csrf import generate_csrf
from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.gov_form_base import GovFormBase
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader
from markupsafe import Markup, escape

from .locales import current_locale, page_suffix
from .security import csp_nonce

SERVICE_NAME = _l("School exclusion help")


def app_date(value: str | dt.date) -> str:
    """A date as people read it, in the page's language: e.g. Monday 26 October 2026.
    Each worker keeps the words for the dates it has written (Babel's formatting is slow)."""
    day = dt.date.fromisoformat(value) if isinstance(value, str) else value
    key = (str(get_locale()), day)
    words = _DATE_WORDS.get(key)
    if words is None:
        if len(_DATE_WORDS) >= DATE_WORDS_SIZE:
            _DATE_WORDS.clear()
        words = _DATE_WORDS[key] = format_date(day, "EEEE d MMMM yyyy")
    return words


DATE_WORDS_SIZE = 20000  # a few years of dates in each language
_DATE_WORDS: dict[tuple[str, dt.date], str] = {}


# Rendered GOV.UK components, by template and parameters. Why: the GOV.UK Frontend Jinja macros
# are slow (every radio item calls the label and hint macros, which import their templates
# again), and most of a page's components are the same on every request: the header, the
# banner, a question's radios with the same answer. Their HTML depends only on the parameters,
# so each worker renders each distinct one once. Bounded, so dates and typed text cannot grow it
# without limit.
COMPONENT_CACHE_SIZE = 4096


def _key_part(value: Any) -> Any:
    if isinstance(value, Markup):
        return {"__markup__": str(value)}  # HTML and text with the same words must not collide
    return str(value)  # lazy translations, dates


def _cache_key(key: Any) -> Any:
    """`key` as a dictionary key: as it is when it is a tuple of plain strings, numbers and
    None (cheap: the strings keep their hashes), else JSON-encoded."""
    if type(key) is tuple and all(part is None or type(part) in (str, int, bool) for part in key):
        return key
    return json.dumps(key, sort_keys=True, default=_key_part)


def _remembered(key: Any, make: Callable[[], str]) -> Markup:
    """The HTML kept under `key`, made with `make()` the first time."""
    cache: dict[Any, Markup] = current_app.extensions.setdefault("component_cache", {})
    cache_key = _cache_key(key)
    html = cache.get(cache_key)
    if html is None:
        html = Markup(make())
        if len(cache) >= COMPONENT_CACHE_SIZE:
            cache.clear()
        cache[cache_key] = html
    return html


def render_component(template: str, params: dict[str, Any], macro: str | None = None) -> Markup:
    """The HTML of a GOV.UK component: a govuk_frontend_wtf widget template (which reads
    `params`), or with `macro` a govuk_frontend_jinja macro called with `params`."""
    def make() -> str:
        if macro:
            source = f'{{% from "{template}" import {macro} %}}{{{{ {macro}(params) }}}}'
            return current_app.jinja_env.from_string(source).render(params=params)
        return render_template(template, params=params)

    return _remembered([template, params], make)


# Only widgets whose values come from our own lists are kept: text, dates and long answers
# hold what people type (names for letters among them), which must not stay in memory.
CACHED_WIDGETS = ("govuk_frontend_wtf/radios.html", "govuk_frontend_wtf/checkboxes.html",
                  "govuk_frontend_wtf/select.html")


def _cached_widget_render(widget: GovFormBase, params: dict[str, Any]) -> Markup:
    if widget.template in CACHED_WIDGETS:
        return render_component(widget.template, params)
    return Markup(render_template(widget.template, params=params))


def cached_html(key: list[Any], render: Any, *args: Any) -> Markup:
    """`render(*args)` (a macro), kept by `key`, which must name everything the HTML depends
    on. For parts built only from the knowledge base and our texts, never from typed text."""
    return _remembered(("macro", *key), lambda: render(*args))


# Renders one card with the template's own macro (with the page's context: language, links).
_CARD_SOURCE = ('{% from "services/_card.html" import render_card with context %}'
                '{{ render_card(card, kb, why, heading_level) }}')


def service_card(card: dict[str, Any], kb: Any, why: str | None = None, heading_level: int = 3) -> Markup:
    """`{{ service_card(card, kb, why=...) }}`: one support service as a summary card.

    The card depends only on the service, the language, the reason it fits and the heading
    level, so each worker renders each once; on a kept card no template is even imported
    (importing the macro with the page's context was a tenth of the results page)."""
    key = ("service_card", card["id"], current_locale().code, card["text_locale"], why, heading_level)
    return _remembered(key, lambda: current_app.jinja_env.from_string(_CARD_SOURCE).render(
        _card_context(card=card, kb=kb, why=why, heading_level=heading_level)))


def _card_context(**values: Any) -> dict[str, Any]:
    context: dict[str, Any] = {}
    current_app.update_template_context(context)  # language, links and our globals, as a page has
    return {**context, **values}


def component(name: str, params: dict[str, Any]) -> Markup:
    """`{{ component('phase-banner', {...}) }}`: a GOV.UK Frontend component, rendered once.
    Use it only with parameters from our own texts and content, never with what a user typed."""
    macro = "govuk" + "".join(part.capitalize() for part in name.split("-"))
    return render_component(f"govuk_frontend_jinja/components/{name}/macro.html", params, macro)


# Stands for the page's own address (after its language part) in a kept partial; swapped for
# the real one on each request. Letters and digits only, so escaping leaves it as it is.
PAGE_SUFFIX = "appPageSuffix7f3c9a"


def cached_partial(template: str) -> Markup:
    """`{{ cached_partial('partials/footer.html') }}`: a partial of the layout (header, language
    links, banners, footer), rendered once per worker for each language and section.

    Why: these parts are most of a page's HTML and of its translation and URL calls, yet they
    differ between pages only in the section's active link and in the page's own address. The
    address is rendered as PAGE_SUFFIX and swapped in afterwards, so nothing from one request's
    address is kept. Pages without a language in their address are rendered as usual."""
    suffix = page_suffix()
    if suffix is None:
        return Markup(render_template(template, page_suffix=None))
    key = ("partial", template, g.locale, request.blueprint, request.script_root)
    html = _remembered(key, lambda: render_template(template, page_suffix=PAGE_SUFFIX))
    # Markup.replace would escape the address a second time (& as &amp;amp;): replace in plain text.
    return Markup(str(html).replace(PAGE_SUFFIX, str(escape(suffix)))) if PAGE_SUFFIX in html else html


# Stand for the per-request security values in a kept page; swapped for fresh ones on every
# request, so no two responses share a CSRF token or a script nonce.
CSRF_MARK = "appCsrfMark5b2e8c"
NONCE_MARK = "appNonceMark8d1f4a"


def cached_page(template: str, key: list[Any], context: Callable[[], dict[str, Any]]) -> str:
    """The page `template` with `context()`, kept per worker under `key`, which must name
    everything the page depends on besides the language and the address (both added here).

    Why: a question page with the same answer ticked is the same page for every family, yet
    rendering it is most of a request's time. Use it only for pages built from our own texts
    and lists: never for one holding what someone typed (names, dates, letters) or a family's
    results. The CSRF token and the script nonce are rendered as marks and swapped for this
    request's own."""
    def make() -> str:
        g.csrf_token, g.csp_nonce = CSRF_MARK, NONCE_MARK  # what generate_csrf and csp_nonce return
        try:
            return render_template(template, **context())
        finally:
            g.pop("csrf_token", None)
            g.pop("csp_nonce", None)

    html = _remembered(["page", template, g.locale, request.script_root, request.full_path, key], make)
    return str(html).replace(CSRF_MARK, generate_csrf()).replace(NONCE_MARK, csp_nonce())


def init_app(app: Flask) -> None:
    app.jinja_loader = ChoiceLoader([
        app.jinja_loader,
        PrefixLoader({
            "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
            "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
        }),
    ])
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    WTFormsHelpers(app)
    GovFormBase.render = _cached_widget_render  # every form widget goes through the cache
    app.jinja_env.globals["component"] = component
    app.jinja_env.globals["cached_html"] = cached_html
    app.jinja_env.globals["cached_partial"] = cached_partial
    app.jinja_env.globals["service_card"] = service_card
    app.add_template_filter(app_date)

    @app.context_processor
    def _knowledge_base_dates() -> dict:
        kb = app.extensions.get("knowledge_base")
        return {"law_as_at": kb.law_as_at if kb else None}
    app.jinja_env.globals["service_name"] = SERVICE_NAME
