"""English as the programme writes it: day, month, year and a 24-hour clock (UTC)."""

DATE_FORMAT = "j F Y"  # 26 November 2026
DATETIME_FORMAT = "j F Y, H:i"  # 26 November 2026, 14:30
SHORT_DATE_FORMAT = "j M Y"  # 26 Nov 2026
SHORT_DATETIME_FORMAT = "j M Y H:i"  # 26 Nov 2026 14:30
MONTH_DAY_FORMAT = "j F"  # 26 November
