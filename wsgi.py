"""Entry point for a production server: `gunicorn wsgi:app`.

A configuration problem stops the server with the plain message, not a traceback.
"""

import os
import sys

os.environ.setdefault("APP_ENV", "production")

from guidance_app import ConfigurationError, create_app  # noqa: E402

try:
    app = create_app()
except ConfigurationError as error:
    sys.exit(f"The app cannot start: {error}")
