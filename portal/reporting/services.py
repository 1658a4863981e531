"""Writes of the reporting app: targets, annual snapshots and the participation facts."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    DateField,
    Exists,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, ExtractYear, TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.models import Certificate, CertificateStatus
from courses.models import CohortMode, Enrolment, EnrolmentStatus

from . import sql
from .definitions import Youth, report_min_cell, youth_max_age
from .models import ParticipationFact, PublishedFigures, Snapshot, SnapshotRecord, Target
from .report import Filters
from .selectors import public_views

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
    gains = _gain_facts(source)
    rows = (
        source.queryset.annotate(
            s_certified=_flag(source.certified),
            s_attempted=_flag(source.attempted),
            s_passed=_flag(source.passed),
        )
        .values(
            "enrolment_id",
            "participant_id",
            "cohort_id",
            "gender",
            "country",
            "organisation_type",
            "youth",
            "year",
            "reference_date",
            "completed",
            "course__slug",
            "course__title",
            "cohort__slug",
            "cohort__title",
            "s_certified",
            "s_attempted",
            "s_passed",
        )
        .order_by("enrolment_id")
    )
    batch, count = [], 0
    for r in rows.iterator(chunk_size=BATCH):
        gain = gains.get((r["participant_id"], r["cohort_id"]))
        batch.append(
            SnapshotRecord(
                snapshot=snapshot,
                participant_id=r["participant_id"],
                enrolment_id=r["enrolment_id"],
                gender=r["gender"],
                country=r["country"],
                organisation_type=r["organisation_type"],
                youth=r["youth"],
                course=r["course__slug"],
                course_title=r["course__title"],
                cohort=r["cohort__slug"],
                cohort_title=r["cohort__title"],
                year=r["year"],
                reference_date=r["reference_date"],
                completed=r["completed"],
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


# --- Participation facts ---------------------------------------------------------
#
# One row per counted enrolment with its dimensions resolved (see
# ``ParticipationFact``). The registry, courses and certificates send change
# signals from the services that change an input, inside their transaction;
# the receivers (``receivers.py``, connected in ``ReportingConfig.ready``) call
# ``participation_facts_refresh`` with what was touched. A bulk writer wraps its
# loop in ``portal.core.signals.changes_batched`` so that the rows are refreshed
# once, at the end.

FACT_COLUMNS = (
    "enrolment_id",
    "participant_id",
    "course_id",
    "cohort_id",
    "gender",
    "country",
    "organisation_type",
    "youth",
    "year",
    "reference_date",
    "completed",
    "certified",
    "certified_until",
)
ID_CHUNK = 500  # ids per IN (...) list: well below every backend's parameter limit


def _fact_select(enrolments: QuerySet, certificates: QuerySet) -> QuerySet:
    """The fact rows of ``enrolments`` as one SELECT, columns in ``FACT_COLUMNS`` order.

    This is where BRIEF §3 becomes data: the reference date is the cohort's
    start (self-paced, or no start date: the day of enrolment, UTC), the year is
    its year, youth is age (that year minus the birth year) at most
    ``YOUTH_MAX_AGE``, and a person is certified for a course while they hold a
    valid certificate for it (its expiry is kept, so that it stops counting).
    """
    by_enrolment = Q(cohort__mode=CohortMode.SELF_PACED) | Q(cohort__start_date__isnull=True)
    reference = Case(
        When(by_enrolment, then=TruncDate("enrolled_at", tzinfo=dt.UTC)),
        default=F("cohort__start_date"),
        output_field=DateField(),
    )
    year = Case(
        # PostgreSQL's EXTRACT answers a numeric: the year is an integer everywhere.
        When(by_enrolment, then=Cast(ExtractYear("enrolled_at", tzinfo=dt.UTC), IntegerField())),
        default=Cast(ExtractYear("cohort__start_date"), IntegerField()),
        output_field=IntegerField(),
    )
    valid = certificates.filter(
        participant_id=OuterRef("participant_id"),
        course_id=OuterRef("cohort__course_id"),
        status=CertificateStatus.VALID,
    )
    # The latest expiry, a certificate that never expires (NULL) first of all.
    until = valid.order_by(F("expires_at").desc(nulls_first=True)).values("expires_at")[:1]
    expressions = {
        "f_enrolment": F("pk"),
        "f_participant": F("participant_id"),
        "f_course": F("cohort__course_id"),
        "f_cohort": F("cohort_id"),
        "f_gender": F("participant__gender"),
        "f_country": F("participant__country"),
        "f_organisation_type": F("participant__organisation_type"),
        # age = year - birth year <= max age, i.e. birth year >= year - max age.
        "f_youth": Case(
            When(participant__birth_year__isnull=True, then=Value(Youth.UNKNOWN.value)),
            When(
                participant__birth_year__gte=year - youth_max_age(),
                then=Value(Youth.YOUTH.value),
            ),
            default=Value(Youth.NON_YOUTH.value),
            output_field=CharField(),
        ),
        "f_year": year,
        "f_reference_date": reference,
        "f_completed": Case(
            When(completed_at__isnull=False, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        "f_certified": Exists(valid),
        "f_certified_until": Subquery(until),
    }
    return (
        enrolments.exclude(status=EnrolmentStatus.WAITLISTED)
        .annotate(**expressions)
        .values(*expressions)
        .order_by()
    )


def participation_facts_insert(
    enrolments: QuerySet, *, certificates: QuerySet | None = None, using: str = "default"
) -> int:
    """INSERT … SELECT the fact rows of ``enrolments``; the database does all the work.

    The caller deletes the rows being replaced first. ``certificates`` and
    ``using`` let the data migration pass its historical models.

    Returns:
        How many rows were written.
    """
    if certificates is None:
        certificates = Certificate.objects.all()
    return sql.facts_insert_select(
        _fact_select(enrolments, certificates), columns=FACT_COLUMNS, using=using
    )


def _chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    ordered = sorted(set(ids))
    for start in range(0, len(ordered), ID_CHUNK):
        yield ordered[start : start + ID_CHUNK]


def participation_facts_refresh(
    *,
    enrolment_ids: Iterable[int] = (),
    participant_ids: Iterable[int] = (),
    cohort_ids: Iterable[int] = (),
) -> None:
    """Recompute the facts of the given enrolments, participants' and cohorts' enrolments.

    Called, in the sender's transaction, by the receivers of the lower apps'
    change signals (``receivers.py``) after anything a fact is made of changed:
    an enrolment's status or completion, a profile's gender, country, birth year
    or organisation type, a cohort's mode or start date, a certificate. A bulk
    writer sends its change signals inside ``portal.core.signals.changes_batched``,
    so this runs once, with every id, when its block ends.
    """
    scopes = {
        "enrolment_ids": set(enrolment_ids),
        "participant_ids": set(participant_ids),
        "cohort_ids": set(cohort_ids),
    }
    fields = {"enrolment_ids": "pk", "participant_ids": "participant_id", "cohort_ids": "cohort_id"}
    with transaction.atomic():
        for name, ids in scopes.items():
            fact_field = "enrolment_id" if name == "enrolment_ids" else fields[name]
            for chunk in _chunks(ids):
                enrolments = Enrolment.objects.filter(**{f"{fields[name]}__in": chunk})
                # Also by enrolment: a merge moves enrolments to another participant.
                # Two statements, as each can use its index where an OR could not.
                ParticipationFact.objects.filter(**{f"{fact_field}__in": chunk}).delete()
                ParticipationFact.objects.filter(enrolment_id__in=enrolments.values("pk")).delete()
                participation_facts_insert(enrolments)


@transaction.atomic
def participation_facts_rebuild(
    *, progress: Callable[[int, int], None] | None = None, chunk: int = 20000
) -> int:
    """Rebuild every participation fact from the registry, cohorts and certificates.

    All or nothing: the old rows are deleted and the new ones written in one
    transaction, so a failure leaves the facts as they were.

    Args:
        progress: called with (enrolments done, enrolments in all) after each chunk.
        chunk: enrolments per INSERT … SELECT.

    Returns:
        How many facts were written.
    """
    ParticipationFact.objects.all().delete()
    span = Enrolment.objects.aggregate(low=Min("pk"), high=Max("pk"), total=Count("pk"))
    total, written = span["total"], 0
    if not total:
        return 0
    # Chunks by primary-key range; progress in ids covered, which tracks rows closely.
    first, last = span["low"], span["high"]
    for low in range(first, last + 1, chunk):
        scope = Enrolment.objects.filter(pk__gte=low, pk__lt=low + chunk)
        written += participation_facts_insert(scope)
        if progress:
            progress(min(low + chunk, last + 1) - first, last + 1 - first)
    return written


def public_figures_publish(*, day: dt.date | None = None, min_cell: int | None = None) -> dict:
    """Publish the public figures of ``day`` (today), once; return what is published.

    The first call of a day computes every public view from the data as they
    stand, suppresses them together and stores the result; every later call
    that day (any language, any server) returns the stored figures unchanged.
    Two servers racing for the first call both compute, and the second to
    write reads the first one's row instead.
    """
    day = day or timezone.localdate()
    min_cell = report_min_cell() if min_cell is None else min_cell
    existing = PublishedFigures.objects.filter(day=day, min_cell=min_cell).first()
    if existing is not None:
        return existing.figures
    figures = public_views(min_cell=min_cell).published()
    try:
        with transaction.atomic():
            PublishedFigures.objects.create(
                day=day, min_cell=min_cell, published_at=timezone.now(), figures=figures
            )
    except IntegrityError:
        return PublishedFigures.objects.get(day=day, min_cell=min_cell).figures
    return figures
