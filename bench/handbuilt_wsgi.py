"""The portal's WSGI application with the hand-built quiz save and submit patched in.

Served by ``bench_assessments_submit.py`` for its comparison (see ``handbuilt_submit``).
"""

import importlib

from portal.wsgi import application

# Imported after Django is set up (by portal.wsgi): it imports models.
importlib.import_module("handbuilt_submit").install()

__all__ = ["application"]
