# ruff: noqa: RUF002 - Mongolian Cyrillic letters are meant here.
"""Sorting words the way the reader's language sorts them (ICU collation).

Python's ``sorted`` orders by code point: Korean, Mongolian and Chinese lists come
out in no order their readers know. ICU's collators carry each language's rules
(pinyin for Chinese, the Mongolian Cyrillic alphabet with Ө and Ү, Hangul order).
"""

from functools import lru_cache

import icu
from django.utils import translation

# Django's language codes as ICU names them.
ICU_LOCALES = {"zh-hans": "zh_Hans", "zh-hant": "zh_Hant"}


@lru_cache(maxsize=16)
def _collator(language: str) -> icu.Collator:
    return icu.Collator.createInstance(icu.Locale(ICU_LOCALES.get(language, language)))


def collation_key(text: str, language: str | None = None) -> bytes:
    """A sort key for ``text`` in ``language`` (default: the active language)."""
    language = (language or translation.get_language() or "en").lower()
    return _collator(language).getSortKey(str(text))


def country_sort_key(item) -> bytes:
    """django-countries' sort key (code, name) → the name in the reader's collation."""
    return collation_key(item[1])
