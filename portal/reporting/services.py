"""Writes of the reporting app: targets and annual snapshots."""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import BooleanField, Case, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from .definitions import Dimension, youth_max_age
from .models import Snapshot, SnapshotRecord, Target
from .report import Filters

logger = logging.getLogger(__name__)
BATCH = 2000


@transaction.atomic
def target_set(*, year: int, metric: str, minimum: Decimal, acting_user, note: str = "") -> Target:
    """Create or change the target for ``metric`` in ``year``.

    Raises:
        ValidationError: a year out of range, an unknown metric, a negative
            minimum or a share above 100 %.
    """
    target = Target.objects.filter(year=year, metric=metric).first() or Target(
        year=year, metric=metric
    )
    target.minimum = minimum
    target.note = note
    target.updated_by = acting_user
    target.full_clean()
    target.save()
    return target


@transaction.atomic
def target_delete(*, target: Target, acting_user) -> None:
    logger.info("Target %s deleted by user %s", target, getattr(acting_user, "pk", None))
    target.delete()


class SnapshotError(ValidationError):
    pass


@transaction.atomic
def snapshot_freeze(*, year: int, acting_user, note: str = "") -> Snapshot:
    """Freeze the figures of ``year``: copy each counted enrolment with its dimensions.

    From then on every report of that year reads the copy, so it comes out the
    same whatever later happens to profiles, enrolments or certificates.

    Raises:
        SnapshotError: the year is already frozen, or is not over yet.
    """
    from .selectors import _gain_facts, live_source

    if year >= timezone.now().year + 1 or year < 2000:
        raise SnapshotError(_("Only a year that has begun can be frozen."))
    if Snapshot.objects.select_for_update().filter(year=year).exists():
        raise SnapshotError(
            _("The figures of %(year)s are frozen already; unfreeze them first to re-freeze.")
            % {"year": year}
        )
    snapshot = Snapshot.objects.create(
        year=year,
        frozen_at=timezone.now(),
        frozen_by=acting_user,
        youth_max_age=youth_max_age(),
        note=note,
    )
    source = live_source(Filters(year=year))
    dims = source.dimensions
    gains = _gain_facts(source)
    rows = (
        source.queryset.annotate(
            s_youth=dims[Dimension.YOUTH],
            s_year=dims[Dimension.YEAR],
        )
        .annotate(
            s_certified=_flag(source.certified),
            s_attempted=_flag(source.attempted),
            s_passed=_flag(source.passed),
        )
        .values(
            "pk",
            "participant_id",
            "cohort_id",
            "participant__gender",
            "participant__country",
            "participant__organisation_type",
            "cohort__course__slug",
            "cohort__course__title",
            "cohort__slug",
            "cohort__title",
            "cohort__mode",
            "cohort__start_date",
            "enrolled_at",
            "completed_at",
            "s_youth",
            "s_year",
            "s_certified",
            "s_attempted",
            "s_passed",
        )
        .order_by("pk")
    )
    batch, count = [], 0
    for r in rows.iterator(chunk_size=BATCH):
        gain = gains.get((r["participant_id"], r["cohort_id"]))
        if r["cohort__mode"] == "self_paced" or r["cohort__start_date"] is None:
            reference = r["enrolled_at"].astimezone(dt.UTC).date()
        else:
            reference = r["cohort__start_date"]
        batch.append(
            SnapshotRecord(
                snapshot=snapshot,
                participant_id=r["participant_id"],
                enrolment_id=r["pk"],
                gender=r["participant__gender"] or "",
                country=r["participant__country"] or "",
                organisation_type=r["participant__organisation_type"] or "",
                youth=r["s_youth"],
                course=r["cohort__course__slug"],
                course_title=r["cohort__course__title"],
                cohort=r["cohort__slug"],
                cohort_title=r["cohort__title"],
                year=r["s_year"],
                reference_date=reference,
                completed=r["completed_at"] is not None,
                certified=bool(r["s_certified"]),
                attempted=bool(r["s_attempted"]),
                passed=bool(r["s_passed"]),
                pre_score=gain[2] if gain else None,
                post_score=gain[3] if gain else None,
            )
        )
        if len(batch) >= BATCH:
            SnapshotRecord.objects.bulk_create(batch)
            count += len(batch)
            batch = []
    SnapshotRecord.objects.bulk_create(batch)
    count += len(batch)
    snapshot.record_count = count
    snapshot.save(update_fields=["record_count"])
    logger.info("Figures of %s frozen by user %s", year, getattr(acting_user, "pk", None))
    return snapshot


def _flag(condition):
    return Case(
        When(condition, then=Value(True)), default=Value(False), output_field=BooleanField()
    )


@transaction.atomic
def snapshot_unfreeze(*, snapshot: Snapshot, acting_user, reason: str) -> None:
    """Drop a year's frozen figures, so that the year reads live data again.

    Raises:
        SnapshotError: no reason given.
    """
    if not reason.strip():
        raise SnapshotError(_("Say why the figures are unfrozen."))
    logger.warning(
        "Figures of %s unfrozen by user %s: %s",
        snapshot.year,
        getattr(acting_user, "pk", None),
        reason,
    )
    snapshot.delete()
