"""The portal's WSGI application with one way of the submit's question-row write patched in.

Served by ``bench_assessments_submit.py`` for its comparison (see
``handbuilt_submit``): ``BENCH_SUBMIT_VARIANT`` names the way, ``orm`` or
``hand_built``.
"""

import importlib
import os

from portal.wsgi import application

# Imported after Django is set up (by portal.wsgi): it imports models.
getattr(importlib.import_module("handbuilt_submit"), os.environ["BENCH_SUBMIT_VARIANT"])()

__all__ = ["application"]
