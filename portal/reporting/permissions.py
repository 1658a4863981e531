"""Who may see the secretariat's reports."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from portal.accounts.roles import Role, role_names


def can_view_reports(user) -> bool:
    """Secretariat staff and admins; nobody else (learners and instructors get 403)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return Role.SECRETARIAT.value in role_names(user)


def secretariat_required(view):
    """Log-in first; then 403 for anyone but the secretariat and admins."""

    @login_required
    def wrapped(request, *args, **kwargs):
        if not can_view_reports(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped
