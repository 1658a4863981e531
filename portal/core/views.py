import logging
import secrets

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
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
