from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from portal.accounts.permissions import is_staff_member
from portal.accounts.roles import Role
from portal.accounts.services import user_add_role
from portal.core.languages import translated_path
from portal.core.links import absolute_url, base_url
from portal.core.mail import mail_language

from .selectors import participant_for_user
from .services import participant_link_user, participant_update


@dataclass(frozen=True)
class PublicSite:
    """What allauth's mail templates read of ``current_site``."""

    name: str
    domain: str


def _on_public_address(url: str) -> str:
    """``url``'s path and query on ``PORTAL_BASE_URL``, whatever host it was built with."""
    parts = urlsplit(url)
    return absolute_url(urlunsplit(("", "", parts.path, parts.query, parts.fragment)))


class AccountAdapter(DefaultAccountAdapter):
    """allauth adapter: new accounts are learners; staff land in the admin.

    It lives in the registry, not in accounts, because it links accounts to
    participants (accounts sits below the registry and never imports it).

    A learner without a complete participant profile is sent to the onboarding
    form first; an account whose verified address matches a participant imported
    from a workshop list takes over that participant.
    """

    # Links in allauth's e-mails go to the portal's public address (PORTAL_BASE_URL),
    # not to the host the request happened to arrive on (an internal address, a port).

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        return _on_public_address(super().get_email_confirmation_url(request, emailconfirmation))

    def get_reset_password_from_key_url(self, key: str) -> str:
        return _on_public_address(super().get_reset_password_from_key_url(key))

    def send_mail(self, template_prefix, email, context):
        # The "account already exists" and "unknown account" mails carry links that
        # allauth builds from the request without an adapter method to override.
        for name in ("password_reset_url", "signup_url"):
            if context.get(name):
                context[name] = _on_public_address(context[name])
        # "Hello from …" names the portal, not the host of the request.
        context["current_site"] = PublicSite(
            name=settings.WAGTAIL_SITE_NAME, domain=urlsplit(base_url()).netloc
        )
        # In the language remembered on the account the mail is about (a reset
        # asked for from any page); without one, the language being read.
        user = context.get("user")
        language = getattr(user, "preferred_language", "") or translation.get_language()
        with translation.override(mail_language(language)):
            return super().send_mail(template_prefix, email, context)

    def is_open_for_signup(self, request) -> bool:
        return getattr(settings, "FLYWAY_SIGNUP_OPEN", True)

    def save_user(self, request, user, form, commit=True):
        # The language of the sign-up page is remembered for mail and log-ins.
        language = translation.get_language()
        if not user.preferred_language and language in dict(settings.LANGUAGES):
            user.preferred_language = language
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            user_add_role(user=user, role=Role.LEARNERS)
        return user

    def confirm_email(self, request, email_address):
        confirmed = super().confirm_email(request, email_address)
        user = email_address.user
        if email_address.email.lower() != user.email.lower():
            return confirmed
        participant = participant_for_user(user)
        if participant is None:
            participant_link_user(user=user)
        elif participant.email.lower() != user.email.lower():
            # The registry is keyed by e-mail: it follows the account's new address.
            participant_update(
                participant=participant,
                acting_user=user,
                reason=_("The participant changed the e-mail address of their account."),
                email=user.email,
            )
        return confirmed

    def get_login_redirect_url(self, request) -> str:
        """Where a log-in leads: the page asked for, in the language it was read in;
        else the learner's learning (``LOGIN_REDIRECT_URL``, the dashboard) in the
        language remembered on the account, or the one the log-in page was read in.
        """
        if is_staff_member(request.user):
            return "/admin/"
        asked = bool(request.POST.get("next") or request.GET.get("next"))
        language = translation.get_language()
        remembered = request.user.preferred_language
        if not asked and remembered in dict(settings.LANGUAGES):
            language = remembered
        with translation.override(language):
            target = super().get_login_redirect_url(request)
            if not asked:
                target = translated_path(target, language, request=request)
            participant = participant_for_user(request.user)
            if participant is None or not participant.is_profile_complete:
                return f"{reverse('registry:onboarding')}?{urlencode({'next': target})}"
        return target
