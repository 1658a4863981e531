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
# An alias page (wagtail-localize's stand-in for a page not yet translated) sits
# in the reader's locale but shows its source's text: source page id → locale id.
_ALIAS_SOURCE_LOCALES: dict[int, int] = {}


def _locale_code(locale_id: int) -> str | None:
    if locale_id not in _LOCALE_CODES:
        from wagtail.models import Locale

        _LOCALE_CODES.clear()
        _LOCALE_CODES.update(Locale.objects.values_list("pk", "language_code"))
    return _LOCALE_CODES.get(locale_id)


def _alias_source_locale(source_id: int) -> int | None:
    if source_id not in _ALIAS_SOURCE_LOCALES:
        from wagtail.models import Page

        # One query brings every alias's source (a page's locale never changes).
        _ALIAS_SOURCE_LOCALES.update(
            Page.objects.filter(alias_of__isnull=False).values_list(
                "alias_of_id", "alias_of__locale_id"
            )
        )
    return _ALIAS_SOURCE_LOCALES.get(source_id)


def _language_of(obj) -> str | None:
    # A copy made for display names the language of its texts (``quiz_for_display``).
    shown = getattr(obj, "__dict__", {}).get("content_language")
    if shown:
        return shown
    locale = getattr(obj, "locale_id", None)
    if locale is None:
        return getattr(obj, "language", None) or None
    source = getattr(obj, "alias_of_id", None)
    if source is not None:
        locale = _alias_source_locale(source) or locale
    return _locale_code(locale)


@register.simple_tag
def lang_attr(obj, always=False):
    """`` lang="en"`` when ``obj`` (a page, snippet or anything with a
    ``locale_id`` or ``language``) is not in the page's language, else nothing.

    ``always=True`` gives the attribute even in the page's language: for the
    regions of a page that hold content (a course's text) rather than the
    interface, which the untranslated-text checks leave to the content checks.
    """
    language = _language_of(obj)
    current = translation.get_language()
    if not language or not current:
        return mark_safe("")
    if language.lower() == current.lower() and not always:
        return mark_safe("")
    return format_html(' lang="{}"', language)
