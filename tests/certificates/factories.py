"""Factories for certificates. Certificates themselves are made by the issue service."""

import datetime

from django.utils import timezone

from certificates.models import CertificatePolicy
from certificates.services import certificate_issue
from courses.models import CohortDay
from tests.courses.factories import CohortFactory, EnrolmentFactory, ParticipantFactory, make_course


def completed_enrolment(*, course=None, cohort=None, participant=None, **participant_fields):
    """An active enrolment whose course is complete."""
    if cohort is None:
        course = course or make_course(modules=1)
        cohort = CohortFactory(course=course)
    participant = participant or ParticipantFactory(**participant_fields)
    return EnrolmentFactory(participant=participant, cohort=cohort, completed_at=timezone.now())


def issued_certificate(**kwargs):
    """A valid certificate, issued through the service (PDF rendered and stored)."""
    return certificate_issue(enrolment=completed_enrolment(**kwargs), notify=False)


def cohort_days(cohort, count: int = 3) -> list[CohortDay]:
    return [
        CohortDay.objects.create(cohort=cohort, date=cohort.start_date + datetime.timedelta(days=n))
        for n in range(count)
    ]


def attend(enrolment, days, *, acting_user=None) -> None:
    """Tick ``enrolment`` present on ``days`` through courses, which decides completion."""
    from courses.services import enrolment_attendance_set

    enrolment_attendance_set(
        enrolment=enrolment, present_dates=[day.date for day in days], acting_user=acting_user
    )
    enrolment.refresh_from_db()


def policy(course, months: int | None = 36) -> CertificatePolicy:
    return CertificatePolicy.objects.create(course=course, validity_months=months)
