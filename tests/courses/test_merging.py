"""Courses' merge step: two enrolments of one person in one cohort become one."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from courses.merging import enrolment_combine
from courses.models import Attendance, Enrolment, EnrolmentStatus, ModuleProgress
from portal.registry.services import MergeResult
from tests.certificates.factories import cohort_days
from tests.courses.factories import CohortFactory, EnrolmentFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def pair(cohort, **fields):
    person = ParticipantFactory()
    now = timezone.now()
    first = EnrolmentFactory(participant=person, cohort=cohort, enrolled_at=now, **fields)
    second = EnrolmentFactory(cohort=cohort, enrolled_at=now - datetime.timedelta(days=1))
    return first, second


@pytest.mark.parametrize(
    ("mine", "theirs", "expected"),
    [
        (EnrolmentStatus.WITHDRAWN, EnrolmentStatus.WAITLISTED, EnrolmentStatus.WAITLISTED),
        (EnrolmentStatus.WAITLISTED, EnrolmentStatus.ACTIVE, EnrolmentStatus.ACTIVE),
        (EnrolmentStatus.ACTIVE, EnrolmentStatus.WITHDRAWN, EnrolmentStatus.ACTIVE),
    ],
)
def test_the_better_status_and_the_earlier_dates_win(course, mine, theirs, expected):
    cohort = CohortFactory(course=course)
    enrolment, merged = pair(cohort, status=mine)
    merged.status = theirs
    merged.completed_at = timezone.now() - datetime.timedelta(hours=2)
    merged.save()
    result = MergeResult(kept=enrolment.participant)
    enrolment_combine(enrolment=enrolment, merged=merged, result=result)
    enrolment.refresh_from_db()
    assert enrolment.status == expected
    assert enrolment.enrolled_at == merged.enrolled_at
    assert enrolment.completed_at == merged.completed_at
    assert not Enrolment.objects.filter(pk=merged.pk).exists()


def test_progress_is_the_union_and_attendance_present_if_either(course):
    cohort = CohortFactory(course=course)
    modules = list(course.get_children().specific())
    days = cohort_days(cohort, 2)
    enrolment, merged = pair(cohort)
    ModuleProgress.objects.create(enrolment=merged, module=modules[2])
    Attendance.objects.create(enrolment=enrolment, day=days[0], present=False)
    Attendance.objects.create(enrolment=merged, day=days[0], present=True)
    Attendance.objects.create(enrolment=merged, day=days[1], present=False)
    result = MergeResult(kept=enrolment.participant)
    enrolment_combine(enrolment=enrolment, merged=merged, result=result)
    assert list(enrolment.module_progress.values_list("module_id", flat=True)) == [modules[2].pk]
    assert dict(enrolment.attendance.values_list("day_id", "present")) == {
        days[0].pk: True,
        days[1].pk: False,
    }
    assert result.moved_count(ModuleProgress) == 1 and result.moved_count(Attendance) == 1


def test_enrolments_of_different_cohorts_are_not_combined(course):
    enrolment = EnrolmentFactory(cohort=CohortFactory(course=course))
    other = EnrolmentFactory(cohort=CohortFactory(course=course))
    with pytest.raises(ValidationError):
        enrolment_combine(
            enrolment=enrolment, merged=other, result=MergeResult(kept=enrolment.participant)
        )
    assert Enrolment.objects.filter(pk=other.pk).exists()
