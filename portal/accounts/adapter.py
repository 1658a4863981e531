from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

from .roles import Role, is_staff_member
from .services import user_add_role


class AccountAdapter(DefaultAccountAdapter):
    """allauth adapter: new accounts are learners; staff land in the admin."""

    def is_open_for_signup(self, request) -> bool:
        return getattr(settings, "FLYWAY_SIGNUP_OPEN", True)

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            user_add_role(user=user, role=Role.LEARNERS)
        return user

    def get_login_redirect_url(self, request) -> str:
        if is_staff_member(request.user):
            return "/admin/"
        return super().get_login_redirect_url(request)
