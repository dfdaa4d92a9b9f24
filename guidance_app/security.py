"""Security headers for every response.

Why a nonce: the page template has one small inline script (it marks the page as
JavaScript-enabled for GOV.UK Frontend). A per-request nonce lets that script run while the
Content-Security-Policy refuses any other inline script, so injected markup cannot run code.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from flask import Flask, current_app, g, request
from flask.json.provider import DefaultJSONProvider
from flask.sessions import SecureCookieSessionInterface
from flask_limiter import Limiter
from flask_limiter.util import get_qualified_name, get_remote_address
from flask_wtf.csrf import CSRFError, CSRFProtect
from itsdangerous import URLSafeTimedSerializer
from werkzeug.middleware.proxy_fix import ProxyFix

csrf = CSRFProtect()


class PageLimiter(Limiter):
    """Flask-Limiter, without its per-request work on pages that no limit covers.

    Why: the limits are on the API, the chat, letters and resume codes, yet Flask-Limiter
    resolves the limits of every request before its view runs: about a tenth of a plain page's
    time. Which limits can apply to an endpoint is fixed once the app is built (decorators,
    blueprint, default and application limits), so it is worked out once per endpoint; limits
    written on a view itself are still checked by their decorator as before."""

    def _check_request_limit(self, callable_name: str | None = None, in_middleware: bool = True) -> None:
        if in_middleware and not self._may_apply(request.endpoint, request.blueprint):
            return
        super()._check_request_limit(callable_name, in_middleware)

    def _may_apply(self, endpoint: str | None, blueprint: str | None) -> bool:
        known = current_app.extensions.setdefault("endpoints_with_limits", {})
        key = (endpoint, blueprint)
        if key not in known:
            view = current_app.view_functions.get(endpoint or "")
            name = get_qualified_name(view) if view else ""
            # Not yet "marked for limiting": that leaves out limits the view's decorator checks
            # itself, so this is every limit the request could meet here, or more.
            defaults, decorated = self.limit_manager.resolve_limits(
                current_app, endpoint, blueprint, name, in_middleware=True, marked_for_limiting=False)
            known[key] = bool(defaults or decorated or not endpoint)
        return known[key]


# Limits are kept in memory by default; set RATELIMIT_STORAGE_URI (e.g. redis://...) so that
# several servers share them.
limiter = PageLimiter(key_func=get_remote_address, default_limits=[])


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_surrogates(value: Any) -> Any:
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_without_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {_without_surrogates(key): _without_surrogates(item) for key, item in value.items()}
    return value


class CleanJSONProvider(DefaultJSONProvider):
    """JSON bodies may carry escaped lone surrogates ("\\ud800"), which no text can hold: they
    would fail later when the text is saved or printed. Replace them as the body is read."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        return _without_surrogates(super().loads(s, **kwargs))


NONCE_KEY = "guidance_app.csp_nonce"  # where the response's nonce waits for SecurityHeaders


def csp_nonce() -> str:
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
        request.environ[NONCE_KEY] = g.csp_nonce
    return g.csp_nonce


def api_limit() -> str:
    return current_app.config["API_LIMIT"]


def letter_limit() -> str:
    return current_app.config["LETTER_LIMIT"]


def init_app(app: Flask) -> None:
    app.json = CleanJSONProvider(app)
    app.session_interface = SessionCookies()
    app.jinja_env.globals["csp_nonce"] = csp_nonce
    # Behind a load balancer every request comes from the balancer's address: trust its
    # X-Forwarded-For (and -Proto, for secure cookies and HSTS) so that rate limits count
    # each family's own address. Only as many hops as PROXY_COUNT, so a client cannot forge it.
    if app.config["PROXY_COUNT"]:
        hops = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    # Every form post must carry the token from the page it came from. The JSON API sets
    # no cookies and reads none, so there is nothing for another site to borrow there.
    csrf.init_app(app)
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    # If the shared store (Redis) goes down, count in memory for a while rather than refuse
    # every page: families can still use the service while the operator fixes it.
    app.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
    app.config.setdefault("RATELIMIT_SWALLOW_ERRORS", True)
    limiter.init_app(app)

    @app.errorhandler(CSRFError)
    def _csrf_failed(error: CSRFError):
        from .errors import render_error

        return render_error(400, reason="csrf")

    app.wsgi_app = SecurityHeaders(app.wsgi_app)


HSTS = "max-age=31536000; includeSubDomains"


class SessionCookies(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, with the signing serializer made once per key.

    Why: Flask builds a new serializer (and tests it by serialising a sample) on every request
    that reads the session, which is every page."""

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        if not app.secret_key:
            return None
        key = (app.secret_key, tuple(app.config.get("SECRET_KEY_FALLBACKS") or ()))
        kept = app.extensions.get("session_serializer")
        if kept is None or kept[0] != key:
            kept = app.extensions["session_serializer"] = (key, super().get_signing_serializer(app))
        return kept[1]


class SecurityHeaders:
    """Adds the security headers to every response from Flask, unless the view set its own.

    Why as WSGI middleware rather than an after_request hook: the headers are plain strings
    added to the list the server sends, with none of werkzeug's per-header checks, which cost
    a tenth of a plain page's time. The page's script nonce, if it has one, comes from the
    request (csp_nonce puts it there); HSTS only over HTTPS (after ProxyFix, when it is on)."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.plain = list(security_headers().items())

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        def with_headers(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            nonce = environ.get(NONCE_KEY)
            ours = list(security_headers(f"'self' 'nonce-{nonce}'").items()) if nonce else self.plain
            if environ.get("wsgi.url_scheme") == "https":
                ours = ours + [("Strict-Transport-Security", HSTS)]
            present = {name.lower() for name, _ in headers}
            headers.extend(header for header in ours if header[0].lower() not in present)
            return start_response(status, headers, exc_info) if exc_info else start_response(status, headers)

        return self.app(environ, with_headers)


def security_headers(script_src: str = "'self'") -> dict[str, str]:
    """The headers every response carries (pages, API and the static files WhiteNoise serves)."""
    return {
        "Content-Security-Policy": "default-src 'self'; "
                                   f"script-src {script_src}; "
                                   "style-src 'self'; img-src 'self' data:; font-src 'self'; "
                                   "connect-src 'self'; object-src 'none'; base-uri 'self'; "
                                   "form-action 'self'; frame-ancestors 'none'",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "X-Frame-Options": "DENY",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    }
