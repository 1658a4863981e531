"""Anonymous pages from the shared cache.

A page read by a visitor who is not logged in is the same for every such
visitor (the language is in its URL), so its response is kept in the cache
(Redis in production, shared by every server) and served from there until the
content changes. Every publish, unpublish or move of a page or snippet, and the
saves the apps report through ``public_content_changed``, raise one content
version that is part of every key, so all cached pages go at once; a short
lifetime (``PAGE_CACHE_SECONDS``) bounds how long figures that change without a
publish (places left in a cohort, the impact page) may lag.

Only plain successful reads are kept: GET or HEAD, status 200, no cookie set,
no CSRF token rendered into the page (a page with a form is never kept; the
language switcher asks no token of visitors who are not signed in), nothing
marked private or no-cache, and no message waiting for the visitor.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.cache import get_max_age

VERSION_KEY = "page-cache:version"


def page_cache_seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0))


def _version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def public_content_changed() -> None:
    """Drop every cached anonymous page, once the current transaction commits."""

    def bump() -> None:
        try:
            cache.incr(VERSION_KEY)
        except ValueError:  # no version yet: nothing is cached under one
            cache.add(VERSION_KEY, 1, timeout=None)

    transaction.on_commit(bump)


def content_changed_receiver(**_kwargs) -> None:
    """For Wagtail's publish, unpublish and move signals (connected in CoreConfig.ready)."""
    public_content_changed()


def _key(request, version: int) -> str:
    return f"page-cache:{version}:{request.method}:{request.get_full_path()}"


def _cacheable_request(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and not request.COOKIES.get("messages")
    )


class AnonymousPageCacheMiddleware:
    """Serve and keep anonymous pages in the shared cache (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = page_cache_seconds()
        if seconds <= 0 or not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request, _version())
        cached = cache.get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        # A page that rendered a CSRF token carries this visitor's token: never
        # hand it to another (the CSRF middleware may set its cookie only later,
        # outside this one, so the response's cookies do not tell).
        if self._cacheable_response(response) and not request.META.get("CSRF_COOKIE_USED"):
            if hasattr(response, "render") and callable(response.render):
                response.render()
            cache.set(key, response, timeout=seconds)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _cacheable_response(response) -> bool:
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in cache_control
            and "no-cache" not in cache_control
            and "no-store" not in cache_control
            and get_max_age(response) != 0
        )
