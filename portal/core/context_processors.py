from django.conf import settings
from django.utils.translation import get_language_info

# Django names Mongolian in English; the switcher names each language in itself.
LOCAL_NAME_OVERRIDES = {"mn": "Монгол"}


def portal(request):
    """Site-wide template context: the language switcher (the user's role comes from
    ``portal.accounts.context_processors.roles``)."""
    languages = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        name_local = LOCAL_NAME_OVERRIDES.get(code, info["name_local"])
        languages.append({"code": code, "name_local": name_local})
    return {"portal_languages": languages}
