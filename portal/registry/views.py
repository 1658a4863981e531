"""The learner's own registry pages: onboarding, profile, data download, deletion.

Thin views: they parse a form, call one service or selector, and render.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import exports, services
from .decorators import profile_required
from .forms import AccountDeleteForm, ConsentForm, OnboardingForm, ProfileForm
from .receivers import RECONSENT_SESSION_KEY
from .selectors import participant_for_user, participant_personal_data, privacy_policy_page
from .validation import policy_version


def _safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _initial_from_user(user) -> dict:
    return {"given_name": user.first_name, "family_name": user.last_name}


@login_required
@require_http_methods(["GET", "POST"])
def onboarding(request):
    """Complete the profile and give consent: the first page after the first log-in."""
    participant = participant_for_user(request.user)
    if participant is None:
        participant = services.participant_link_user(user=request.user)
    next_url = _safe_next(request, reverse("registry:profile"))
    if participant is not None and participant.is_profile_complete:
        return redirect(next_url)
    form = OnboardingForm(
        request.POST or None,
        instance=participant,
        initial=None if participant else _initial_from_user(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.participant_onboard(
                user=request.user,
                expertise=form.chosen_expertise(),
                **form.profile_values(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you, your profile is complete."))
            return redirect(next_url)
    return render(
        request,
        "registry/onboarding.html",
        {"form": form, "next": next_url, "policy_version": policy_version()},
    )


@profile_required
def profile_detail(request):
    participant = request.participant
    return render(
        request,
        "registry/profile_detail.html",
        {
            "participant": participant,
            "expertise": participant.expertise.all(),
            "consent": participant.consents.first(),
        },
    )


@profile_required
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    participant = request.participant
    form = ProfileForm(request.POST or None, instance=participant)
    if request.method == "POST" and form.is_valid():
        try:
            services.participant_update(
                participant=participant,
                acting_user=request.user,
                reason=_("Edited by the participant"),
                expertise=form.chosen_expertise(),
                **form.profile_values(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your profile has been saved."))
            return redirect("registry:profile")
    return render(request, "registry/profile_edit.html", {"form": form})


@profile_required
def profile_download(request):
    """All personal data of the logged-in person: ``?format=json`` (default) or ``zip``."""
    data = participant_personal_data(request.participant)
    stamp = timezone.now().strftime("%Y%m%d")
    if request.GET.get("format") == "zip":
        response = HttpResponse(exports.personal_data_zip(data), content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="flyway-personal-data-{stamp}.zip"'
    else:
        response = HttpResponse(
            exports.personal_data_json(data), content_type="application/json; charset=utf-8"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="flyway-personal-data-{stamp}.json"'
        )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request):
    """Ask for confirmation, then delete the account and anonymise the participant."""
    form = AccountDeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.account_delete(user=user)
        messages.success(request, _("Your account has been deleted and your personal data erased."))
        return redirect("/")
    return render(request, "registry/account_delete.html", {"form": form})


__all__ = ["account_delete", "onboarding", "profile_detail", "profile_download", "profile_edit"]


def privacy_policy(request):
    """The privacy policy in the reader's language (the default language's if none yet)."""
    page = privacy_policy_page(language=translation.get_language())
    if page is None:
        raise Http404
    return redirect(page.get_url(request))


@login_required
@require_http_methods(["GET", "POST"])
def consent(request):
    """Consent to the privacy policy again: asked at log-in after its version was raised."""
    participant = participant_for_user(request.user)
    next_url = _safe_next(request, resolve_url(settings.LOGIN_REDIRECT_URL))
    if participant is None or not participant.is_profile_complete:
        return redirect(f"{reverse('registry:onboarding')}?{urlencode({'next': next_url})}")
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.consent_record(participant=participant, acting_user=request.user)
        request.session.pop(RECONSENT_SESSION_KEY, None)
        messages.success(request, _("Thank you. Your consent to the new policy is recorded."))
        return redirect(next_url)
    return render(
        request,
        "registry/consent.html",
        {
            "form": form,
            "next": next_url,
            "policy": privacy_policy_page(language=translation.get_language()),
            "policy_version": policy_version(),
        },
    )
