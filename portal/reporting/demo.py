"""Demo data of this app for ``load_demo_data``: idempotent, built through services."""

from decimal import Decimal

from portal.accounts.models import User

from .models import TargetMetric
from .services import target_set

# The programme's participation targets (women at least 40 %, youth at least 30 %,
# all five member countries reached) for the two demo years.
DEMO_TARGETS = [
    (year, metric, Decimal(minimum), note)
    for year in (2025, 2026)
    for metric, minimum, note in (
        (TargetMetric.WOMEN_SHARE, "40", "Programme gender target"),
        (TargetMetric.YOUTH_SHARE, "30", "Young researchers (35 or younger)"),
        (TargetMetric.COUNTRIES, "5", "China, Japan, Mongolia, Republic of Korea, Russia"),
        (TargetMetric.COMPLETION_RATE, "60", ""),
    )
]


def load(*, password: str, stdout=None) -> None:
    """Set the demo targets for 2025 and 2026 (replacing what is there)."""
    secretariat = User.objects.filter(email__iexact="secretariat@example.org").first()
    for year, metric, minimum, note in DEMO_TARGETS:
        target_set(year=year, metric=metric, minimum=minimum, note=note, acting_user=secretariat)
    if stdout is not None:
        stdout.write(f"reporting: {len(DEMO_TARGETS)} targets for 2025 and 2026")
