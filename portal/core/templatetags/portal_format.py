"""Numbers and languages on the page, one way for every template.

``percent``: a share in the reader's locale ("12.5%" in English, Chinese,
Japanese, Korean and Mongolian; "12,5 %" in Russian), the one source for
percentages shown on pages. ``lang_attr``: ``lang="…"`` for a fragment (a
course or quiz title, a choice) not in the page's language, so that screen
readers read it in its own voice.
"""

from django import template
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from portal.core.formatting import format_percent

register = template.Library()


@register.filter
def percent(value, places=1):
    """``{{ share|percent }}``, ``{{ share|percent:"-2" }}``: see ``format_percent``."""
    return format_percent(value, places)


_LOCALE_CODES: dict[int, str] = {}


def _language_of(obj) -> str | None:
    locale = getattr(obj, "locale_id", None)
    if locale is None:
        return getattr(obj, "language", None) or None
    if locale not in _LOCALE_CODES:
        from wagtail.models import Locale

        _LOCALE_CODES.clear()
        _LOCALE_CODES.update(Locale.objects.values_list("pk", "language_code"))
    return _LOCALE_CODES.get(locale)


@register.simple_tag
def lang_attr(obj):
    """`` lang="en"`` when ``obj`` (a page, snippet or anything with a
    ``locale_id`` or ``language``) is not in the page's language, else nothing."""
    language = _language_of(obj)
    current = translation.get_language()
    if not language or not current or language.lower() == current.lower():
        return mark_safe("")
    return format_html(' lang="{}"', language)
