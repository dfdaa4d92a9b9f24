"""The ten languages of the service and how the URL chooses one.

Why the locale lives in the URL (`/ar/...`): a link a parent shares or bookmarks opens in
the same language, and an adviser can send a family the page in their language. Only the
bare `/` looks at the browser's Accept-Language header.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask, Request, current_app, g, request, url_for
from flask_babel import Babel, get_translations
from babel.support import Translations
from jinja2 import pass_eval_context
from jinja2.nodes import EvalContext
from markupsafe import Markup
from werkzeug.routing import AnyConverter, Map


@dataclass(frozen=True)
class Locale:
    code: str
    native_name: str
    english_name: str
    direction: str = "ltr"


LOCALES: dict[str, Locale] = {
    locale.code: locale
    for locale in (
        Locale("en", "English", "English"),
        Locale("ar", "العربية", "Arabic", "rtl"),
        Locale("bn", "বাংলা", "Bengali"),
        Locale("es", "Español", "Spanish"),
        Locale("pl", "Polski", "Polish"),
        Locale("pt", "Português", "Portuguese"),
        Locale("ro", "Română", "Romanian"),
        Locale("so", "Soomaali", "Somali"),
        Locale("uk", "Українська", "Ukrainian"),
        Locale("ur", "اردو", "Urdu", "rtl"),
    )
}
DEFAULT_LOCALE = "en"


class LocaleConverter(AnyConverter):
    """Matches only the supported locale codes, so `/xx/` falls through to a 404."""

    def __init__(self, url_map: Map) -> None:
        super().__init__(url_map, *LOCALES)


def negotiate(req: Request) -> str:
    """Best supported locale for the browser's Accept-Language (e.g. pt-BR gives pt)."""
    return req.accept_languages.best_match(list(LOCALES), default=DEFAULT_LOCALE)


def current_locale() -> Locale:
    """The page's locale: from the URL, or for a page that matched no route (a 404) from
    the first part of its path, or failing that from the browser's preferences."""
    code = g.get("locale")
    if code is None:
        first_segment = request.path.strip("/").split("/", 1)[0]
        code = first_segment if first_segment in LOCALES else negotiate(request)
    return LOCALES[code]


def _select_locale() -> str:
    """Babel's locale: as the URL, except British English for dates and numbers."""
    code = current_locale().code
    return "en_GB" if code == "en" else code


def _translations() -> Translations:
    """The request's translations, as Flask-Babel's get_translations gives them, but found
    once per request and language. Why: templates call `_()` dozens of times per page, and
    each Flask-Babel lookup walks several context proxies; that was a tenth of a page's time.
    Keyed by the locale object, so `force_locale` still switches language."""
    context = g.get("_flask_babel")
    locale = getattr(context, "babel_locale", None)
    if locale is None:
        return get_translations()
    kept = getattr(context, "app_translations", None)
    if kept is not None and kept[0] is locale:
        return kept[1]
    translations = get_translations()
    context.app_translations = (locale, translations)
    return translations


@pass_eval_context
def _template_gettext(eval_ctx: EvalContext, string: str, /, **variables: Any) -> str:
    """`_()` and `gettext()` in templates: as Jinja's own (newstyle: always a format string,
    escaped in HTML), with each finished text kept on the language's translations when it has
    no variables. Why: a results page calls it dozens of times, and each call went through
    Jinja's context, our lookup and a Markup format; this was a fifth of rendering the page.
    It takes only the evaluation context (is this HTML?), not the template's context: for a
    function that takes the context, Jinja copies every variable of the page into a new one
    each time it is called inside a block that sets variables, or inside a loop."""
    translations = _translations()
    autoescape = eval_ctx.autoescape
    if not variables:
        kept = translations.__dict__.setdefault("_app_finished", {})
        found = kept.get((autoescape, string))
        if found is None:
            text = translations.ugettext(string)
            found = kept[(autoescape, string)] = (Markup(text) if autoescape else text) % {}
        return found
    text = translations.ugettext(string)
    return (Markup(text) if autoescape else text) % variables


@pass_eval_context
def _template_ngettext(eval_ctx: EvalContext, singular: str, plural: str, num: int, /,
                       **variables: Any) -> str:
    """`ngettext()` in templates, as Jinja's newstyle one (`%(num)d` is the count), for the
    same reason as `_template_gettext`."""
    variables.setdefault("num", num)
    text = _translations().ungettext(singular, plural, num)
    return (Markup(text) if eval_ctx.autoescape else text) % variables


def init_app(app: Flask) -> None:
    app.url_map.converters["locale"] = LocaleConverter
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LOCALE)
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES",
                          str(Path(app.root_path).parent / "translations"))
    Babel(app, locale_selector=_select_locale)
    # Jinja's installer wants all four and marks the templates newstyle; `_`, gettext and
    # ngettext are then replaced by ours (see _template_gettext), pgettext and npgettext stay.
    app.jinja_env.install_gettext_callables(
        gettext=lambda text: _translations().ugettext(text),
        ngettext=lambda text, plural, n: _translations().ungettext(text, plural, n),
        pgettext=lambda context, text: _translations().upgettext(context, text),
        npgettext=lambda context, text, plural, n: _translations().unpgettext(context, text, plural, n),
        newstyle=True)
    app.jinja_env.globals.update(_=_template_gettext, gettext=_template_gettext, ngettext=_template_ngettext)

    @app.url_value_preprocessor
    def _take_locale(endpoint, values):  # noqa: ANN001 - Flask callback signature
        if values and "lang_code" in values:
            g.locale = values.pop("lang_code")

    @app.url_defaults
    def _add_locale(endpoint, values):  # noqa: ANN001 - Flask callback signature
        if "lang_code" in values or not app.url_map.is_endpoint_expecting(endpoint, "lang_code"):
            return
        values["lang_code"] = current_locale().code

    @app.context_processor
    def _locale_context() -> dict:
        return {"locale": current_locale(), "all_locales": list(LOCALES.values()),
                "same_page_in": same_page_in}


def page_suffix() -> str | None:
    """The page's address after its language part (`questions/reason?change=1` on
    `/pl/questions/reason?change=1`), or None for a page whose address has no language part.
    Worked out once per request: the header, the language links and the footer all ask."""
    if "page_suffix" in g:
        return g.page_suffix
    g.page_suffix = _page_suffix()
    return g.page_suffix


def _page_suffix() -> str | None:
    endpoint = request.endpoint
    current = g.get("locale")  # taken out of the URL's values by _take_locale
    if not (endpoint and current and current_app.url_map.is_endpoint_expecting(endpoint, "lang_code")
            and request.path.startswith(f"/{current}/")):
        return None
    query = request.query_string.decode("latin-1")
    return request.path[len(current) + 2:] + (f"?{query}" if query else "")


def same_page_in(code: str) -> str:
    """URL of the page being shown, in another language (the start page if there is none)."""
    suffix = page_suffix()
    if suffix is not None:
        # Every page with a language starts /<code>/, so swapping that part is enough (and
        # much cheaper than building ten URLs with url_for on every page).
        return f"{request.script_root}/{code}/{suffix}"
    endpoint = request.endpoint
    if endpoint and current_app.url_map.is_endpoint_expecting(endpoint, "lang_code"):
        args = dict(request.view_args or {})
        args.update(request.args.to_dict(flat=True))
        args["lang_code"] = code
        return url_for(endpoint, **args)
    return url_for("pages.start", lang_code=code)
