"""Instructors work on the quizzes, questions and categories of their own courses only.

Issue 14: an instructor with no course opened the crane quiz and set its pass
mark 70 → 1. Another course's quiz, question or category is a 404 for them.
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from courses.models import CourseInstructor
from tests.assessments.factories import QuestionCategoryFactory, make_question, make_quiz
from tests.courses.factories import make_course
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_courses():
    return make_course(modules=1), make_course(modules=1)


@pytest.fixture
def teacher_of_a(two_courses):
    user = UserFactory(role="Instructors")
    CourseInstructor.objects.create(course=two_courses[0], user=user)
    return user


@pytest.fixture
def quizzes(two_courses):
    course_a, course_b = two_courses
    category_a = QuestionCategoryFactory(name="Cranes A")
    category_b = QuestionCategoryFactory(name="Geese B")
    quiz_a = make_quiz([make_question(title="Question of A")], course=course_a, title="Quiz A")
    quiz_b = make_quiz(
        [make_question(title="Question of B")],
        category=category_b,
        draw=1,
        course=course_b,
        title="Quiz B",
    )
    make_question(title="Drawn in B").categories.add(category_b)
    return {"a": quiz_a, "b": quiz_b, "category_a": category_a, "category_b": category_b}


def _url(model: str, action: str, *args) -> str:
    return reverse(f"wagtailsnippets_assessments_{model}:{action}", args=args)


def test_an_instructor_without_a_course_cannot_open_or_change_a_quiz(client, quizzes):
    """The defect of issue 14, as reported: pass mark 70 → 1 by a stranger."""
    stranger = UserFactory(role="Instructors")
    client.force_login(stranger)
    quiz = quizzes["b"]
    assert client.get(_url("quiz", "edit", quiz.pk), follow=True).status_code == 404
    response = client.post(
        _url("quiz", "edit", quiz.pk),
        {"title": quiz.title, "pass_mark": "1", "kind": "quiz"},
        follow=True,
    )
    assert response.status_code == 404
    quiz.refresh_from_db()
    assert quiz.pass_mark == Decimal("70")
    listing = client.get(_url("quiz", "list")).content.decode()
    assert "Quiz B" not in listing and "Quiz A" not in listing


def test_an_instructor_sees_only_their_courses_quizzes(client, teacher_of_a, quizzes):
    client.force_login(teacher_of_a)
    listing = client.get(_url("quiz", "list")).content.decode()
    assert "Quiz A" in listing
    assert "Quiz B" not in listing
    assert client.get(_url("quiz", "edit", quizzes["a"].pk)).status_code == 200
    assert client.get(_url("quiz", "edit", quizzes["b"].pk), follow=True).status_code == 404
    assert client.get(_url("quiz", "delete", quizzes["b"].pk), follow=True).status_code == 404
    assert client.get(_url("quiz", "history", quizzes["b"].pk), follow=True).status_code == 404


def test_an_instructor_sees_only_the_questions_of_their_courses(client, teacher_of_a, quizzes):
    client.force_login(teacher_of_a)
    listing = client.get(_url("question", "list")).content.decode()
    assert "Question of A" in listing
    assert "Question of B" not in listing and "Drawn in B" not in listing
    question_b = quizzes["b"].slots.exclude(question=None).get().question
    assert client.get(_url("question", "edit", question_b.pk), follow=True).status_code == 404


def test_an_instructor_sees_only_the_categories_of_their_courses(client, teacher_of_a, quizzes):
    client.force_login(teacher_of_a)
    assert (
        client.get(
            _url("questioncategory", "edit", quizzes["category_b"].pk), follow=True
        ).status_code
        == 404
    )
    listing = client.get(_url("questioncategory", "list")).content.decode()
    assert "Geese B" not in listing


def test_the_secretariat_sees_every_quiz(client, secretariat, quizzes):
    client.force_login(secretariat)
    listing = client.get(_url("quiz", "list")).content.decode()
    assert "Quiz A" in listing and "Quiz B" in listing
    assert client.get(_url("quiz", "edit", quizzes["b"].pk)).status_code == 200
