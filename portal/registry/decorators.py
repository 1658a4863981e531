"""View decorators for pages that need a complete participant profile."""

from functools import wraps
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse

from .receivers import RECONSENT_SESSION_KEY
from .selectors import participant_for_user


def profile_required(view_func):
    """Let a view through only for a logged-in user with a complete profile.

    Anonymous visitors go to the log-in page; a user without a complete
    participant profile goes to the onboarding form, with ``next`` pointing back
    at the page they asked for; someone whose consent is to an older privacy
    policy goes to the consent page first. The participant is set on
    ``request.participant`` for the view.
    """

    @wraps(view_func)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        participant = participant_for_user(request.user)
        if participant is None or not participant.is_profile_complete:
            url = reverse("registry:onboarding")
            return redirect(f"{url}?{urlencode({'next': request.get_full_path()})}")
        if getattr(request, "session", {}).get(RECONSENT_SESSION_KEY):
            url = reverse("registry:consent")
            return redirect(f"{url}?{urlencode({'next': request.get_full_path()})}")
        request.participant = participant
        return view_func(request, *args, **kwargs)

    return wrapper
