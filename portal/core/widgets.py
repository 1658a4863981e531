"""Form widgets shared by the apps."""

from __future__ import annotations

from django import forms
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


def _attributes(attrs: dict) -> str:
    """Django's ``attrs.html`` in Python: ``True`` as a bare name, ``False`` left out."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


class FastSelect(forms.Select):
    """A select that writes its options in Python rather than through a template each.

    The same HTML as Django's ``select.html`` and ``select_option.html``; a filter
    with hundreds of options (countries, every cohort) spent most of its page's
    rendering time including the option template once per option.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', widget["name"], _attributes(widget["attrs"]))]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('\n  <optgroup label="{}">', group_name))
            for option in options:
                parts.append(
                    format_html(
                        '\n  <option value="{}"{}>{}</option>',
                        str(option["value"]),
                        _attributes(option["attrs"]),
                        option["label"],
                    )
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every part above is escaped


class LanguageSelect(FastSelect):
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
