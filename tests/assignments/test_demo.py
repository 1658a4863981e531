"""Item 6: the crane survey course's count-sheet assignment, graded in khurkh-2025, and the
conservation planning course's site plan, placed in its module."""

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
    planning = make_course(modules=2, slug=demo.PLANNING_COURSE_SLUG)
    make_module(course=planning, number=3, title="A site action plan", slug="site-action-plan")

    demo.load(password="x")
    demo.load(password="x")

    sheet = Assignment.objects.get(course=crane)
    assert sheet.module.title == "Field data sheets"
    assert sheet.criteria.count() == 3 and sheet.required
    assert Submission.objects.filter(assignment=sheet).count() == len(demo.GRADED)
    assert Grade.objects.filter(released_at__isnull=False).count() == len(demo.GRADED)
    site_plan = Assignment.objects.get(course=planning)
    assert site_plan.title == demo.SITE_PLAN["title"] and site_plan.required
    assert site_plan.module.slug == "site-action-plan"
    assert site_plan.criteria.count() == len(demo.SITE_PLAN_RUBRIC)
    body = site_plan.module.specific.body
    assert [b.value for b in body if b.block_type == "assignment"] == [site_plan]
