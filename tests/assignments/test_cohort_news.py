"""Announcements (dashboard, e-mail in each recipient's language) and iCalendar feeds."""

import datetime

import pytest
from django.core import mail
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
