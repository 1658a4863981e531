"""Numbers as each interface language writes them: the one source for pages,
PDF reports and charts.

Percentages follow CLDR's percent pattern per language: "12.5%" in English,
Chinese, Japanese, Korean and Mongolian; "12,5 %" in Russian (decimal comma,
no-break space before the sign).
"""

from decimal import Decimal, InvalidOperation

from django.utils import formats, translation

NO_BREAK_SPACE = "\u00a0"
# CLDR's percent pattern per interface language: where the sign goes.
PERCENT_PATTERNS = {"ru": "{number}" + NO_BREAK_SPACE + "%"}
DEFAULT_PATTERN = "{number}%"


def format_percent(value, places: int | str = 1, language: str | None = None) -> str:
    """``value`` (already a percentage, 0 to 100) as the reader's locale writes it.

    ``places`` follows ``floatformat``: ``1`` always one decimal, ``"-2"`` up to
    two and none when the number is whole. Returns "" for None or non-numbers.
    """
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return ""
    places = int(places)
    if places < 0:
        places = -places
        rounded = round(number, places)
        if rounded == rounded.to_integral_value():
            places = 0
    language = language or translation.get_language() or "en"
    with translation.override(language):
        text = formats.number_format(round(number, places), decimal_pos=places, use_l10n=True)
    pattern = PERCENT_PATTERNS.get(language.split("-")[0], DEFAULT_PATTERN)
    return pattern.format(number=text)


def format_number(value, places: int = 0, language: str | None = None) -> str:
    """``value`` with ``places`` decimals and the language's separators ("" for None)."""
    if value is None or value == "":
        return ""
    language = language or translation.get_language() or "en"
    with translation.override(language):
        return formats.number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)
