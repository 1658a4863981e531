"""Tests: fast hashing, mail kept in memory, tasks run at once.

DATABASE_URL and REDIS_URL are honoured, so the same suite runs on SQLite and
on PostgreSQL with Redis.
"""

import os
import tempfile

from .base import *  # noqa: F403
from .base import CACHES, DATABASES, REDIS_URL, STORAGES

SECRET_KEY = "test-only-insecure-key"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = tempfile.mkdtemp(prefix="flyway-test-media-")
STORAGES = {
    **STORAGES,
    "private": {
        "BACKEND": "portal.core.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": tempfile.mkdtemp(prefix="flyway-test-private-")},
    },
}
CERTIFICATES_KEY_DIR = tempfile.mkdtemp(prefix="flyway-test-keys-")
PORTAL_BASE_URL = "http://testserver"
WAGTAILADMIN_BASE_URL = PORTAL_BASE_URL

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory, so that a second process (cross-process tests, the
    # live server) sees the same test database.
    DATABASES["default"]["TEST"] = {
        "NAME": os.path.join(tempfile.gettempdir(), f"flyway-test-{os.getpid()}.sqlite3")
    }
if REDIS_URL:
    # Tests clear the cache between cases: point REDIS_URL at a database of its own.
    CACHES["default"]["KEY_PREFIX"] = "flyway-test"

# Tests read pages right after changing data without a publish; the page cache
# has tests of its own (tests/core/test_page_cache.py).
PAGE_CACHE_SECONDS = 0

# Static files straight from the app and project folders; no collectstatic needed.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

LOGGING = {**LOGGING, "root": {"handlers": ["console"], "level": "WARNING"}}  # noqa: F405
