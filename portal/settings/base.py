"""Settings shared by every environment.

Everything that differs between machines comes from environment variables:
``DJANGO_SECRET_KEY``, ``DATABASE_URL``, ``REDIS_URL``, ``DJANGO_ALLOWED_HOSTS``,
``PORTAL_BASE_URL``, ``TASKS_BACKEND`` and the ``EMAIL_*`` variables. See docs/operations.md.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("FLYWAY_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    """Read a yes/no environment variable (1/0, true/false, yes/no, on/off)."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated environment variable into a list, blanks dropped."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "portal.accounts",
    "portal.core",
    "portal.home",
    "portal.taxonomy",
    "portal.registry",
    "courses",
    "assessments",
    "assignments",
    "certificates",
    "portal.reporting",
    "portal.network",
    "portal.library",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "portal.accounts.users_app.PortalUsersConfig",  # wagtail.users with roles' limits
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "csp",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_countries",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outermost but one: every response gets the policy, a cached page's too.
    "portal.core.csp.PortalCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After authentication: the admin speaks its user's chosen admin language.
    "portal.core.middleware.AdminLanguageMiddleware",
    "portal.core.page_cache.AnonymousPageCacheMiddleware",
    "portal.accounts.middleware.StaffSecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.core.context_processors.portal",
                "portal.accounts.context_processors.roles",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
# Embedded default: one SQLite file in WAL mode. Immediate transactions take the
# write lock up front, so concurrent writers queue on busy_timeout instead of
# failing with "database is locked" when a read lock is upgraded.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": (
        "PRAGMA journal_mode=WAL;"
        "PRAGMA synchronous=NORMAL;"
        "PRAGMA foreign_keys=ON;"
        "PRAGMA busy_timeout=20000;"
    ),
}


def database_from_env(default_sqlite_path: Path) -> dict:
    """Build the default database from ``DATABASE_URL``, or the embedded SQLite file."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        default_sqlite_path.parent.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{default_sqlite_path}"
    # Connections are kept between requests (one per worker thread). On SQLite,
    # opening one costs more than a light request's queries: every new
    # connection parses the whole schema and runs the PRAGMAs above.
    config = dj_database_url.parse(url, conn_max_age=600 if url.startswith("sqlite") else 60)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {**SQLITE_OPTIONS, **config.get("OPTIONS", {})}
    else:
        config["CONN_HEALTH_CHECKS"] = True
    return config


DATABASES = {"default": database_from_env(VAR_DIR / "db.sqlite3")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Wagtail's search index uses PostgreSQL's full-text fields and GIN indexes
    # there, which need this app (postgres.E005 otherwise, and migrate fails).
    INSTALLED_APPS.append("django.contrib.postgres")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, sessions, rate limits ------------------------------------------
# With REDIS_URL set, the cache is shared by every worker process, and so are
# sessions and the log-in rate limits that live in it.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "flyway"),
            "TIMEOUT": 300,
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# --- Background tasks -------------------------------------------------------
# Django's tasks framework. The database-backed worker (`manage.py db_worker`)
# is the default; TASKS_BACKEND swaps in another backend at scale.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
# --- tasks on Redis (issue 15) ---
# TASKS_BACKEND=django_tasks_rq.RQBackend (the `rq` extra) keeps the queue in
# Redis, run by `manage.py rqworker default --job-class django_tasks_rq.backend.Job
# --worker-class rq.worker.SimpleWorker`; docs/operations.md compares the two.
if TASKS["default"]["BACKEND"].startswith("django_tasks_rq."):
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {"default": {"URL": os.environ.get("TASKS_REDIS_URL", REDIS_URL)}}

# --- Accounts ------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# allauth's backend is the only one: every log-in goes through allauth and so
# through its rate limits and second factor.
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
# Argon2id first (Django's recommended hasher: memory-hard, and about half the
# CPU of PBKDF2 at 1.5 million iterations per log-in, issue 15); the PBKDF2
# hashes stored before verify and are upgraded at the next log-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
# After log-in learners land on their learning (staff on the admin: the account adapter).
LOGIN_REDIRECT_URL = "courses:dashboard"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"

ACCOUNT_ADAPTER = "portal.registry.adapter.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Flyway Academy] "
ACCOUNT_PREVENT_ENUMERATION = True
# Failed log-ins: 5 per account in 5 minutes and 20 per address a minute, counted
# in the cache (shared between processes when REDIS_URL is set).
# Behind a load balancer every request comes from the balancer's address: the
# person's own address is the one the last trusted proxy appended to
# X-Forwarded-For. allauth counts its per-address limits by it. 0 (no proxy)
# ignores the header, which anyone can write; production trusts one.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
ACCOUNT_RATE_LIMITS = {
    # The public certificate check (/certificates/verify/): per address and per serial.
    "certificate_verify": os.environ.get(
        "CERTIFICATE_VERIFY_RATE_LIMIT", "10/m/ip,60/h/ip,10/h/key"
    ),
    "login_failed": os.environ.get("LOGIN_FAILED_RATE_LIMIT", "20/m/ip,5/5m/key"),
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "change_email": "1/m/user",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Flyway Academy"
# When true, instructors, secretariat staff and admins must enrol a second
# factor before they can use anything but their account pages.
FLYWAY_STAFF_MFA_REQUIRED = env_bool("FLYWAY_STAFF_MFA_REQUIRED", default=False)

# --- Wagtail ------------------------------------------------------------
WAGTAIL_SITE_NAME = "Flyway Academy"
# The portal's public address (BRIEF §4): QR codes, e-mails, credentials and every
# absolute URL are built from it (portal.core.links), never from the request's host
# or Wagtail's Site record. Development serves on 127.0.0.1:8000; production refuses
# to start without it.
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "").rstrip("/") or "http://127.0.0.1:8000"
WAGTAILADMIN_BASE_URL = PORTAL_BASE_URL
# One log-in for everyone: the admin's log-in is allauth's (see portal/urls.py).
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
# Passwords and addresses are managed through allauth, which verifies them.
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Documents live on the private storage (portal.core.apps) and reach a browser
# only through Wagtail's serve view, which checks collection privacy and the
# before_serve_document hooks; never a redirect to a storage URL.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Every document is a download (Content-Disposition: attachment), PDFs too: a
# PDF opened inline runs in the browser's viewer from the portal's origin, and
# an instructor's PDF is no more trusted than any other upload.
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "csv", "odt", "ods", "pptx", "txt", "zip"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# SVG drawings are taken only once rebuilt from a whitelist (no script, handler,
# outside reference or style sheet; portal.core.svg), because images are served
# from the portal's own origin; a file that cannot be made safe is refused.
# Wagtail serves SVG originals without rasterising ({% image ... preserve-svg %}).
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "svg"]
WAGTAILIMAGES_IMAGE_FORM_BASE = "portal.core.images.SafeImageForm"
# Wagtail's preview panel frames pages from the same origin.
X_FRAME_OPTIONS = "SAMEORIGIN"
# The admin's avatars are drawn, not fetched from gravatar.com (no outside
# host, and no hash of anybody's e-mail address sent anywhere).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor does the admin ask releases.wagtail.org for new versions from the browser.
WAGTAIL_ENABLE_UPDATE_CHECK = False

# --- Content-Security-Policy (django-csp 4) ----------------------------------
# Scripts and styles come only from our own static files: no inline <script>,
# no on…= handler, no style= attribute, no eval, on every page, the Wagtail
# admin included, so no nonce is needed (and cached pages stay shareable).
# Data for scripts travels in data- attributes or json_script (not executed).
# Video embeds an editor adds need their player's origin (CSP_FRAME_SRC).
_CSP_FRAME_SRC = os.environ.get(
    "CSP_FRAME_SRC",
    "https://www.youtube-nocookie.com https://www.youtube.com https://player.vimeo.com",
).split()
_CSP_MEDIA_SRC = os.environ.get("CSP_MEDIA_SRC", "").split()
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # data: and blob: for the admin's image upload previews and icons.
        "img-src": ["'self'", "data:", "blob:", *_CSP_MEDIA_SRC],
        "media-src": ["'self'", *_CSP_MEDIA_SRC],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", *_CSP_FRAME_SRC],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Internationalisation -------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("zh-hans", _("Chinese (Simplified)")),
    ("ja", _("Japanese")),
    ("ko", _("Korean")),
    ("mn", _("Mongolian")),
    ("ru", _("Russian")),
]
LOCALE_PATHS = [
    Path(os.environ.get("FLYWAY_LOCALE_DIR", BASE_DIR / "locale")),
    # Words of Wagtail, Django and django-countries that their own catalogues do
    # not translate yet (portal/core/vendor_catalogues.py); theirs win once they do.
    BASE_DIR / "locale_vendor",
]
# Dates follow the reader's language; English and Mongolian formats are our own.
FORMAT_MODULE_PATH = ["portal.formats"]
# Course content is translated page by page with wagtail-localize; a page
# without a translation is served in its source language.
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The admin is offered in the portal's six languages, the ones it is translated into.
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
# Uploaded and generated files (certificates, imports, images). With more than
# one app server, a folder every server mounts (NFS, a cloud file share), or
# object storage (see STORAGE_BACKEND below and docs/operations.md).
MEDIA_ROOT = Path(os.environ.get("FLYWAY_MEDIA_DIR", VAR_DIR / "media"))
# Private files (participant lists, certificate PDFs and archives): outside
# MEDIA_ROOT, never served by address, only through views that check
# permission (portal.core.storage). Shared between app servers like the media
# folder; with STORAGE_BACKEND=s3, a private bucket or prefix.
PRIVATE_ROOT = Path(os.environ.get("FLYWAY_PRIVATE_DIR", VAR_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        # A private file has no address: asking for its URL raises.
        "BACKEND": "portal.core.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_ROOT},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# STORAGE_BACKEND=s3: the files in S3-compatible object storage (AWS S3, MinIO,
# Ceph, Scaleway…) through django-storages, installed with the `s3` extra
# (`pip install -c constraints.txt -e '.[s3]'`). Files are private: links to them
# are signed and expire (certificates are personal data).
STORAGE_BACKEND = os.environ.get("STORAGE_BACKEND", "filesystem").strip().lower()
if STORAGE_BACKEND == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("S3_BUCKET", ""),
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
            "location": os.environ.get("S3_PREFIX", "media"),
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 600,
            "file_overwrite": False,
        },
    }
    # Private files: their own bucket (S3_PRIVATE_BUCKET) or prefix, never a public
    # ACL; the portal streams them to whoever may have them (no signed link is given).
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **STORAGES["default"]["OPTIONS"],
            "bucket_name": os.environ.get("S3_PRIVATE_BUCKET") or os.environ.get("S3_BUCKET", ""),
            "location": os.environ.get("S3_PRIVATE_PREFIX", "private"),
            "querystring_expire": 60,
        },
    }
elif STORAGE_BACKEND == "filesystem" and PRIVATE_ROOT.resolve().is_relative_to(
    Path(MEDIA_ROOT).resolve()
):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "FLYWAY_PRIVATE_DIR is inside FLYWAY_MEDIA_DIR, which is served to anyone: "
        "give the private files a folder of their own."
    )
elif STORAGE_BACKEND != "filesystem":
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        f"STORAGE_BACKEND is {STORAGE_BACKEND!r}: use 'filesystem' (FLYWAY_MEDIA_DIR) or 's3'."
    )

# --- E-mail --------------------------------------------------------------
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Flyway Academy <noreply@flyway.local>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# --- Portal ----------------------------------------------------------------
YOUTH_MAX_AGE = int(os.environ.get("YOUTH_MAX_AGE", "35"))
REPORT_MIN_CELL = int(os.environ.get("REPORT_MIN_CELL", "5"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own console handler (active while DEBUG is on) would write
        # every django.* record a second time beside the root handler.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.db.backends": {"level": "WARNING"},
    },
}

# --- certificates ---
# The issuer's RSA signing key for Open Badges credentials: a PEM (e.g. from a
# secret store) or a path to one. Without either, a development key is made
# under var/keys/ on first use, unless CERTIFICATES_REQUIRE_KEY is on (production).
CERTIFICATES_SIGNING_KEY = os.environ.get("CERTIFICATES_SIGNING_KEY", "")
CERTIFICATES_SIGNING_KEY_FILE = os.environ.get("CERTIFICATES_SIGNING_KEY_FILE", "")
CERTIFICATES_REQUIRE_KEY = env_bool("CERTIFICATES_REQUIRE_KEY", default=False)
# Where the private halves of the issuer's keys live, current and retired (RSA,
# Ed25519), one <key id>.pem each: every server reads it; back it up with the
# database. `manage.py rotate_signing_key` writes new keys here.
CERTIFICATES_KEY_DIR = os.environ.get("CERTIFICATES_KEY_DIR", "") or str(VAR_DIR / "keys")
# The issuer's LinkedIn organisation id (the number in its company page's admin
# address): "Add to LinkedIn profile" then names the organisation by it.
CERTIFICATES_LINKEDIN_ORGANIZATION_ID = os.environ.get("CERTIFICATES_LINKEDIN_ORGANIZATION_ID", "")

# --- registry ---
# The privacy policy version that a participant's consent is recorded against;
# raise it when the policy changes.
REGISTRY_PRIVACY_POLICY_VERSION = os.environ.get("REGISTRY_PRIVACY_POLICY_VERSION", "2025-01")
# Uploaded spreadsheets (participant lists, question banks): the largest file and
# row count the one reader (portal.core.spreadsheets) accepts.
SPREADSHEET_MAX_BYTES = 10 * 1024 * 1024
SPREADSHEET_MAX_ROWS = 50_000
# Participant lists: up to which size an admin upload is checked and imported at
# once instead of by the worker.
REGISTRY_IMPORT_SYNC_BYTES = 256 * 1024
REGISTRY_IMPORT_SYNC_ROWS = 500
# Kept when a participant is anonymised (account deleted), so that reports still
# break figures down by them; none of them names the person.
REGISTRY_ANONYMISE_KEEPS = ("gender", "birth_year", "country", "organisation_type")

# --- task workers (issue 15) ---
# `manage.py task_worker`: a failed task is tried up to TASKS_MAX_ATTEMPTS times,
# waiting 30 s, 2 min, 8 min…; a worker silent for TASKS_WORKER_DEAD_AFTER_SECONDS
# counts as dead and its running task is queued again.
TASKS_MAX_ATTEMPTS = int(os.environ.get("TASKS_MAX_ATTEMPTS", "3"))
TASKS_RETRY_BASE_SECONDS = float(os.environ.get("TASKS_RETRY_BASE_SECONDS", "30"))
TASKS_HEARTBEAT_SECONDS = float(os.environ.get("TASKS_HEARTBEAT_SECONDS", "5"))
TASKS_WORKER_DEAD_AFTER_SECONDS = int(os.environ.get("TASKS_WORKER_DEAD_AFTER_SECONDS", "60"))

# --- page cache (issue 15) ---
# Anonymous pages are served from the shared cache for this long at most; any
# publish drops them all at once (portal/core/page_cache.py). 0 turns it off.
# Needs the shared cache: with a per-process cache one process could not drop
# the pages the others keep, so it is off without REDIS_URL.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "60" if REDIS_URL else "0"))
