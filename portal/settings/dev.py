"""Development: the embedded defaults, mail written to var/mail, debug on."""

import os

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, VAR_DIR, env_bool

# `make run` turns it off to serve as production does (error pages, no debug
# toolbar of Django's); `make dev` keeps it on.
DEBUG = env_bool("DJANGO_DEBUG", default=True)
FLYWAY_SERVE_MEDIA = True
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or "dev-only-insecure-key-not-for-production"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", *ALLOWED_HOSTS]

# Verification and reset mails are written to var/mail/, one file each, to open.
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "OPTIONS": {"file_path": str(VAR_DIR / "mail")},
    }
}

# Static files straight from the app and project folders; no collectstatic needed.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
