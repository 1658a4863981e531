# ruff: noqa: RUF001, RUF003 - Mongolian Cyrillic is meant here.
"""Mongolian dates in the written order: year, month, day (Django gives none for times)."""

DATE_FORMAT = "Y оны n-р сарын j"  # 2026 оны 11-р сарын 26
DATETIME_FORMAT = "Y оны n-р сарын j, H:i"  # 2026 оны 11-р сарын 26, 14:30
SHORT_DATE_FORMAT = "Y.m.d"  # 2026.11.26
SHORT_DATETIME_FORMAT = "Y.m.d H:i"  # 2026.11.26 14:30
