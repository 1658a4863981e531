"""A question that cannot be shown or graded: an apology, the rest graded, the instructor told.

Validation keeps such questions out of the bank; these rows are written past
it (as an old row or a bulk update could), to check the quiz never answers 500.
"""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from assessments import display, services
from assessments.models import Question, QuestionKind
from courses.models import CourseInstructor
from tests.assessments.factories import make_question, make_quiz
from tests.courses.factories import make_course
from tests.factories import UserFactory


@pytest.fixture
def broken_quiz(db):
    course = make_course(modules=1)
    good = make_question("single")
    broken = make_question(QuestionKind.COLOUR_BANDS)
    # The defect of issue 14: a typo in the raw JSON, saved past validation.
    Question.objects.filter(pk=broken.pk).update(
        band_answer={"left_bellow": ["lilac"], "right_above": ["red"]}
    )
    teacher = UserFactory(role="Instructors", email="teacher@example.org")
    CourseInstructor.objects.create(course=course, user=teacher)
    quiz = make_quiz([good, broken], course=course, shuffle_questions=False)
    return quiz, good, broken


@pytest.mark.django_db
def test_attempt_page_apologises_for_the_broken_question(broken_quiz, participant, password):
    quiz, _good, _broken = broken_quiz
    attempt = services.attempt_start(quiz=quiz, participant=participant)
    client = Client()
    assert client.login(email=participant.user.email, password=password)
    for _visit in range(2):  # also on reopening the attempt
        response = client.get(reverse("assessments:attempt_detail", args=[attempt.pk]))
        assert response.status_code == 200
        content = response.content.decode()
        assert "cannot be shown" in content
        assert "lilac" not in content


@pytest.mark.django_db
def test_the_rest_is_graded(broken_quiz, participant, password):
    quiz, good, _broken = broken_quiz
    attempt = services.attempt_start(quiz=quiz, participant=participant)
    right = good.choices.get(is_correct=True)
    token = display.choice_token(attempt_id=attempt.pk, choice_id=right.pk)
    client = Client()
    assert client.login(email=participant.user.email, password=password)
    response = client.post(
        reverse("assessments:attempt_submit", args=[attempt.pk]),
        {"q1-choice": token, "q2-left_above": "red"},
    )
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.status == "submitted"
    assert attempt.max_score == 1
    assert attempt.percent == 100
    result = client.get(reverse("assessments:attempt_result", args=[attempt.pk]))
    assert result.status_code == 200


@pytest.mark.django_db
def test_the_instructor_is_told(broken_quiz, participant, django_capture_on_commit_callbacks):
    quiz, _good, broken = broken_quiz
    with django_capture_on_commit_callbacks(execute=True):
        services.attempt_start(quiz=quiz, participant=participant)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "teacher@example.org" in message.bcc
    assert broken.title in message.body
    assert "left_bellow" in message.body
