"""Announcements (dashboard, e-mail in each recipient's language) and iCalendar feeds."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from assignments.ical import calendar_token_for
from assignments.services import announcement_post, cohort_event_create
from courses.models import CohortDay
from tests.assignments.factories import deadline, make_assignment
from tests.courses.factories import EnrolmentFactory, ParticipantFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_announcement_reaches_the_dashboard_and_each_learner_in_their_language(
    client, learner, enrolment, django_capture_on_commit_callbacks
):
    russian = UserFactory(role="Learners", preferred_language="ru")
    EnrolmentFactory(
        participant=ParticipantFactory(user=russian, email=russian.email), cohort=enrolment.cohort
    )
    with django_capture_on_commit_callbacks(execute=True):
        announcement_post(
            cohort=enrolment.cohort,
            author=UserFactory(role="Instructors"),
            title="Roost count moved to Saturday",
            body="Meet at the bridge at 5:30.",
        )
    languages = {m.to[0]: m.extra_headers["Content-Language"] for m in mail.outbox}
    assert languages == {learner.email: "en", russian.email: "ru"}
    assert all("Meet at the bridge" in m.body for m in mail.outbox)
    client.force_login(learner)
    html = client.get(reverse("courses:dashboard")).content.decode()
    assert "Roost count moved to Saturday" in html


def test_cohort_and_learner_feeds(client, learner, enrolment, course):
    cohort = enrolment.cohort
    assignment = make_assignment(course=course, title="Count sheet")
    deadline(assignment, cohort, timezone.now() + datetime.timedelta(days=3))
    cohort_event_create(
        cohort=cohort,
        title="Field session, Khurkh",
        starts_at=timezone.now() + datetime.timedelta(days=1),
    )
    CohortDay.objects.create(cohort=cohort, date=datetime.date(2025, 7, 6), title="Arrival")

    client.force_login(learner)
    response = client.get(reverse("assignments:cohort_feed", args=[cohort.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    summaries = sorted(
        str(e["summary"]) for e in Calendar.from_ical(response.content).walk("VEVENT")
    )
    assert summaries == sorted(
        f"{cohort.title}: {t}" for t in ("Count sheet", "Field session, Khurkh", "Arrival")
    )

    token = calendar_token_for(participant=enrolment.participant).token
    client.logout()
    feed = client.get(reverse("assignments:learner_feed", args=[token]))
    assert feed.status_code == 200 and b"Count sheet" in feed.content
    assert client.get(reverse("assignments:learner_feed", args=["wrong"])).status_code == 404
    stranger = UserFactory(role="Learners")
    client.force_login(stranger)
    assert client.get(reverse("assignments:cohort_feed", args=[cohort.pk])).status_code == 404


def test_due_soon_lists_only_work_still_to_hand_in_by_the_cohorts_due_date(
    client, learner, enrolment, course
):
    """Handed-in and graded work leaves the list; what is left comes by due date, with its policy.

    Due dates are the learner's cohort's, not another cohort's of the same course.
    """
    from assignments.models import LatePolicy
    from assignments.services import submission_grade, submission_hand_in
    from tests.courses.factories import CohortFactory

    now = timezone.now()
    cohort = enrolment.cohort
    handed_in = make_assignment(course=course, title="Roost count sheet", rubric=None)
    graded = make_assignment(
        course=course, title="Band reading", rubric=None, grading_scheme="score"
    )
    later = make_assignment(course=course, title="Habitat notes", rubric=None)
    sooner = make_assignment(course=course, title="Flock photo count", rubric=None)
    overdue = make_assignment(course=course, title="Juvenile ratio", rubric=None)
    closed = make_assignment(course=course, title="Closed exercise", rubric=None)
    for assignment, days in ((handed_in, 2), (graded, 3), (later, 9), (sooner, 4)):
        deadline(assignment, cohort, now + datetime.timedelta(days=days))
    deadline(overdue, cohort, now - datetime.timedelta(days=1))
    deadline(closed, cohort, now - datetime.timedelta(days=1), late_policy=LatePolicy.REFUSE)
    # Another cohort's earlier date for the same assignment is not this learner's.
    deadline(later, CohortFactory(course=course), now + datetime.timedelta(days=1))
    submission_hand_in(assignment=handed_in, enrolment=enrolment, text="412 adults")
    submission_grade(
        submission=submission_hand_in(assignment=graded, enrolment=enrolment, text="R-W/G"),
        grader=UserFactory(role="Instructors"),
        score=80,
    )

    client.force_login(learner)
    response = client.get(reverse("courses:dashboard"))
    html = response.content.decode()
    section = html[html.index('data-testid="due-soon"') :]
    section = section[: section.index("</ul>")]
    left = ("Juvenile ratio", "Flock photo count", "Habitat notes")
    assert all(title in section for title in left)
    assert [section.index(t) for t in left] == sorted(section.index(t) for t in left)
    for gone in ("Roost count sheet", "Band reading", "Closed exercise"):
        assert gone not in section
    assert "overdue, late work accepted" in section


def test_work_returned_for_resubmission_is_due_again_and_may_be_handed_in_late(
    client, learner, enrolment, course
):
    """Moodle's "reopen": returned work goes back on the list, even past a refusing date."""
    from assignments.models import LatePolicy, SubmissionStatus
    from assignments.selectors import due_for_learner
    from assignments.services import submission_hand_in, submission_return

    assignment = make_assignment(course=course, title="Roost count sheet", rubric=None)
    due = deadline(
        assignment,
        enrolment.cohort,
        timezone.now() + datetime.timedelta(days=1),
        late_policy=LatePolicy.REFUSE,
    )
    submission = submission_hand_in(assignment=assignment, enrolment=enrolment, text="412")
    assert due_for_learner(participant=enrolment.participant) == []
    with pytest.raises(ValidationError):
        submission_return(submission=submission, note="  ")
    submission_return(submission=submission, note="Add the juveniles column.")
    due.due_at = timezone.now() - datetime.timedelta(hours=1)
    due.save()

    (item,) = due_for_learner(participant=enrolment.participant)
    assert item.assignment_id == assignment.pk and item.is_returned
    client.force_login(learner)
    url = reverse("assignments:detail", args=[assignment.pk])
    html = client.get(url).content.decode()
    assert "Add the juveniles column." in html and 'name="text"' in html
    assert client.post(url, {"text": "412 adults, 37 juveniles"}).status_code == 302
    submission.refresh_from_db()
    assert (submission.status, submission.version) == (SubmissionStatus.SUBMITTED, 2)
    assert due_for_learner(participant=enrolment.participant) == []
