"""Neutralising spreadsheet formulas in exported text (CSV/XLSX injection)."""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "|", "%")


def neutralise(value):
    """Return ``value`` unchanged unless it is text a spreadsheet would run as a formula.

    Text that starts with ``= + - @``, a tab, a carriage return (and a few
    characters older spreadsheets treat alike) is prefixed with an apostrophe,
    which spreadsheets show as plain text. Numbers pass through untouched.
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
