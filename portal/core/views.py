import logging
import secrets

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils import translation
from django.utils.translation import get_language_from_request, gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .workers import task_queue_status

logger = logging.getLogger(__name__)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        logger.exception("Health check: the database does not answer")
        return False


def _cache_ok() -> bool:
    key = f"healthz:{secrets.token_hex(8)}"
    try:
        cache.set(key, "1", timeout=5)
        ok = cache.get(key) == "1"
        cache.delete(key)
        return ok
    except Exception:
        logger.exception("Health check: the cache does not answer")
        return False


@never_cache
@require_safe
def healthz(request):
    """Liveness and readiness: 200 when the database and the cache answer, else 503.

    ``tasks`` tells how background work is going (the oldest task waiting, the
    workers' last heartbeat) without deciding the status: a web server whose
    workers are away still serves its pages, and a load balancer must not take
    it out for that. Monitoring alerts on those figures instead.
    """
    checks = {
        "database": "ok" if _database_ok() else "unavailable",
        "cache": "ok" if _cache_ok() else "unavailable",
    }
    healthy = all(value == "ok" for value in checks.values())
    try:
        tasks = task_queue_status()
    except DatabaseError:
        tasks = None  # the database check above says so already
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks, "tasks": tasks},
        status=200 if healthy else 503,
    )


# --- Offline use (docs/offline.md) ---------------------------------------------


def _manifest_language(request) -> str:
    """The language asked for with ``?lang=``, else the reader's, else the default."""
    codes = {code for code, _name in settings.LANGUAGES}
    asked = request.GET.get("lang", "")
    if asked in codes:
        return asked
    language = get_language_from_request(request)
    return language if language in codes else settings.LANGUAGE_CODE


@require_safe
def web_manifest(request):
    """The web app manifest: name, icons, colours, start page in the reader's language.

    Pages link it with ``?lang=`` so that the anonymous page cache, which keys
    on the full path, keeps one copy per language.
    """
    language = _manifest_language(request)
    with translation.override(language):
        manifest = {
            "name": gettext("Flyway Academy"),
            "short_name": gettext("Flyway Academy"),
            "description": gettext(
                "Training for the people who protect migratory birds and wetlands in "
                "North-East Asia."
            ),
            "lang": language,
            "start_url": f"/{language}/dashboard/",
            "scope": "/",
            "display": "standalone",
            "background_color": "#f4f1e8",
            "theme_color": "#0f5c4d",
            "icons": [
                {"src": static("img/icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
                {"src": static("img/icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
                {
                    "src": static("img/icons/maskable-512.png"),
                    "sizes": "512x512",
                    "type": "image/png",
                    "purpose": "maskable",
                },
                {"src": static("img/logo.svg"), "sizes": "any", "type": "image/svg+xml"},
            ],
        }
    response = JsonResponse(manifest, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    return response


@never_cache
@require_safe
def service_worker(request):
    """The service worker (``static/offline/sw.js``) from the site's root.

    From the root its scope is the whole site; ``no-cache`` makes browsers ask
    for a new version on every visit (they cap a worker's cache at a day anyway).
    """
    path = finders.find("offline/sw.js")
    if path is None:
        raise Http404
    with open(path, "rb") as file:
        body = file.read()
    response = HttpResponse(body, content_type="application/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response


@require_safe
def offline_page(request):
    """What the service worker shows for a page that was not stored, when offline."""
    return render(request, "core/offline.html")
