"""The Flask class the app is built with: Flask, with the URLs built during requests kept
(and templates reading dicts as dicts first: see TemplateEnvironment).

Why: a results page builds about thirty URLs, and werkzeug's URL builder (converters,
defaults, query encoding) was a fifth of that page's time. A relative URL depends only on the
endpoint and its values, the page's language (which locales._add_locale adds) and where the app
is mounted, so each worker builds each one once.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, g, has_request_context, request
from flask.templating import Environment

URL_CACHE_SIZE = 8192

# Names that a plain dict has as attributes (`items`, `get`, ...): for these Jinja's own order,
# the attribute first, must stay.
_DICT_ATTRIBUTES = frozenset(dir(dict))


class TemplateEnvironment(Environment):
    """Flask's Jinja environment, with `value.name` on a plain dict read as `value["name"]` first.

    Why: templates read the assessment (dicts) as `finding.title`, and Jinja tries the attribute
    first: on a dict that raises and catches an AttributeError every time, about ten times the
    cost of the item. A dict has no attributes of its own beyond dict's, so for any other name
    the result is the same as Jinja's."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


class GuidanceApp(Flask):
    jinja_environment = TemplateEnvironment

    def url_for(self, endpoint: str, *, _anchor: str | None = None, _method: str | None = None,
                _scheme: str | None = None, _external: bool | None = None, **values: Any) -> str:
        locale = g.get("locale") if has_request_context() else None
        if locale is None or _external or _scheme:
            # No language in the address (error pages, the API) or an absolute URL: build it.
            return super().url_for(endpoint, _anchor=_anchor, _method=_method, _scheme=_scheme,
                                   _external=_external, **values)
        blueprint = request.blueprint if endpoint.startswith(".") else None
        try:
            key = (endpoint, blueprint, locale, request.script_root, _anchor, _method, tuple(values.items()))
            url = self._urls.get(key)
        except TypeError:  # a list among the values: not kept
            return super().url_for(endpoint, _anchor=_anchor, _method=_method, **values)
        if url is None:
            url = super().url_for(endpoint, _anchor=_anchor, _method=_method, **values)
            if len(self._urls) >= URL_CACHE_SIZE:
                self._urls.clear()
            self._urls[key] = url
        return url

    @property
    def _urls(self) -> dict[tuple, str]:
        return self.extensions.setdefault("url_cache", {})
