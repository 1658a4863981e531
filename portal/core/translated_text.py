"""A short text with its translations on the same row: tag names, cohort titles.

Pages, quizzes and questions are translated through wagtail-localize, one copy
per language. A tag or a cohort must stay one row whatever the language — a
cohort holds enrolments, a tag joins courses, cohorts and people — so its
name's translations live beside it, in a ``TranslationsField`` (a JSON object,
language code → text), edited as one input per language, and read with
``in_language``: the reader's language, else its base language
(``zh-hans`` → ``zh``), else the text in the source language.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


def other_languages() -> list[tuple[str, str]]:
    """The languages a text can be translated into: every one but the source language."""
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def in_language(translations: dict | None, source: str, language: str | None = None) -> str:
    """``source`` in ``language`` (the active language by default), when translated."""
    language = (language or translation.get_language() or settings.LANGUAGE_CODE).lower()
    if not translations or language == settings.LANGUAGE_CODE:
        return source
    for code in (language, language.split("-")[0]):
        text = (translations.get(code) or "").strip()
        if text:
            return text
    return source


class TranslationsWidget(forms.MultiWidget):
    """One text input per language, each labelled with its language's name."""

    template_name = "core/widgets/translations.html"

    def __init__(self, attrs=None):
        self.languages = other_languages()
        super().__init__([forms.TextInput(attrs=attrs) for _code in self.languages], attrs)

    def decompress(self, value):
        value = value or {}
        return [value.get(code, "") for code, _name in self.languages]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for subwidget, (code, language_name) in zip(
            context["widget"]["subwidgets"], self.languages, strict=True
        ):
            subwidget["language_code"] = code
            subwidget["language_name"] = language_name
            subwidget["attrs"]["lang"] = code
        return context


class TranslationsFormField(forms.MultiValueField):
    """The translations as a dict; empty languages are left out (the source text shows)."""

    widget = TranslationsWidget

    def __init__(self, *, max_length: int = 200, **kwargs):
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        kwargs.setdefault("required", False)
        self.languages = other_languages()
        fields = [
            forms.CharField(max_length=max_length, required=False, strip=True)
            for _code in self.languages
        ]
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        return {
            code: text
            for (code, _name), text in zip(self.languages, data_list or [], strict=False)
            if text
        }

    def prepare_value(self, value):
        # The model gives a dict; after a failed submit the widget's list comes back.
        return value


class TranslationsField(models.JSONField):
    """Language code → translated text of another field of the same row."""

    def __init__(self, *args, max_length: int = 200, **kwargs):
        self.text_max_length = max_length
        kwargs.setdefault("default", dict)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.text_max_length != 200:
            kwargs["max_length"] = self.text_max_length
        if kwargs.get("default") is dict:
            del kwargs["default"]
        if kwargs.get("blank") is True:
            del kwargs["blank"]
        return name, path, args, kwargs

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if value in (None, ""):
            return
        if not isinstance(value, dict):
            raise ValidationError(_("Give the translations as one text per language."))
        known = {code for code, _name in other_languages()}
        for code, text in value.items():
            if code not in known:
                raise ValidationError(
                    _("“%(code)s” is not one of the portal's languages.") % {"code": code}
                )
            if not isinstance(text, str) or len(text) > self.text_max_length:
                raise ValidationError(
                    _("Each translation is a text of at most %(limit)d characters.")
                    % {"limit": self.text_max_length}
                )

    def formfield(self, **kwargs):
        return TranslationsFormField(
            max_length=self.text_max_length,
            label=kwargs.get("label", capfirst(self.verbose_name)),
            help_text=kwargs.get("help_text", self.help_text),
        )
