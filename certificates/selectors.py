"""Reads of certificates: what a learner holds, what a code verifies, who is eligible."""

from __future__ import annotations

import datetime

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from portal.accounts.permissions import Capability, can

from .models import Certificate, CertificateStatus, IssueRun


def certificates_for_participant(*, participant) -> QuerySet[Certificate]:
    """The certificates a participant holds, newest first, superseded ones left out.

    The dashboard lists them with links to ``certificates:download`` (``pk``)
    and ``certificates:verify`` (``code``); ``display_status()`` tells valid,
    expired and revoked apart. One query, whatever the number of certificates.
    """
    if participant is None:
        return Certificate.objects.none()
    return (
        Certificate.objects.filter(participant=participant)
        .exclude(status=CertificateStatus.SUPERSEDED)
        .select_related("course")
        .order_by("-issued_at", "-pk")
    )


def certificate_for_code(*, code: str) -> Certificate | None:
    """The certificate a verification code names, or None."""
    if not code or len(code) > 64:
        return None
    return Certificate.objects.filter(code=code).first()


def certificate_for_holder(*, user, pk: int) -> Certificate | None:
    """Certificate ``pk`` if ``user`` holds it or is secretariat; None otherwise.

    Callers answer None with 404, so that nobody learns which numbers exist.
    """
    if not user.is_authenticated:
        return None
    queryset = Certificate.objects.select_related("participant", "course")
    if not can(user, Capability.CERTIFICATES_MANAGE):
        queryset = queryset.filter(participant__user=user)
    return queryset.filter(pk=pk).first()


def valid_certificate(*, participant, course) -> Certificate | None:
    """The one valid certificate of ``participant`` for ``course``, if any."""
    return Certificate.objects.filter(
        participant=participant, course=course, status=CertificateStatus.VALID
    ).first()


def _attendance_met(enrolment) -> bool:
    from courses.models import CohortMode

    cohort = enrolment.cohort
    if cohort.mode != CohortMode.IN_PERSON:
        return False
    days = cohort.days.count()
    if not days:
        return False
    present = enrolment.attendance.filter(present=True).count()
    return present * 100 >= cohort.attendance_threshold * days


def enrolment_is_eligible(*, enrolment) -> bool:
    """True when ``enrolment`` earns a certificate.

    Either the course is complete (``completed_at``, set by courses), or the
    cohort is in person and the participant attended at least the cohort's
    threshold of its days (the same rule courses applies, checked here too so
    that attendance recorded outside ``attendance_record`` still counts; a
    blended cohort also needs its modules, so only completion counts there).
    Withdrawn and waitlisted enrolments never are.
    """
    from courses.models import EnrolmentStatus

    if enrolment.status != EnrolmentStatus.ACTIVE:
        return False
    if enrolment.completed_at is not None:
        return True
    return _attendance_met(enrolment)


def eligible_enrolments(*, cohort=None, course=None) -> QuerySet:
    """Active enrolments of a cohort or course that earn a certificate and hold none yet.

    Completion and attendance are counted in the database (one query for the
    list), so a cohort of thousands is not read day by day.
    """
    from courses.models import CohortMode, Enrolment, EnrolmentStatus

    queryset = Enrolment.objects.filter(status=EnrolmentStatus.ACTIVE)
    if cohort is not None:
        queryset = queryset.filter(cohort=cohort)
    if course is not None:
        queryset = queryset.filter(cohort__course=course)
    holds_valid = Certificate.objects.filter(
        participant=OuterRef("participant"),
        course=OuterRef("cohort__course"),
        status=CertificateStatus.VALID,
    )
    queryset = (
        queryset.annotate(
            _days=Count("cohort__days", distinct=True),
            _present=Count("attendance", filter=Q(attendance__present=True), distinct=True),
        )
        .annotate(
            _attendance_margin=F("_present") * 100 - F("cohort__attendance_threshold") * F("_days")
        )
        .filter(~Exists(holds_valid))
    )
    attended = Q(
        cohort__mode=CohortMode.IN_PERSON,
        _days__gt=0,
        _attendance_margin__gte=0,
    )
    queryset = queryset.filter(Q(completed_at__isnull=False) | attended)
    return queryset.select_related("participant__user", "cohort", "cohort__course").order_by("pk")


def certificates_expiring(*, within_days: int = 60, now: datetime.datetime | None = None):
    """Valid certificates expiring within ``within_days``, not yet reminded of it."""
    from .models import CertificateEvent

    now = now or timezone.now()
    reminded = CertificateEvent.objects.filter(
        certificate=OuterRef("pk"), action=CertificateEvent.Action.EXPIRY_REMINDED
    )
    return (
        Certificate.objects.filter(
            status=CertificateStatus.VALID,
            expires_at__gt=now,
            expires_at__lte=now + datetime.timedelta(days=within_days),
        )
        .filter(~Exists(reminded))
        .select_related("participant", "participant__user")
    )


def cohort_certificates(*, cohort) -> QuerySet[Certificate]:
    """The valid certificates issued to a cohort's enrolments, by serial."""
    return Certificate.objects.filter(
        enrolment__cohort=cohort, status=CertificateStatus.VALID
    ).order_by("serial")


def issue_runs_recent(limit: int = 20) -> QuerySet[IssueRun]:
    return IssueRun.objects.select_related("cohort", "course", "requested_by")[:limit]
