"""Quizzes and questions go through review like pages; attempts keep their version.

Learners only ever see published versions. An attempt keeps the version each
question had when it started, so an edit published meanwhile changes neither a
running attempt nor a graded one.
"""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Revision

from assessments import services
from assessments.models import Question, Quiz
from tests.assessments.factories import choice_value, make_question, make_quiz
from tests.factories import UserFactory


def _publish_edit(question: Question, *, text: str, user) -> None:
    """An edit as the editor makes it: a revision, then its publication."""
    question = Question.objects.get(pk=question.pk)
    question.text = text
    choices = list(question.choices.all())
    for choice in choices:  # the right answer moves to another choice
        choice.is_correct = not choice.is_correct if len(choices) == 2 else choice.is_correct
    question.save_revision(user=user).publish(user=user)


def _page(participant, password, attempt) -> str:
    client = Client()
    assert client.login(email=participant.user.email, password=password)
    return client.get(reverse("assessments:attempt_detail", args=[attempt.pk])).content.decode()


@pytest.mark.django_db
class TestDrafts:
    def test_a_draft_edit_is_not_shown_to_learners(self, participant, password):
        question = make_question("single", text="Old wording")
        quiz = make_quiz([question])
        editor = UserFactory(role="Instructors")
        draft = Question.objects.get(pk=question.pk)
        draft.text = "Draft wording"
        draft.save_revision(user=editor)
        attempt = services.attempt_start(quiz=quiz, participant=participant)
        page = _page(participant, password, attempt)
        assert "Old wording" in page and "Draft wording" not in page

    def test_a_question_never_published_is_not_drawn(self, participant):
        published = make_question("single")
        unpublished = make_question("single", live=False)
        quiz = make_quiz([published, unpublished])
        attempt = services.attempt_start(quiz=quiz, participant=participant)
        assert list(attempt.questions.values_list("question_id", flat=True)) == [published.pk]

    def test_a_quiz_never_published_is_not_open(self, participant, password):
        quiz = make_quiz([make_question("single")], live=False)
        client = Client()
        assert client.login(email=participant.user.email, password=password)
        assert client.get(reverse("assessments:quiz_detail", args=[quiz.pk])).status_code == 404
        start = client.post(reverse("assessments:attempt_start", args=[quiz.pk]))
        assert start.status_code == 404


@pytest.mark.django_db
class TestAttemptKeepsItsVersion:
    def test_published_edit_leaves_a_running_attempt_alone(self, participant, password):
        question = make_question(
            "single",
            text="Old wording",
            choices=[
                {"text": "Hooded Crane", "is_correct": True},
                {"text": "White-naped Crane"},
            ],
        )
        quiz = make_quiz([question])
        attempt = services.attempt_start(quiz=quiz, participant=participant)
        old_right = question.choices.get(is_correct=True)
        _publish_edit(question, text="New wording", user=UserFactory(role="Secretariat"))
        assert Question.objects.get(pk=question.pk).text == "New wording"
        page = _page(participant, password, attempt)
        assert "Old wording" in page and "New wording" not in page
        graded = services.attempt_submit(
            attempt=attempt, answers={1: {"choice": choice_value(attempt, old_right)}}
        )
        assert graded.percent == 100
        # A new attempt gets the new version, and records which one it is.
        retry = services.attempt_start(quiz=quiz, participant=participant)
        assert "New wording" in _page(participant, password, retry)
        live = Question.objects.get(pk=question.pk).live_revision_id
        assert live is not None
        assert retry.questions.get().question_revision_id == live


@pytest.mark.django_db
class TestWorkflow:
    def test_quizzes_and_questions_go_through_the_page_workflow(self):
        quiz = make_quiz([make_question("single")])
        question = Question.objects.get()
        assert quiz.get_workflow() is not None
        assert question.get_workflow() is not None
        assert quiz.get_workflow().pk == question.get_workflow().pk

    def test_instructors_submit_the_secretariat_publishes(self):
        instructor = UserFactory(role="Instructors")
        secretariat = UserFactory(role="Secretariat")
        for model in ("quiz", "question"):
            assert not instructor.has_perm(f"assessments.publish_{model}")
            assert secretariat.has_perm(f"assessments.publish_{model}")

    def test_an_instructors_edit_waits_for_approval(self, participant, password):
        question = make_question("single", text="Old wording")
        quiz = make_quiz([question])
        instructor = UserFactory(role="Instructors")
        secretariat = UserFactory(role="Secretariat")
        draft = Question.objects.get(pk=question.pk)
        draft.text = "Reviewed wording"
        revision = draft.save_revision(user=instructor)
        workflow = draft.get_workflow()
        workflow.start(draft, instructor)
        assert Question.objects.get(pk=question.pk).text == "Old wording"
        state = Question.objects.get(pk=question.pk).current_workflow_state
        task = state.current_task_state.task.specific
        task.on_action(state.current_task_state, secretariat, "approve")
        assert Question.objects.get(pk=question.pk).text == "Reviewed wording"
        assert Revision.objects.get(pk=revision.pk).object_id == str(question.pk)
        assert Quiz.objects.get(pk=quiz.pk).live


def _publish_quiz_edit(quiz: Quiz, *, user, **fields) -> None:
    """A quiz edit as the editor makes it: a revision, then its publication."""
    quiz = Quiz.objects.get(pk=quiz.pk)
    for name, value in fields.items():
        setattr(quiz, name, value)
    quiz.save_revision(user=user).publish(user=user)


@pytest.mark.django_db
class TestGradingKeepsItsVersion:
    """The pass mark applied at submit is the one of the quiz version the attempt began on."""

    def _half_right(self, attempt, question):
        right = question.choices.get(is_correct=True)
        return {1: {"choice": choice_value(attempt, right)}}

    def test_a_pass_mark_published_mid_attempt_does_not_grade_it(self, participant):
        first, second = make_question("single"), make_question("single")
        quiz = make_quiz([first, second], pass_mark=50, shuffle_questions=False)
        secretariat = UserFactory(role="Secretariat")
        _publish_quiz_edit(quiz, user=secretariat)  # version 1: pass mark 50
        quiz = Quiz.objects.get(pk=quiz.pk)
        attempt = services.attempt_start(quiz=quiz, participant=participant)
        assert attempt.quiz_revision_id == Quiz.objects.get(pk=quiz.pk).live_revision_id
        _publish_quiz_edit(quiz, user=secretariat, pass_mark=90)
        assert Quiz.objects.get(pk=quiz.pk).pass_mark == 90
        graded = services.attempt_submit(attempt=attempt, answers=self._half_right(attempt, first))
        assert graded.percent == 50
        assert graded.passed is True
        # The next attempt begins on the new version and is graded by it.
        quiz = Quiz.objects.get(pk=quiz.pk)
        retry = services.attempt_start(quiz=quiz, participant=participant)
        graded = services.attempt_submit(attempt=retry, answers=self._half_right(retry, first))
        assert graded.percent == 50 and graded.passed is False

    def test_the_submit_view_and_result_page_use_the_attempts_pass_mark(
        self, participant, password
    ):
        first, second = make_question("single"), make_question("single")
        quiz = make_quiz([first, second], pass_mark=50, shuffle_questions=False)
        secretariat = UserFactory(role="Secretariat")
        _publish_quiz_edit(quiz, user=secretariat)
        attempt = services.attempt_start(quiz=Quiz.objects.get(pk=quiz.pk), participant=participant)
        _publish_quiz_edit(quiz, user=secretariat, pass_mark=90)
        client = Client()
        assert client.login(email=participant.user.email, password=password)
        right = first.choices.get(is_correct=True)
        client.post(
            reverse("assessments:attempt_submit", args=[attempt.pk]),
            {"q1-present": "1", "q1-choice": choice_value(attempt, right)},
        )
        attempt.refresh_from_db()
        assert attempt.passed is True
        page = client.get(reverse("assessments:attempt_result", args=[attempt.pk]))
        assert "pass mark 50%" in page.content.decode()
