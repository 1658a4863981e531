"""Anonymous pages come from the shared cache until something is published."""

import pytest
from django.test import Client

from assessments.models import Quiz
from tests.assessments.factories import make_quiz
from tests.courses.factories import course_index_page, make_course

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
