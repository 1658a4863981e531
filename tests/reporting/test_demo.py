import pytest

from portal.reporting import demo
from portal.reporting.models import Target

pytestmark = pytest.mark.django_db


def test_demo_targets_are_idempotent():
    demo.load(password="x")
    demo.load(password="x")
    assert Target.objects.count() == 8
    assert set(Target.objects.values_list("year", flat=True)) == {2025, 2026}
    assert Target.objects.get(year=2026, metric="women_share").minimum == 40
