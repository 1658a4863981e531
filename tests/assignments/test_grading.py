"""Grading details: moderation by a second marker, the ZIP of all submissions as a task."""

import io
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from assignments.models import SubmissionArchive, ZipStatus
from assignments.services import grade_moderate, submission_grade, submission_hand_in
from courses.models import CourseInstructor
from tests.assignments.factories import COUNT_SHEET, make_assignment, png_bytes, upload
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_second_marker_moderates_a_scored_grade(enrolment, course):
    assignment = make_assignment(course=course, rubric=None, grading_scheme="score")
    submission = submission_hand_in(assignment=assignment, enrolment=enrolment, text="Plan.")
    first, second = UserFactory(role="Instructors"), UserFactory(role="Instructors")
    with pytest.raises(ValidationError, match="from 0 to 100"):
        submission_grade(submission=submission, grader=first, score=Decimal(120))
    grade = submission_grade(submission=submission, grader=first, score=Decimal(58))
    with pytest.raises(ValidationError, match="second marker"):
        grade_moderate(grade=grade, moderator=first, note="Fine.")
    grade = grade_moderate(grade=grade, moderator=second, note="Map missing", score=Decimal(52))
    assert (grade.percent, grade.moderated_by) == (Decimal(52), second)


def test_rubric_grading_needs_a_level_for_every_criterion(enrolment, course):
    assignment = make_assignment(course=course)
    submission = submission_hand_in(assignment=assignment, enrolment=enrolment, text="Counts.")
    first = assignment.criteria.order_by("sort_order").first()
    with pytest.raises(ValidationError, match="Double counts avoided"):
        submission_grade(
            submission=submission,
            grader=UserFactory(role="Instructors"),
            levels={first.pk: (1, "")},
        )


def test_zip_of_all_submissions_is_built_by_the_worker(
    client, enrolment, course, django_capture_on_commit_callbacks
):
    instructor = UserFactory(role="Instructors")
    CourseInstructor.objects.create(course=course, user=instructor)
    assignment = make_assignment(course=course)
    submission_hand_in(
        assignment=assignment,
        enrolment=enrolment,
        files=[upload("counts.csv", COUNT_SHEET), upload("flock.png", png_bytes())],
        text="Block counts.",
    )
    client.force_login(instructor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("assignments_admin:archive_request", args=[assignment.pk, enrolment.cohort_id])
        )
    archive = SubmissionArchive.objects.get()
    assert (archive.status, archive.processed, archive.total) == (ZipStatus.DONE, 1, 1)
    response = client.get(reverse("assignments_admin:archive", args=[archive.pk]))
    assert response["Content-Disposition"].startswith("attachment")
    names = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).namelist()
    assert len(names) == 3 and any(n.endswith("1-counts.csv") for n in names)
