"""Middleware of the portal's own."""

from __future__ import annotations

from django.utils import translation
from wagtail.users.models import UserProfile


class AdminLanguageMiddleware:
    """The whole admin request in the language its user chose for the admin.

    Wagtail switches to that language only around the view it guards; the
    message it writes when someone may not open a screen ("Sorry, you do not
    have permission to access this area.") is made after it switched back, so
    a Japanese instructor read it in English. Placed after the authentication
    middleware; the profile is the one Wagtail reads (cached on the user).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if not request.path.startswith("/admin/") or user is None or not user.is_authenticated:
            return self.get_response(request)
        language = UserProfile.get_for_user(user).get_preferred_language()
        with translation.override(language):
            request.LANGUAGE_CODE = translation.get_language()
            return self.get_response(request)
