"""What the demo loaders of translated content (pages, quizzes) share."""

from wagtail_localize.models import StringTranslation

# Interface language code → suffix of the demo data modules in that language.
LANGUAGES = {"zh-hans": "zh_hans", "ja": "ja", "ko": "ko", "mn": "mn", "ru": "ru"}


def string_translation_set(*, string, locale, context, data: str) -> bool:
    """Record ``data`` as the manual translation of ``string`` in ``context``.

    As a translator's entry in wagtail-localize's editor would be.

    Returns:
        True when the translation was added or changed.
    """
    existing = StringTranslation.objects.filter(
        translation_of=string, locale=locale, context=context
    ).first()
    if existing is None:
        StringTranslation.objects.create(
            translation_of=string,
            locale=locale,
            context=context,
            data=data,
            translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
        )
        return True
    if existing.data == data:
        return False
    existing.data = data
    existing.save(update_fields=["data", "updated_at"])
    return True
