"""Korean date and time with the 24-hour clock the portal uses for UTC times."""

DATETIME_FORMAT = "Y년 n월 j일 H:i"  # 2026년 11월 26일 14:30
