"""Anonymous pages come from the shared cache until something is published."""

import re
from urllib.parse import unquote

import pytest
from django.test import Client
from django.urls import reverse

from assessments.models import Quiz
from tests.assessments.factories import make_quiz
from tests.courses.factories import course_index_page, make_course, self_paced

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60


def test_an_anonymous_page_is_served_from_the_cache_the_second_time(page_cache):
    course = make_course(modules=1)
    url = course.url

    first = Client().get(url)
    second = Client().get(url)

    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_publishing_a_page_drops_the_cached_pages(page_cache):
    course = make_course(modules=1, title="Counting cranes at dawn")
    Client().get(course.url)

    revision = course.get_latest_revision_as_object()
    revision.title = "Counting cranes at dusk"
    revision.save_revision().publish()
    response = Client().get(course.url)

    assert response["X-Page-Cache"] == "miss"
    assert "Counting cranes at dusk" in response.content.decode()


def test_saving_a_quiz_drops_the_cached_pages(page_cache):
    index = course_index_page()
    quiz = make_quiz([])
    Client().get(index.url)

    Quiz.objects.get(pk=quiz.pk).save()

    assert Client().get(index.url)["X-Page-Cache"] == "miss"


def test_pages_of_logged_in_people_and_pages_with_forms_are_not_kept(page_cache, learner, password):
    course = make_course(modules=1)
    client = Client()
    client.login(email=learner.email, password=password)

    assert "X-Page-Cache" not in client.get(course.url)
    login = Client().get("/en/accounts/login/")
    assert login.status_code == 200
    assert "X-Page-Cache" not in login  # it sets the CSRF cookie
    assert "X-Page-Cache" not in Client().get("/en/accounts/login/")


def _token(html: str) -> dict:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return {"csrfmiddlewaretoken": found.group(1)} if found else {}


def test_a_cached_page_lets_the_next_visitor_switch_language(page_cache):
    """The switcher on a page kept for everyone carries no one visitor's CSRF token."""
    course = make_course(modules=1)
    first = Client()
    first.get(course.url)
    first.get(course.url)

    visitor = Client(enforce_csrf_checks=True)
    html = visitor.get(course.url).content.decode()
    response = visitor.post(
        "/i18n/setlang/", {"language": "ru", "next": course.url, **_token(html)}
    )

    assert response.status_code == 302


def test_a_page_with_a_form_is_never_kept_with_one_visitors_token(page_cache, learner, password):
    first = Client()
    first.get("/en/accounts/login/")  # sets the CSRF cookie
    first.get("/en/accounts/login/")  # renders with it, sets nothing

    visitor = Client(enforce_csrf_checks=True)
    html = visitor.get("/en/accounts/login/").content.decode()
    response = visitor.post(
        "/en/accounts/login/", {"login": learner.email, "password": password, **_token(html)}
    )

    assert response.status_code == 302


def test_a_signed_in_persons_language_switch_still_needs_the_token(learner, password):
    client = Client(enforce_csrf_checks=True)
    client.login(email=learner.email, password=password)

    assert client.post("/i18n/setlang/", {"language": "ru", "next": "/"}).status_code == 403


def test_a_course_page_with_cohorts_is_kept_for_visitors(page_cache):
    """Every course has its cohorts; a visitor's "Enrol" is a link through the
    log-in to the confirmation page, not a form carrying the visitor's CSRF
    token, so the course page can be kept for everyone (issue 15)."""
    course = make_course(modules=1)
    cohort = self_paced(course)

    first = Client().get(course.url)
    second = Client().get(course.url)

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    html = second.content.decode()
    assert "csrfmiddlewaretoken" not in html
    enrol_url = reverse("courses:enrol", args=[cohort.pk])
    assert f'href="{enrol_url}"' in html
    # The link leads through the log-in to the confirmation page.
    response = Client().get(enrol_url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert f"next={enrol_url}" in unquote(response["Location"])


def test_a_learner_still_enrols_with_a_form_on_the_course_page(page_cache, learner, password):
    course = make_course(modules=1)
    cohort = self_paced(course)
    client = Client()
    client.login(email=learner.email, password=password)

    html = client.get(course.url).content.decode()

    assert f'action="{reverse("courses:enrol", args=[cohort.pk])}"' in html
    assert "csrfmiddlewaretoken" in html
