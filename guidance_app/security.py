"""Security headers for every response.

Why a nonce: the page template has one small inline script (it marks the page as
JavaScript-enabled for GOV.UK Frontend). A per-request nonce lets that script run while the
Content-Security-Policy refuses any other inline script, so injected markup cannot run code.
"""

from __future__ import annotations

import secrets

from flask import Flask, Response, g, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFError, CSRFProtect

csrf = CSRFProtect()
# Limits are kept in memory by default; set RATELIMIT_STORAGE_URI (e.g. redis://...) so that
# several servers share them.
limiter = Limiter(key_func=get_remote_address, default_limits=[])


def csp_nonce() -> str:
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def init_app(app: Flask) -> None:
    app.jinja_env.globals["csp_nonce"] = csp_nonce
    # Every form post must carry the token from the page it came from. The JSON API sets
    # no cookies and reads none, so there is nothing for another site to borrow there.
    csrf.init_app(app)
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    limiter.init_app(app)

    @app.errorhandler(CSRFError)
    def _csrf_failed(error: CSRFError):
        from .errors import render_error

        return render_error(400, reason="csrf")

    @app.after_request
    def _security_headers(response: Response) -> Response:
        script_src = "'self'"
        if "csp_nonce" in g:
            script_src += f" 'nonce-{g.csp_nonce}'"
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; "
            f"script-src {script_src}; "
            "style-src 'self'; img-src 'self' data:; font-src 'self'; "
            "connect-src 'self'; object-src 'none'; base-uri 'self'; "
            "form-action 'self'; frame-ancestors 'none'",
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
        if request.is_secure:
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        return response
