"""Which language a translatable snippet's text is read in, and which rows are sources.

Shared by the apps whose snippets are translated through wagtail-localize
(quizzes and questions, assignments and rubric criteria).
"""

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant


def source_language() -> str:
    """The content language of originals: the default language's."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def reading_language() -> str:
    """The content language matching the active interface language."""
    try:
        return get_supported_content_language_variant(get_language() or settings.LANGUAGE_CODE)
    except LookupError:
        return source_language()


def sources_filter(model, prefix: str = "") -> Q:
    """A ``Q`` keeping the sources among ``model``'s rows, reached through ``prefix``
    (``"assignment__"``) from the queried model; no extra query.

    A source is a row in the default language, or a row of another language
    that has no default-language version (written in that language first).
    """
    default = source_language()
    in_default = model.objects.filter(
        translation_key=OuterRef(f"{prefix}translation_key"), locale__language_code=default
    )
    return Q(**{f"{prefix}locale__language_code": default}) | ~Exists(in_default)
