"""The same page in another language: what the language switcher and log-in redirect use.

Django's ``translate_url`` resolves an address in the *current* language, which
for the switcher (a view outside ``i18n_patterns``) is the cookie's, not the
address's: ``/zh-hans/courses/`` read with an English cookie does not resolve,
and the switch stays where it was. Here the address's own language prefix says
how to read it, and a Wagtail page is followed through its translations.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.http import Http404
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import translation
from django.utils.translation import get_language_info
from wagtail.models import Locale, Page, Site

WAGTAIL_SERVE = "wagtail_serve"
# Django names Mongolian in English; the portal names each language in itself.
LOCAL_NAME_OVERRIDES = {"mn": "Монгол"}


def language_home(language: str) -> str:
    """The home page address of ``language`` (``/mn/``)."""
    return f"/{language}/"


def translated_path(path: str, language: str, *, request=None) -> str:
    """The address of the page at ``path`` in ``language``.

    Args:
        path: a local address, with its query string, as ``request.get_full_path()``
            gives it.
        language: one of ``settings.LANGUAGES``.
        request: the request being served, for the site and for page routing.

    Returns:
        The same view in ``language`` (same arguments and query string); for a
        Wagtail page, its translation in ``language`` when it has a live one,
        else the nearest ancestor that has; else that language's home page.
        An address outside the language-prefixed part of the site (``/admin/``)
        comes back as it is.
    """
    parts = urlsplit(path)
    source = translation.get_language_from_path(parts.path)
    if source is None:
        return path if parts.path not in ("", "/") else language_home(language)
    with translation.override(source):
        try:
            match = resolve(parts.path)
        except Resolver404:
            match = None
        page = None
        if match is not None and match.url_name == WAGTAIL_SERVE:
            page = _page_at(parts.path, request=request)
    if match is not None and match.url_name != WAGTAIL_SERVE:
        name = ":".join([*match.namespaces, match.url_name]) if match.url_name else None
        if name:
            with translation.override(language):
                try:
                    target = reverse(name, args=match.args, kwargs=match.kwargs)
                except NoReverseMatch:
                    target = None
            if target:
                return urlunsplit(("", "", target, parts.query, ""))
    if page is not None:
        target = page_in_language(page, language)
        if target is not None:
            with translation.override(language):
                url = target.get_url(request=request)
            if url:
                return url
    return language_home(language)


def page_in_language(page: Page, language: str) -> Page | None:
    """``page``'s live translation in ``language``, else its nearest ancestor's."""
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        return None
    if page.locale_id == locale.pk and page.live:
        return page
    ancestors = page.get_ancestors(inclusive=True).filter(depth__gt=1).reverse()
    keys = [p.translation_key for p in ancestors]
    found = {
        p.translation_key: p
        for p in Page.objects.live().filter(locale=locale, translation_key__in=keys)
    }
    for key in keys:
        if key in found:
            return found[key]
    return None


def _page_at(path: str, *, request=None) -> Page | None:
    """The live page served at ``path`` in the active language, or its nearest parent.

    Follows Wagtail's own routing (so page types that route their children
    themselves are honoured) and, when the full path is no page, drops the last
    segment until one is.
    """
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    root = site.root_page.localized.specific
    language_prefix = f"/{translation.get_language()}/"
    rest = path[len(language_prefix) :] if path.startswith(language_prefix) else path.lstrip("/")
    components = [c for c in rest.split("/") if c]
    while True:
        try:
            result = root.route(request, components)
        except Http404:
            result = None
        if result is not None:
            return result[0]
        if not components:
            return None
        components = components[:-1]


def language_is_offered(language: str) -> bool:
    """Whether ``language`` is one of the portal's interface languages."""
    return language in dict(settings.LANGUAGES)


def language_name_local(code: str) -> str:
    """The language's name in itself ("日本語", "Монгол")."""
    return LOCAL_NAME_OVERRIDES.get(code, get_language_info(code)["name_local"])
