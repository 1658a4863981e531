from django.conf import settings

from .languages import language_name_local


def portal(request):
    """Site-wide template context: the language switcher (the user's role comes from
    ``portal.accounts.context_processors.roles``)."""
    return {
        "portal_languages": [
            {"code": code, "name_local": language_name_local(code)}
            for code, _name in settings.LANGUAGES
        ]
    }
