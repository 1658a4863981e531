# ruff: noqa: RUF001 - Django's msgids use a typographic apostrophe.
"""Django's own words that its catalogues lack in one of the portal's languages.

Django ships no Mongolian for three of its four password rules (the sign-up
page showed them in English), and no translation at all of Django 6's empty
choice of a select. Listing them here puts them in the portal's
catalogues, which come first on ``LOCALE_PATHS``, so the portal's translations
fill the gap. Nothing reads these names: the strings only need to be marked.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

PASSWORD_RULES = [
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("Your password can’t be entirely numeric."),
]
# Django 6's empty choice of a select (``BLANK_CHOICE_LABEL``): none of its
# catalogues for the portal's five other languages translates it yet.
BLANK_CHOICE = gettext_noop("- Select an option -")
PASSWORD_TOO_SHORT = ngettext_lazy(
    "This password is too short. It must contain at least %d character.",
    "This password is too short. It must contain at least %d characters.",
    "min_length",
)
