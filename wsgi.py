"""Entry point for a production server: `gunicorn wsgi:app`.

A configuration problem stops the server with the plain message, not a traceback.
"""

import gc
import os
import sys

os.environ.setdefault("APP_ENV", "production")

from guidance_app import ConfigurationError, create_app  # noqa: E402

try:
    app = create_app()
except ConfigurationError as error:
    sys.exit(f"The app cannot start: {error}")

# What is loaded now (the knowledge base and the code) stays for the life of the worker: move it
# out of the garbage collector's way, so that its full collections do not walk tens of thousands
# of objects that can never be freed.
gc.collect()
gc.freeze()
