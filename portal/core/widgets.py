"""Form widgets shared by the apps."""

from __future__ import annotations

from django import forms
from django.utils import translation


class LanguageSelect(forms.Select):
    """A select whose options may be in another language than the page: course
    titles of a course not translated into the reader's. ``option_languages``
    maps an option's value to its label's language; such an option carries
    ``lang``, so a screen reader reads it in its own voice."""

    def __init__(self, attrs=None, choices=(), option_languages=None):
        super().__init__(attrs, choices)
        self.option_languages = dict(option_languages or {})

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        language = self.option_languages.get(str(value))
        if language and language != (translation.get_language() or "").lower():
            option["attrs"]["lang"] = language
        return option
