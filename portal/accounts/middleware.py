from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .permissions import is_staff_member


class StaffSecondFactorMiddleware:
    """With ``FLYWAY_STAFF_MFA_REQUIRED``, staff must enrol TOTP before anything else.

    Until they have an authenticator, instructors, secretariat staff and admins
    are sent to the TOTP set-up page from every page except their account pages
    (where the set-up lives, and log-out) and static files.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.FLYWAY_STAFF_MFA_REQUIRED and self._must_enrol(request):
            messages.warning(
                request,
                _("Staff accounts need a second factor. Set up an authenticator app to continue."),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    def _must_enrol(self, request) -> bool:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        if request.path.startswith((settings.STATIC_URL, "/healthz", "/i18n/")):
            return False
        accounts_prefix = reverse("account_login").rsplit("login/", 1)[0]
        if request.path.startswith(accounts_prefix):
            return False
        if not is_staff_member(user):
            return False
        return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
