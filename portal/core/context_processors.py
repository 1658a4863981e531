from django.conf import settings
from django.utils.translation import get_language_info

from portal.accounts.permissions import Capability, can, is_staff_member

# Django names Mongolian in English; the switcher names each language in itself.
LOCAL_NAME_OVERRIDES = {"mn": "Монгол"}


def portal(request):
    """Site-wide template context: the language switcher and the user's role."""
    languages = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        name_local = LOCAL_NAME_OVERRIDES.get(code, info["name_local"])
        languages.append({"code": code, "name_local": name_local})
    user = getattr(request, "user", None)
    return {
        "portal_languages": languages,
        "is_staff_member": user is not None and is_staff_member(user),
        "can_view_reports": user is not None and can(user, Capability.REPORTS_VIEW),
    }
