# ruff: noqa: RUF002 - Cyrillic is meant here.
"""Russian dates without Django's trailing "г.": the portal's sentences end with
their own full stop ("… 4 декабря 2026."), which would otherwise read "г..".
"""

DATE_FORMAT = "j E Y"  # 4 декабря 2026
DATETIME_FORMAT = "j E Y, G:i"  # 4 декабря 2026, 14:30
YEAR_MONTH_FORMAT = "F Y"  # декабрь 2026
