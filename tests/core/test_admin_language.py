"""The admin speaks the language its user chose for it, its refusals included."""

import pytest
from wagtail.users.models import UserProfile

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_refusal_in_the_admin_is_in_the_users_admin_language(client):
    """Wagtail wrote "Sorry, you do not have permission…" after switching back to
    the request's language: a Japanese instructor read it in English."""
    instructor = UserFactory(role="Instructors")
    profile = UserProfile.get_for_user(instructor)
    profile.preferred_language = "ja"
    profile.save()
    client.force_login(instructor)
    response = client.get("/admin/cohorts/", follow=True, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert "Sorry, you do not have permission to access this area." not in html
    assert "アクセス権がありません。" in html


def test_the_cohort_list_names_cohorts_and_courses_in_the_admins_language(client):
    """Issue 17: a Russian secretariat read "Crane survey techniques (self-paced)"
    and the English course title in the cohort list. One query for the rows,
    however many cohorts there are."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from courses import demo as courses_demo
    from courses.demo_content import crane_surveys
    from courses.demo_translations import load_translations
    from courses.models import CoursePage
    from courses.services import course_self_paced_cohort_ensure
    from tests.courses.factories import CohortFactory

    index = courses_demo.load_course_index()
    course = courses_demo.load_course(index=index, data=crane_surveys.COURSE, instructor=None)
    load_translations(language="ru")
    russian = CoursePage.objects.get(
        translation_key=course.translation_key, locale__language_code="ru"
    )
    course_self_paced_cohort_ensure(course=course)
    secretariat = UserFactory(role="Secretariat")
    profile = UserProfile.get_for_user(secretariat)
    profile.preferred_language = "ru"
    profile.save()
    client.force_login(secretariat)

    def listing():
        with CaptureQueriesContext(connection) as queries:
            html = client.get("/admin/cohorts/").content.decode()
        return html, len(queries)

    html, few = listing()
    with translation.override("ru"):
        self_paced = translation.gettext("Self-paced online: start any time")
    assert self_paced != "Self-paced online: start any time" and self_paced in html
    assert russian.title in html and course.title not in html
    CohortFactory.create_batch(5, course=course)
    assert listing()[1] == few


def test_a_cohorts_page_in_the_admin_reads_in_the_admins_language(client):
    """Its course in the reader's language, yes/no and a dash, not True, None or {}."""
    from courses import demo as courses_demo
    from courses.demo_content import crane_surveys
    from courses.demo_translations import load_translations
    from courses.models import CoursePage
    from courses.services import course_self_paced_cohort_ensure

    index = courses_demo.load_course_index()
    course = courses_demo.load_course(index=index, data=crane_surveys.COURSE, instructor=None)
    load_translations(language="ru")
    russian = CoursePage.objects.get(
        translation_key=course.translation_key, locale__language_code="ru"
    )
    cohort = course_self_paced_cohort_ensure(course=course)
    secretariat = UserFactory(role="Secretariat")
    profile = UserProfile.get_for_user(secretariat)
    profile.preferred_language = "ru"
    profile.save()
    client.force_login(secretariat)

    html = client.get(f"/admin/cohorts/inspect/{cohort.pk}/").content.decode()

    assert russian.title in html and course.title not in html
    values = [" ".join(v.split()) for v in html.split("<dd>")[1:]]
    assert not any(v.startswith(("None", "True", "False", "{}")) for v in values), values
