"""Assignments in the learner's language: title, instructions and rubric are translated
snippets (wagtail-localize), while submissions, due dates, grades and completion stay on
the source assignment."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale

from assessments.demo_translations import translate_snippet
from assignments.completion import RequiredAssignments
from assignments.models import Assignment, AssignmentDeadline, RubricCriterion, Submission
from assignments.selectors import assignments_for_user, due_for_learner
from assignments.services import grades_release, submission_grade
from courses.selectors import cohort_gradebook
from tests.assignments.factories import deadline, make_assignment
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

JA = {
    "Field count sheet": "現地カウントシート",
    "Fill in the count sheet at the roost and hand it in.": (
        "ねぐらでカウントシートに記入して提出してください。"
    ),
    "Counts complete": "カウントの網羅性",
    "Every site": "全地点",
    "Double counts avoided": "重複カウントの回避",
    "Partly": "一部",
}


def japanese(assignment) -> Assignment:
    locale, _created = Locale.objects.get_or_create(language_code="ja")
    translate_snippet(instance=assignment, texts=JA, locale=locale)
    return Assignment.objects.get(translation_key=assignment.translation_key, locale=locale)


def test_the_learner_reads_the_assignment_and_rubric_in_their_language(
    client, learner, enrolment, course
):
    source = make_assignment(course=course)
    deadline(source, enrolment.cohort, timezone.now() + datetime.timedelta(days=3))
    ja = japanese(source)
    assert ja.title == "現地カウントシート" and ja.pk != source.pk
    assert RubricCriterion.objects.filter(assignment=ja).count() == 2

    client.force_login(learner)
    with translation.override("ja"):
        url = reverse("assignments:detail", args=[source.pk])
        # The translated page's block links to the translation; the work is the source's.
        assert client.get(reverse("assignments:detail", args=[ja.pk]))["Location"] == url
    html = client.get(url).content.decode()
    assert "現地カウントシート" in html and "ねぐらでカウントシートに記入" in html
    rubric = html[html.index('data-testid="rubric"') :]
    assert (
        "カウントの網羅性" in rubric and "全地点 (10)" in rubric and "重複カウントの回避" in rubric
    )
    # Not translated yet: shown in the source's words.
    assert "Most sites (5)" in rubric
    with translation.override("en"):
        english = client.get(reverse("assignments:detail", args=[source.pk])).content.decode()
    assert "Field count sheet" in english and "Every site (10)" in english
    # Handed in under the translation's page, the work and its grade belong to the source.
    assert client.post(url, {"text": "412 羽"}).status_code == 302
    submission = Submission.objects.get()
    assert submission.assignment_id == source.pk
    first, second = source.criteria.order_by("sort_order")
    submission_grade(
        submission=submission,
        grader=UserFactory(role="Instructors"),
        levels={first.pk: (2, "良い"), second.pk: (1, "")},
    )
    grades_release(assignment=source, cohort=enrolment.cohort)
    grade = client.get(url).content.decode()
    grade = grade[grade.index('data-testid="grade"') :]
    assert (
        "81.25" in grade and "カウントの網羅性" in grade and "全地点" in grade and "一部" in grade
    )


def test_translations_count_once_for_due_dates_grading_gradebook_and_completion(enrolment, course):
    source = make_assignment(course=course)
    deadline(source, enrolment.cohort, timezone.now() + datetime.timedelta(days=3))
    ja = japanese(source)
    # Whether or not wagtail-localize copied the due dates, they are read from the source.
    if not AssignmentDeadline.objects.filter(assignment=ja).exists():
        deadline(ja, enrolment.cohort, timezone.now() + datetime.timedelta(days=3))

    with translation.override("ja"):
        due = due_for_learner(participant=enrolment.participant)
    assert [(d.assignment_id, d.title_shown) for d in due] == [(source.pk, "現地カウントシート")]
    assert list(assignments_for_user(user=UserFactory(role="Secretariat"))) == [source]
    book = cohort_gradebook(cohort=enrolment.cohort)
    assert [c.label for c in book.columns if c.kind == "assignment"] == ["Field count sheet"]

    with translation.override("ja"):
        items = RequiredAssignments().items_for(enrolments=[enrolment])[enrolment.pk]
    assert [(i.label, i.met) for i in items] == [("現地カウントシート", False)]
