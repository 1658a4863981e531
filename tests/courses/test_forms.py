"""The course editor's instructor list grants no role: only administrators make instructors."""

import pytest
from wagtail.blocks.base import BlockField

from courses.models import CoursePage
from tests.courses.factories import make_course
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _form(course, *, for_user, person):
    form_class = CoursePage.get_edit_handler().get_form_class()
    data = {
        "instructors-TOTAL_FORMS": "1",
        "instructors-INITIAL_FORMS": "0",
        "instructors-MIN_NUM_FORMS": "0",
        "instructors-MAX_NUM_FORMS": "1000",
        "instructors-0-user": str(person.pk),
        "instructors-0-ORDER": "1",
        "instructors-0-id": "",
        "instructors-0-DELETE": "",
    }
    kwargs = {"instance": course, "for_user": for_user, "parent_page": course.get_parent()}
    # Empty StreamFields: only the instructor list matters here.
    for name, field in form_class(**kwargs).fields.items():
        if isinstance(field, BlockField):
            data[f"{name}-count"] = "0"
    return form_class(data, **kwargs)


def _refused(form) -> bool:
    form.is_valid()
    return "not an instructor yet" in str(form.non_field_errors())


def test_the_secretariat_cannot_make_a_learner_an_instructor_by_listing_them(secretariat):
    course = make_course(modules=1)
    assert _refused(_form(course, for_user=secretariat, person=UserFactory(role="Learners")))


def test_the_secretariat_lists_people_who_are_instructors_already(secretariat, instructor):
    course = make_course(modules=1)
    assert not _refused(_form(course, for_user=secretariat, person=instructor))


def test_administrators_may_list_anyone(admin_user):
    course = make_course(modules=1)
    assert not _refused(_form(course, for_user=admin_user, person=UserFactory(role="Learners")))
