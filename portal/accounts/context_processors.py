"""Template context about the user's role, for the site's navigation."""

from .permissions import Capability, can, is_staff_member


def roles(request):
    """``is_staff_member`` (the Admin link) and ``can_view_reports`` (the Reports link).

    Lives in accounts, not in core: core is the bottom layer and asks no app above it.
    """
    user = getattr(request, "user", None)
    return {
        "is_staff_member": user is not None and is_staff_member(user),
        "can_view_reports": user is not None and can(user, Capability.REPORTS_VIEW),
    }
