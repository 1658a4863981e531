"""Instructors work on the quizzes, questions and categories of their own courses only.

Issue 14: an instructor with no course opened the crane quiz and set its pass
mark 70 → 1. Another course's quiz, question or category is a 404 for them.
"""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from assessments.models import Question
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


def test_the_bank_filters_name_only_the_instructors_quizzes_and_courses(
    client, teacher_of_a, quizzes, two_courses
):
    """The "used in quiz" and course filters listed every quiz and course title."""
    client.force_login(teacher_of_a)
    listing = client.get(_url("question", "list")).content.decode()
    assert ">Quiz A<" in listing
    assert ">Quiz B<" not in listing
    assert two_courses[1].title not in listing


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


def _quiz_form(quiz, **changes) -> dict:
    data = nested_form_data(
        {
            "title": quiz.title,
            "kind": quiz.kind,
            "intro": quiz.intro,
            "course": quiz.course_id or "",
            "required": "on" if quiz.required else "",
            "pass_mark": str(quiz.pass_mark),
            "attempts_allowed": quiz.attempts_allowed,
            "time_limit_minutes": quiz.time_limit_minutes or "",
            "grading_method": quiz.grading_method,
            "review_policy": quiz.review_policy,
            "opens_at": "",
            "closes_at": "",
            "slots": inline_formset(
                [
                    {
                        "id": slot.pk,
                        "question": slot.question_id or "",
                        "category": slot.category_id or "",
                        "draw_count": slot.draw_count,
                    }
                    for slot in quiz.slots.all()
                ],
                initial=quiz.slots.count(),
            ),
        }
    )
    data.update(changes)
    return data


def test_an_instructor_changes_their_own_quiz(client, teacher_of_a, quizzes):
    client.force_login(teacher_of_a)
    quiz = quizzes["a"]
    response = client.post(_url("quiz", "edit", quiz.pk), _quiz_form(quiz, pass_mark="60"))
    assert response.status_code == 302
    quiz.refresh_from_db()
    # The change is a draft waiting for review; learners keep the published quiz.
    assert quiz.latest_revision.as_object().pass_mark == Decimal("60")
    assert quiz.has_unpublished_changes
    assert quiz.pass_mark == Decimal("70")


def test_an_instructor_cannot_move_their_quiz_into_another_course(
    client, teacher_of_a, quizzes, two_courses
):
    client.force_login(teacher_of_a)
    quiz = quizzes["a"]
    for course in (two_courses[1].pk, ""):
        response = client.post(_url("quiz", "edit", quiz.pk), _quiz_form(quiz, course=course))
        assert response.status_code == 200
        assert "Choose one of the courses you teach." in response.content.decode()
        quiz.refresh_from_db()
        assert quiz.course_id == two_courses[0].pk


def test_an_instructor_cannot_draw_from_another_courses_category(client, teacher_of_a, quizzes):
    client.force_login(teacher_of_a)
    quiz = quizzes["a"]
    data = _quiz_form(quiz)
    data.update(
        {
            "slots-TOTAL_FORMS": "2",
            "slots-1-id": "",
            "slots-1-question": "",
            "slots-1-category": str(quizzes["category_b"].pk),
            "slots-1-draw_count": "1",
            "slots-1-ORDER": "2",
            "slots-1-DELETE": "",
        }
    )
    response = client.post(_url("quiz", "edit", quiz.pk), data)
    assert response.status_code == 200
    assert "belongs to another course" in response.content.decode()
    assert quiz.slots.count() == 1


def test_a_question_an_instructor_writes_stays_in_their_reach(client, teacher_of_a):
    client.force_login(teacher_of_a)
    response = client.post(
        _url("question", "add"),
        nested_form_data(
            {
                "title": "Crane roost count",
                "kind": "true_false",
                "text": "Cranes roost in water.",
                "points": "1",
                "general_feedback": "",
                "multiple_scoring": "all_or_nothing",
                "numeric_tolerance": "0",
                "tolerance_kind": "absolute",
                "band_mode": "read",
                "band_answer": "{}",
                "true_false_answer": "true",
                "choices": inline_formset([]),
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    listing = client.get(_url("question", "list")).content.decode()
    assert "Crane roost count" in listing
    stranger = UserFactory(role="Instructors")
    client.force_login(stranger)
    assert "Crane roost count" not in client.get(_url("question", "list")).content.decode()


def test_the_question_chooser_offers_only_the_instructors_questions(client, teacher_of_a, quizzes):
    client.force_login(teacher_of_a)
    html = client.get(reverse("wagtailsnippetchoosers_assessments_question:choose")).content
    assert b"Question of A" in html
    assert b"Question of B" not in html and b"Drawn in B" not in html
    question_b = quizzes["b"].slots.exclude(question=None).get().question
    chosen = reverse("wagtailsnippetchoosers_assessments_question:chosen", args=[question_b.pk])
    assert client.get(chosen, follow=True).status_code == 404


# --- Import and export keep the limits ------------------------------------------


@pytest.mark.parametrize(
    "name", ["assessments_question_export_moodle", "assessments_question_export_gift"]
)
def test_an_instructor_exports_only_the_questions_of_their_courses(
    client, teacher_of_a, quizzes, name
):
    client.force_login(teacher_of_a)
    content = client.get(reverse(name)).content.decode()
    assert "Question of A" in content
    assert "Question of B" not in content


def test_an_instructor_cannot_overwrite_another_courses_question_by_import(
    client, teacher_of_a, quizzes
):
    gift = b"::Question of B::Overwritten?{=Yes ~No}\n"
    client.force_login(teacher_of_a)
    response = client.post(
        reverse("assessments_question_import"),
        {"file": SimpleUploadedFile("bank.gift", gift)},
    )
    assert response.status_code == 200
    assert "question 1: a question named Question of B belongs to a course" in (
        response.content.decode()
    )
    assert not Question.objects.filter(text="Overwritten?").exists()


def test_an_instructors_import_adds_drafts_for_review_and_keeps_them_in_reach(
    client, teacher_of_a, quizzes
):
    gift = b"::New from GIFT::Which crane?{=Hooded ~Common}\n"
    client.force_login(teacher_of_a)
    response = client.post(
        reverse("assessments_question_import"), {"file": SimpleUploadedFile("bank.gift", gift)}
    )
    assert response.status_code == 302
    question = Question.objects.get(title="New from GIFT")
    assert question.live is False and question.latest_revision is not None
    listing = client.get(reverse("wagtailsnippets_assessments_question:list"))
    assert "New from GIFT" in listing.content.decode()
    # A published question of their own course is changed in the bank, under review.
    again = b"::Question of A::Changed by import?{=Yes ~No}\n"
    response = client.post(
        reverse("assessments_question_import"), {"file": SimpleUploadedFile("bank.gift", again)}
    )
    assert "goes through review" in response.content.decode()
    assert not Question.objects.filter(text="Changed by import?").exists()
