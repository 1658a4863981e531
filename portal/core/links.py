"""The portal's public address, and absolute URLs built from it.

``PORTAL_BASE_URL`` is the one setting for the portal's public address
(BRIEF §4). Every absolute URL that is kept or sent for later use — QR codes,
e-mails, digital credentials, achievement criteria — is built here from it,
never from the request's host or from Wagtail's ``Site`` record: a request may
arrive on an internal address or port, and the ``Site`` record says
``localhost`` until someone edits it.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation


def base_url() -> str:
    """``PORTAL_BASE_URL`` without its trailing slash, e.g. ``https://academy.example.org``."""
    return settings.PORTAL_BASE_URL.rstrip("/")


def absolute_url(path: str) -> str:
    """``path`` (``/en/…``, as ``reverse`` or a page's URL gives it) on the public address.

    Args:
        path: a site-relative path; an absolute URL is returned unchanged, so a
            caller may pass whatever a URL builder handed it.
    """
    if "://" in path:
        return path
    return base_url() + "/" + path.lstrip("/")


def absolute_reverse(name: str, **kwargs) -> str:
    """``reverse(name, kwargs=kwargs)`` on the public address, in the default language.

    Links that are printed, mailed or signed must not change with the language
    of whoever triggered them, so they use the portal's default language prefix.
    """
    with translation.override(settings.LANGUAGE_CODE):
        return absolute_url(reverse(name, kwargs=kwargs or None))
