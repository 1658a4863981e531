"""Issue 19, item 4: course page and dashboard say what stands between learner and completion."""

import pytest
from django.urls import reverse

from courses import selectors as course_selectors
from courses.services import module_mark_done
from tests.assessments.factories import make_question, make_quiz

pytestmark = pytest.mark.django_db


def _all_modules_done(enrolment, course):
    for module in course_selectors.course_modules(course=course):
        module_mark_done(enrolment=enrolment, module=module)


def test_course_page_names_the_required_quiz_still_open_after_every_module(
    learner_client, enrolment, course
):
    quiz = make_quiz([make_question()], course=course, pass_mark=70, title="Final crane quiz")
    _all_modules_done(enrolment, course)
    html = learner_client.get(course.url).content.decode()
    assert "You have done every module of this course." not in html
    assert "100%" not in html
    assert "2 of 3 requirements met (67%)" in html
    assert "Final crane quiz" in html
    assert "pass mark 70" in html
    assert reverse("assessments:quiz_detail", args=[quiz.pk]) in html


def test_dashboard_does_not_show_100_percent_with_a_required_quiz_left(
    learner_client, enrolment, course
):
    make_quiz([make_question()], course=course, pass_mark=70, title="Final crane quiz")
    _all_modules_done(enrolment, course)
    html = learner_client.get(reverse("courses:dashboard")).content.decode()
    assert "(100%)" not in html
    assert "2 of 3 requirements met (67%)" in html
    assert "Final crane quiz" in html
