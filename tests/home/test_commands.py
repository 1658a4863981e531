"""``generate_load_data``: the load test's data set, checked at its smallest size."""

import json

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from assessments.models import Attempt, AttemptStatus, Quiz
from assessments.selectors import enrolment_for_quiz
from assessments.services import attempt_start
from courses.models import Cohort, CoursePage, Enrolment, ModulePage
from portal.accounts.models import User
from portal.home.load_data import LOAD_PASSWORD, QUESTIONS_PER_QUIZ, SIZES
from portal.registry.models import Participant
from portal.reporting.models import ParticipationFact

pytestmark = pytest.mark.django_db


def test_size_s_creates_the_counts_of_its_size(tmp_path):
    size = SIZES["S"]
    manifest = tmp_path / "load.json"

    call_command("generate_load_data", size="S", manifest=str(manifest), verbosity=0)

    load_courses = CoursePage.objects.filter(
        slug__startswith="load-course-", locale__language_code="en"
    )
    assert load_courses.count() == size.courses
    assert ModulePage.objects.child_of(load_courses.first()).count() == size.modules_per_course
    # Readers in every language find the courses: each language's tree has them.
    assert CoursePage.objects.filter(slug="load-course-01").count() == len(settings.LANGUAGES)
    learners = User.objects.filter(email__startswith="load-learner-")
    assert learners.count() == size.participants
    assert learners.get(email="load-learner-00001@example.org").check_password(LOAD_PASSWORD)
    assert (
        Participant.objects.filter(user__in=learners, profile_completed_at__isnull=False).count()
        == size.participants
    )
    assert Cohort.objects.filter(course__in=load_courses).count() == size.cohorts
    assert Enrolment.objects.filter(cohort__course__in=load_courses).count() >= size.participants
    assert Quiz.objects.filter(course__in=load_courses).count() == size.courses
    assert (
        Attempt.objects.filter(
            quiz__course__in=load_courses, status=AttemptStatus.SUBMITTED
        ).count()
        == size.attempts
    )
    # The report reads facts: the generated enrolments are counted there.
    assert (
        ParticipationFact.objects.count() == Enrolment.objects.exclude(status="waitlisted").count()
    )
    data = json.loads(manifest.read_text())
    assert data["learners"] == size.participants
    assert len(data["courses"]) == size.courses
    assert all(course["quiz_id"] for course in data["courses"])


def test_refuses_to_run_twice(tmp_path):
    call_command("generate_load_data", size="S", manifest=str(tmp_path / "a.json"), verbosity=0)

    with pytest.raises(CommandError, match="already"):
        call_command("generate_load_data", size="S", manifest=str(tmp_path / "b.json"), verbosity=0)
    assert User.objects.filter(email__startswith="load-learner-").count() == SIZES["S"].participants


def test_a_load_learner_can_take_its_course_quiz(tmp_path):
    manifest = tmp_path / "load.json"
    call_command("generate_load_data", size="S", manifest=str(manifest), verbosity=0)
    course = json.loads(manifest.read_text())["courses"][0]
    participant = Participant.objects.get(email="load-learner-00001@example.org")
    quiz = Quiz.objects.get(pk=course["quiz_id"])

    # Learner 1 studies the first course, as the locustfile assumes.
    enrolment = enrolment_for_quiz(quiz=quiz, participant=participant)
    assert enrolment is not None
    attempt = attempt_start(quiz=quiz, participant=participant, enrolment=enrolment)
    assert attempt.questions.count() == QUESTIONS_PER_QUIZ
