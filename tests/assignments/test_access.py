"""Who reaches what: own files only, own courses only (404 otherwise); attachments only."""

import pytest
from django.urls import reverse

from assignments.services import submission_hand_in
from courses.models import CourseInstructor, Enrolment
from tests.assignments.factories import COUNT_SHEET, make_assignment, upload
from tests.courses.factories import ParticipantFactory, make_course, self_paced
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def handed_in(enrolment, course):
    assignment = make_assignment(course=course)
    return submission_hand_in(
        assignment=assignment, enrolment=enrolment, files=[upload("counts.csv", COUNT_SHEET)]
    )


def test_learner_downloads_own_file_as_attachment_and_nobody_elses(client, learner, handed_in):
    item = handed_in.files.get()
    client.force_login(learner)
    response = client.get(reverse("assignments:file", args=[item.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == COUNT_SHEET
    other = UserFactory(role="Learners")
    ParticipantFactory(user=other, email=other.email)
    client.force_login(other)
    assert client.get(reverse("assignments:file", args=[item.pk])).status_code == 404


def test_instructors_grade_their_own_courses_only(client, handed_in, course):
    mine, theirs = UserFactory(role="Instructors"), UserFactory(role="Instructors")
    CourseInstructor.objects.create(course=course, user=mine)
    CourseInstructor.objects.create(course=make_course(modules=1), user=theirs)
    assignment, cohort = handed_in.assignment, handed_in.enrolment.cohort
    urls = [
        reverse("assignments_admin:grading", args=[assignment.pk, cohort.pk]),
        reverse("assignments_admin:grade", args=[handed_in.pk]),
        reverse("assignments_admin:file", args=[handed_in.files.get().pk]),
        reverse("assignments_admin:gradebook", args=[cohort.pk]),
        reverse("assignments_admin:announce", args=[cohort.pk]),
    ]
    client.force_login(mine)
    assert [client.get(url).status_code for url in urls] == [200] * len(urls)
    assert "Field count sheet" in client.get(reverse("assignments_admin:list")).content.decode()
    client.force_login(theirs)
    # A 404 under /admin/ is sent on to the language-prefixed address first.
    assert [client.get(url, follow=True).status_code for url in urls] == [404] * len(urls)
    assert "Field count sheet" not in client.get(reverse("assignments_admin:list")).content.decode()


def test_learners_get_403_from_grading(client, learner):
    client.force_login(learner)
    assert client.get(reverse("assignments_admin:list")).status_code in (302, 403)


def test_a_learner_not_enrolled_cannot_hand_in(client, course):
    assignment = make_assignment(course=course)
    user = UserFactory(role="Learners")
    ParticipantFactory(user=user, email=user.email)
    client.force_login(user)
    url = reverse("assignments:detail", args=[assignment.pk])
    assert "Enrol in the course" in client.get(url).content.decode()
    assert client.post(url, {"text": "Sneaky."}).status_code == 404
    assert not Enrolment.objects.filter(participant__user=user, cohort=self_paced(course)).exists()


def test_the_rubric_shows_before_hand_in_and_a_simple_score_shows_none(
    learner_client, enrolment, course
):
    from assignments.models import GradingScheme

    rubric = make_assignment(course=course, rubric=[("Sheet complete", [("Gaps", 0), ("All", 4)])])
    html = learner_client.get(reverse("assignments:detail", args=[rubric.pk])).content.decode()
    assert 'data-testid="rubric"' in html
    assert "Sheet complete" in html and "Gaps (0)" in html and "All (4)" in html
    score = make_assignment(
        course=course, title="Short note", rubric=None, grading_scheme=GradingScheme.SCORE
    )
    html = learner_client.get(reverse("assignments:detail", args=[score.pk])).content.decode()
    assert 'data-testid="rubric"' not in html


def test_the_assignment_page_reads_a_rubric_of_any_length_in_the_same_queries(
    learner_client, enrolment, course
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    levels = [("Missing", 0), ("Partly", 2), ("Complete", 4)]
    short = make_assignment(course=course, rubric=[("One", levels)])
    long = make_assignment(
        course=course, title="Long rubric", rubric=[(f"Criterion {n}", levels) for n in range(8)]
    )

    def queries(assignment) -> int:
        url = reverse("assignments:detail", args=[assignment.pk])
        learner_client.get(url)  # warm the per-request caches (site, locale)
        with CaptureQueriesContext(connection) as captured:
            assert learner_client.get(url).status_code == 200
        return len(captured)

    assert queries(long) == queries(short)
