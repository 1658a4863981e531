from urllib.parse import urlencode

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import gettext as _

from .permissions import is_staff_member
from .roles import Role
from .services import user_add_role


class AccountAdapter(DefaultAccountAdapter):
    """allauth adapter: new accounts are learners; staff land in the admin.

    A learner without a complete participant profile is sent to the onboarding
    form first; an account whose verified address matches a participant imported
    from a workshop list takes over that participant.
    """

    def is_open_for_signup(self, request) -> bool:
        return getattr(settings, "FLYWAY_SIGNUP_OPEN", True)

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            user_add_role(user=user, role=Role.LEARNERS)
        return user

    def confirm_email(self, request, email_address):
        confirmed = super().confirm_email(request, email_address)
        from portal.registry.selectors import participant_for_user
        from portal.registry.services import participant_link_user, participant_update

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
        if is_staff_member(request.user):
            return "/admin/"
        # The interface language chosen earlier, on any device, is remembered.
        language = request.user.preferred_language
        if language not in dict(settings.LANGUAGES):
            language = translation.get_language()
        with translation.override(language):
            target = super().get_login_redirect_url(request)
            target = f"/{language}/" if target == "/" else translate_url(target, language)
            from portal.registry.selectors import participant_for_user

            participant = participant_for_user(request.user)
            if participant is None or not participant.is_profile_complete:
                return f"{reverse('registry:onboarding')}?{urlencode({'next': target})}"
        return target
