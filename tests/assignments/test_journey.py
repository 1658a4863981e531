"""Issue 19 bar: the journey, over HTTP. A learner hands in a count sheet, the instructor
grades it with the rubric and releases the grades, the learner sees grade and feedback,
the certificate follows once the rest is done, and the checklist changes at each step."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from assignments.models import Submission, SubmissionStatus
from certificates.models import Certificate
from courses import selectors as course_selectors
from courses.models import CourseInstructor
from courses.services import module_mark_done
from tests.assignments.factories import COUNT_SHEET, deadline, make_assignment, upload
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _checklist(client, course) -> str:
    html = client.get(course.url).content.decode()
    start = html.index('data-testid="requirements"')
    return html[start : html.index("</ul>", start)]


def test_hand_in_grade_release_feedback_and_certificate(
    client, learner, enrolment, course, django_capture_on_commit_callbacks
):
    instructor = UserFactory(role="Instructors")
    CourseInstructor.objects.create(course=course, user=instructor)
    assignment = make_assignment(course=course, title="Khurkh count sheet")
    deadline(assignment, enrolment.cohort, timezone.now() + datetime.timedelta(days=7))
    for module in course_selectors.course_modules(course=course):
        module_mark_done(enrolment=enrolment, module=module)
    url = reverse("assignments:detail", args=[assignment.pk])

    client.force_login(learner)
    assert "pass mark 50 %; not handed in yet" in _checklist(client, course)

    # The learner hands in the sheet and gets a receipt.
    response = client.post(url, {"files": [upload("khurkh.csv", COUNT_SHEET)], "text": "Dawn."})
    assert response.status_code == 302
    submission = Submission.objects.get()
    html = client.get(url).content.decode()
    assert submission.receipt in html and "khurkh.csv" in html
    assert "waiting for the grade" in _checklist(client, course)
    # Resubmitting before the due date replaces the work, with a new receipt.
    client.post(url, {"files": [upload("khurkh-v2.csv", COUNT_SHEET)]})
    submission.refresh_from_db()
    assert submission.version == 2 and submission.files.get().original_name == "khurkh-v2.csv"

    # The instructor grades with the rubric: 10 + 3 of 16.
    client.force_login(instructor)
    grading = reverse("assignments_admin:grading", args=[assignment.pk, enrolment.cohort_id])
    assert "khurkh-v2.csv" in client.get(grading + "?show=ungraded").content.decode()
    first, second = assignment.criteria.order_by("sort_order")
    response = client.post(
        reverse("assignments_admin:grade", args=[submission.pk]),
        {
            f"level-{first.pk}": "2",
            f"feedback-{first.pk}": "Every roost covered.",
            f"level-{second.pk}": "1",
            f"feedback-{second.pk}": "Flocks moving between roosts were counted twice.",
            "feedback": "Good sheet; mark the flight lines next time.",
        },
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.GRADED
    assert str(submission.grade.percent) == "81.25"

    # Not released yet: the learner sees neither grade nor feedback, and cannot replace the work.
    client.force_login(learner)
    html = client.get(url).content.decode()
    assert "81.25" not in html and "flight lines" not in html
    assert "waiting for the grade" in _checklist(client, course)
    assert not Certificate.objects.exists()

    client.force_login(instructor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("assignments_admin:release", args=[assignment.pk, enrolment.cohort_id]))

    client.force_login(learner)
    html = client.get(url).content.decode()
    assert "81.25" in html and "flight lines" in html and "counted twice" in html
    assert "your grade 81.25" in _checklist(client, course)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    assert Certificate.objects.filter(participant=enrolment.participant).exists()
    assert "You have completed this course." in client.get(course.url).content.decode()


def test_graded_work_and_work_after_a_refusing_due_date_cannot_be_handed_in(
    learner_client, enrolment, course
):
    assignment = make_assignment(course=course)
    deadline(
        assignment,
        enrolment.cohort,
        timezone.now() - datetime.timedelta(hours=1),
        late_policy="refuse",
    )
    url = reverse("assignments:detail", args=[assignment.pk])
    response = learner_client.post(url, {"files": [upload("late.csv", COUNT_SHEET)]})
    assert response.status_code == 400
    assert "takes no late work" in response.content.decode()
    assert not Submission.objects.exists()


def test_late_work_is_accepted_and_marked_late_where_the_cohort_allows(
    learner_client, enrolment, course
):
    assignment = make_assignment(course=course)
    deadline(assignment, enrolment.cohort, timezone.now() - datetime.timedelta(hours=1))
    url = reverse("assignments:detail", args=[assignment.pk])
    assert learner_client.post(url, {"text": "Late but here."}).status_code == 302
    assert Submission.objects.get().is_late
