"""Serving our CSS, JavaScript and images with WhiteNoise.

Why: WhiteNoise answers /static/ requests before Flask is involved, sends the Brotli or gzip
copy that the asset build made (about a sixth of the bytes on a phone) and lets browsers cache
the files, so a page costs little to load and the workers stay free for pages.
"""

from __future__ import annotations

from flask import Flask
from whitenoise import WhiteNoise

from .security import security_headers

CACHE_SECONDS = 3600  # file names carry no hash, so keep the cache short enough for updates


def init_app(app: Flask) -> None:
    def add_headers(headers, _path: str, _url: str) -> None:
        for name, value in security_headers().items():
            headers[name] = value

    app.wsgi_app = WhiteNoise(app.wsgi_app, root=app.static_folder, prefix=app.static_url_path,
                              max_age=CACHE_SECONDS, add_headers_function=add_headers)
