"""Production: PostgreSQL, Redis, SMTP, HTTPS. Refuses to start half-configured."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, REDIS_URL, SECRET_KEY, STORAGE_BACKEND, STORAGES, env_bool

for _name, _value in (
    ("DJANGO_SECRET_KEY", SECRET_KEY),
    ("DJANGO_ALLOWED_HOSTS", ALLOWED_HOSTS),
    # Cache, sessions, log-in rate limits and cached pages must be the same for
    # every server process; a process-local cache would split them.
    ("REDIS_URL", REDIS_URL),
):
    if not _value:
        raise ImproperlyConfigured(
            f"{_name} is not set: production settings need it (see docs/operations.md)."
        )

# --- Public address (certificates: PORTAL_BASE_URL) ---
# QR codes, e-mails and signed credentials carry this address for years: never
# guess it (base.py's development default) in production.
_portal_base_url = os.environ.get("PORTAL_BASE_URL", "").strip()
if not _portal_base_url.startswith(("https://", "http://")):
    raise ImproperlyConfigured(
        "PORTAL_BASE_URL is not set: production settings need the portal's public address, "
        "e.g. PORTAL_BASE_URL=https://academy.example.org (see docs/operations.md)."
    )
PORTAL_BASE_URL = WAGTAILADMIN_BASE_URL = _portal_base_url.rstrip("/")
# --- end of public address ---

DEBUG = False
# Files where base.py puts them (a shared folder, or S3 with STORAGE_BACKEND=s3).
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if STORAGE_BACKEND == "s3" and not STORAGES["default"]["OPTIONS"]["bucket_name"]:
    raise ImproperlyConfigured("S3_BUCKET is not set: STORAGE_BACKEND=s3 needs it.")

SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
# Load balancers probe /healthz over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if env_bool("DJANGO_BEHIND_PROXY", default=True):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # --- client addresses behind the proxy (issue 15) ---
    # One load balancer or reverse proxy in front by default; TRUSTED_PROXY_COUNT
    # says how many when there are more (a CDN in front of the balancer: 2).
    ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=True)
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
# Every server signs credentials with the same issuer key (CERTIFICATES_SIGNING_KEY
# or CERTIFICATES_SIGNING_KEY_FILE): never a key generated on the spot.
CERTIFICATES_REQUIRE_KEY = True
# Wagtail's preview shows pages in a same-origin frame, so frames are limited to
# SAMEORIGIN instead of DENY; the clickjacking protection stays on.
SILENCED_SYSTEM_CHECKS = ["security.W019"]

MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": os.environ.get("EMAIL_HOST", "localhost"),
            "port": int(os.environ.get("EMAIL_PORT", "587")),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", default=True),
            "use_ssl": env_bool("EMAIL_USE_SSL", default=False),
            "timeout": 20,
        },
    }
}
