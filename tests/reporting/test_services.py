from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from portal.reporting.models import Snapshot, SnapshotRecord, Target
from portal.reporting.report import Filters
from portal.reporting.selectors import breakdown, headline, participation_report
from portal.reporting.services import (
    SnapshotError,
    participation_facts_rebuild,
    snapshot_freeze,
    snapshot_unfreeze,
    target_set,
)

pytestmark = pytest.mark.django_db


def test_target_set_creates_then_replaces(secretariat):
    target = target_set(year=2025, metric="women_share", minimum=Decimal("40"), acting_user=None)
    again = target_set(
        year=2025, metric="women_share", minimum=Decimal("45"), acting_user=secretariat
    )
    assert again.pk == target.pk
    assert Target.objects.get().minimum == Decimal("45")
    assert Target.objects.get().updated_by == secretariat


@pytest.mark.parametrize(
    "metric,minimum,message",
    [
        ("women_share", Decimal("101"), "cannot be above 100"),
        ("participants", Decimal("-1"), "cannot be negative"),
        ("shoe_size", Decimal("1"), "not a valid choice"),
    ],
)
def test_target_set_refuses_nonsense(metric, minimum, message):
    with pytest.raises(ValidationError) as error:
        target_set(year=2025, metric=metric, minimum=minimum, acting_user=None)
    assert message in str(error.value)
    assert not Target.objects.exists()


def test_a_count_target_may_exceed_100():
    target_set(year=2025, metric="participants", minimum=Decimal("250"), acting_user=None)
    assert Target.objects.get().minimum == 250


def _figures(year):
    filters = Filters(year=year)
    report = participation_report(
        filters=filters,
        breakdowns=[["gender"], ["country", "youth"], ["course", "cohort"], ["organisation_type"]],
    )
    return (
        report.headline,
        [b.rows for b in report.breakdowns],
        report.gain_by_gender,
        report.gain_by_country,
    )


def test_a_frozen_year_reports_the_same_after_profiles_change(load_data, secretariat):
    from certificates.models import Certificate
    from portal.registry.models import Participant

    live_before = _figures(2025)
    snapshot = snapshot_freeze(year=2025, acting_user=secretariat, note="For the 2026 meeting")
    assert snapshot.record_count == SnapshotRecord.objects.count() > 0
    assert _figures(2025) == live_before

    # Everyone changes: gender, country, birth year; certificates are revoked.
    Participant.objects.update(gender="undisclosed", country="", birth_year=None)
    Certificate.objects.update(status="revoked", revoked_at=timezone.now())
    participation_facts_rebuild()  # bulk updates bypass the services
    assert _figures(2025) == live_before
    assert headline(filters=Filters(year=2025), with_gain=False).participants > 0
    # A year that is not frozen moves with the data.
    rows = breakdown(["gender"], filters=Filters(year=2024)).rows
    assert {r.keys[0] for r in rows if r.participants} == {"undisclosed"}


def test_freezing_twice_is_refused(load_data):
    snapshot_freeze(year=2024, acting_user=None)
    with pytest.raises(SnapshotError, match="frozen already"):
        snapshot_freeze(year=2024, acting_user=None)
    assert Snapshot.objects.count() == 1


def test_a_future_year_cannot_be_frozen(db):
    with pytest.raises(SnapshotError):
        snapshot_freeze(year=2999, acting_user=None)
    assert not Snapshot.objects.exists()


def test_unfreeze_needs_a_reason(load_data):
    snapshot = snapshot_freeze(year=2024, acting_user=None)
    with pytest.raises(SnapshotError):
        snapshot_unfreeze(snapshot=snapshot, acting_user=None, reason="  ")
    assert Snapshot.objects.exists()
    snapshot_unfreeze(snapshot=snapshot, acting_user=None, reason="Late workshop lists")
    assert not Snapshot.objects.exists()
    assert not SnapshotRecord.objects.exists()
