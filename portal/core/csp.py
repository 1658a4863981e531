"""The Content-Security-Policy middleware: django-csp's, with a nonce for the Wagtail admin.

The policy (``CONTENT_SECURITY_POLICY`` in settings) allows scripts and styles
from our own static files only. Our templates have no inline script, no
``on…=`` handler and no ``style=`` attribute; public and learner pages carry
no nonce, so a cached page is the same for everybody.

Wagtail's admin still writes a few inline scripts of its own (the date and time
choosers, inline and multiple-chooser panels). Under ``/admin/`` only, the
policy adds a per-response nonce, and this app's copies of those Wagtail
templates (``portal/core/templates/wagtailadmin/``) put it on their scripts
with ``{% csp_nonce %}``. Widgets are rendered without the request in their
context, so the request travels in a context variable set here.
"""

from __future__ import annotations

import contextvars

from csp.constants import NONCE
from csp.middleware import CSPMiddleware, PolicyParts

ADMIN_PREFIX = "/admin/"

_request: contextvars.ContextVar = contextvars.ContextVar("portal_csp_request", default=None)


def _is_admin(request) -> bool:
    return request.path_info.startswith(ADMIN_PREFIX)


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp's middleware; admin pages get a nonce for Wagtail's own inline scripts."""

    def process_request(self, request) -> None:
        super().process_request(request)
        _request.set(request if _is_admin(request) else None)

    def process_response(self, request, response):
        try:
            return super().process_response(request, response)
        finally:
            _request.set(None)

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if _is_admin(request):
            parts.update = {**(parts.update or {}), "script-src": [NONCE]}
        return parts


def current_nonce() -> str:
    """The nonce of the admin response being rendered, or "" outside the admin."""
    request = _request.get()
    if request is None or not hasattr(request, "csp_nonce"):
        return ""
    return str(request.csp_nonce)


def nonce_chooser_scripts(render):
    """Wrap Wagtail's ``BaseChooser.render`` so that its own trailing inline script
    carries the nonce (only that script: the widget's HTML before it is untouched)."""
    from functools import wraps

    from django.utils.html import escape
    from django.utils.safestring import mark_safe

    @wraps(render)
    def wrapped(self, *args, **kwargs):
        html = render(self, *args, **kwargs)
        nonce = current_nonce()
        head, script, tail = str(html).rpartition("<script>")
        if not (nonce and script):
            return html
        return mark_safe(f'{head}<script nonce="{escape(nonce)}">{tail}')  # noqa: S308

    wrapped._portal_csp_nonce = True
    return wrapped
