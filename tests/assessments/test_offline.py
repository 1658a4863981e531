"""Issue 16: the queued submit grades once by its key; offline quizzes are untimed."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessments import services
from assessments.models import Attempt, AttemptStatus
from assessments.offline import offline_quizzes
from tests.assessments.factories import choice_value, make_question, make_quiz

pytestmark = pytest.mark.django_db


def _right(attempt, question) -> dict:
    return {"q1-choice": choice_value(attempt, question.choices.get(is_correct=True))}


def _client(participant, password) -> Client:
    client = Client(enforce_csrf_checks=True)
    assert client.login(email=participant.user.email, password=password)
    return client


def _csrf(client) -> str:
    client.get(reverse("courses:dashboard"))
    return client.cookies["csrftoken"].value


class TestSubmitOnce:
    def test_the_same_key_twice_grades_once(self, participant):
        question = make_question("single")
        quiz = make_quiz([question])
        attempt = services.attempt_start(quiz=quiz, participant=participant)
        answers = {1: choice_value(attempt, question.choices.get(is_correct=True))}
        graded, outcome = services.attempt_submit_once(
            attempt=attempt, answers={}, submit_key="k-1"
        )
        assert outcome == services.SubmitOutcome.GRADED
        first_submitted_at = graded.submitted_at
        again, outcome = services.attempt_submit_once(
            attempt=Attempt.objects.get(pk=attempt.pk), answers=answers, submit_key="k-1"
        )
        assert outcome == services.SubmitOutcome.REPLAYED
        # The repeat's (right) answers were not graded: the first grade stands.
        assert again.submitted_at == first_submitted_at
        assert again.score == graded.score == 0
        assert Attempt.objects.filter(quiz=quiz, participant=participant).count() == 1

    def test_another_key_after_grading_is_told_submitted_elsewhere(self, participant):
        question = make_question("single")
        quiz = make_quiz([question])
        attempt = services.attempt_start(quiz=quiz, participant=participant)
        services.attempt_submit_once(attempt=attempt, answers={}, submit_key="phone")
        graded, outcome = services.attempt_submit_once(
            attempt=Attempt.objects.get(pk=attempt.pk),
            answers={1: choice_value(attempt, question.choices.get(is_correct=True))},
            submit_key="laptop",
        )
        assert outcome == services.SubmitOutcome.SUBMITTED_ELSEWHERE
        assert graded.submit_key == "phone" and graded.score == 0

    def test_quiz_closed_meanwhile_grades_what_was_saved_in_time(self, participant):
        question = make_question("single")
        quiz = make_quiz([question], closes_at=timezone.now() + timedelta(hours=1))
        attempt = services.attempt_start(quiz=quiz, participant=participant)
        later = timezone.now() + timedelta(days=2)
        graded, outcome = services.attempt_submit_once(
            attempt=attempt,
            answers={1: choice_value(attempt, question.choices.get(is_correct=True))},
            submit_key="k",
            now=later,
        )
        assert outcome == services.SubmitOutcome.LATE
        assert graded.status == AttemptStatus.SUBMITTED
        assert graded.score == 0  # the answer arrived after the close: not counted

    def test_a_key_is_required(self, participant):
        quiz = make_quiz([make_question("single")])
        attempt = services.attempt_start(quiz=quiz, participant=participant)
        with pytest.raises(ValueError):
            services.attempt_submit_once(attempt=attempt, answers={}, submit_key="")


class TestSubmitQueuedView:
    def test_replayed_submit_returns_the_same_result(self, participant, password):
        question = make_question("single")
        quiz = make_quiz([question])
        attempt = services.attempt_start(quiz=quiz, participant=participant)
        client = _client(participant, password)
        token = _csrf(client)
        url = reverse("assessments:attempt_submit_queued", args=[attempt.pk])
        body = {**_right(attempt, question), "submit_key": "abc", "csrfmiddlewaretoken": token}
        first = client.post(url, body)
        second = client.post(url, body)
        assert first.status_code == second.status_code == 200
        assert first.json()["outcome"] == "graded"
        assert second.json()["outcome"] == "replayed"
        assert first.json()["result_url"] == second.json()["result_url"]
        attempt.refresh_from_db()
        assert attempt.passed and attempt.submit_key == "abc"

    def test_without_csrf_token_refused(self, participant, password):
        quiz = make_quiz([make_question("single")])
        attempt = services.attempt_start(quiz=quiz, participant=participant)
        client = _client(participant, password)
        url = reverse("assessments:attempt_submit_queued", args=[attempt.pk])
        assert client.post(url, {"submit_key": "abc"}).status_code == 403
        attempt.refresh_from_db()
        assert attempt.status == AttemptStatus.IN_PROGRESS

    def test_somebody_elses_attempt_is_404(self, participant, other_participant, password):
        from tests.factories import UserFactory

        other_participant.user = UserFactory(email="other@example.org")
        other_participant.save()
        quiz = make_quiz([make_question("single")])
        attempt = services.attempt_start(quiz=quiz, participant=other_participant)
        client = _client(participant, password)
        token = _csrf(client)
        url = reverse("assessments:attempt_submit_queued", args=[attempt.pk])
        response = client.post(url, {"submit_key": "abc", "csrfmiddlewaretoken": token})
        assert response.status_code == 404
        attempt.refresh_from_db()
        assert attempt.status == AttemptStatus.IN_PROGRESS

    def test_missing_key_is_a_clear_400(self, participant, password):
        quiz = make_quiz([make_question("single")])
        attempt = services.attempt_start(quiz=quiz, participant=participant)
        client = _client(participant, password)
        token = _csrf(client)
        url = reverse("assessments:attempt_submit_queued", args=[attempt.pk])
        response = client.post(url, {"csrfmiddlewaretoken": token})
        assert response.status_code == 400
        assert response.json()["error"]
        attempt.refresh_from_db()
        assert attempt.status == AttemptStatus.IN_PROGRESS


class TestOfflineQuizzes:
    def test_timed_quiz_cannot_be_offline(self):
        quiz = make_quiz([make_question("single")], time_limit_minutes=20)
        quiz.offline_allowed = True
        with pytest.raises(ValidationError) as error:
            quiz.full_clean()
        assert "offline_allowed" in error.value.message_dict
        with pytest.raises(IntegrityError):
            quiz.save()

    def test_only_untimed_live_quizzes_marked_offline_are_packed(
        self, course, django_assert_num_queries
    ):
        offline = make_quiz([make_question("single")], course=course, offline_allowed=True)
        make_quiz([make_question("single")], course=course)
        with django_assert_num_queries(2):
            packed = offline_quizzes(course=course, participant=None)
        assert [quiz.start_url for quiz in packed] == [
            reverse("assessments:attempt_start", args=[offline.pk])
        ]
        assert packed[0].detail_urls == [reverse("assessments:quiz_detail", args=[offline.pk])]
