"""Item 6: the crane survey course's count-sheet assignment, graded in khurkh-2025."""

import pytest

from assignments import demo
from assignments.models import Assignment, Grade, Submission
from tests.courses.factories import CohortFactory, EnrolmentFactory, make_course, make_module
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_demo_adds_the_assignments_and_graded_sheets_once():
    UserFactory(email=demo.INSTRUCTOR_EMAIL, role="Instructors")
    crane = make_course(modules=2, slug=demo.CRANE_COURSE_SLUG)
    make_module(course=crane, number=3, title="Field data sheets", slug="field-data-sheets")
    cohort = CohortFactory(course=crane, slug=demo.KHURKH_COHORT, mode="in_person")
    for _ in range(7):
        EnrolmentFactory(cohort=cohort)
    planning = make_course(modules=1, slug="species-conservation-planning")

    demo.load(password="x")
    demo.load(password="x")

    sheet = Assignment.objects.get(course=crane)
    assert sheet.module.title == "Field data sheets"
    assert sheet.criteria.count() == 3 and sheet.required
    assert Submission.objects.filter(assignment=sheet).count() == len(demo.GRADED)
    assert Grade.objects.filter(released_at__isnull=False).count() == len(demo.GRADED)
    assert Assignment.objects.get(course=planning).title == demo.SITE_PLAN["title"]
