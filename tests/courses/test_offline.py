"""Issue 16: the list of what "Keep this course on my phone" stores."""

import pytest
from django.test import Client
from django.urls import reverse

from courses.models import Enrolment, EnrolmentStatus, ModulePage
from tests.courses.factories import self_paced

pytestmark = pytest.mark.django_db


def _client(user, password) -> Client:
    client = Client()
    assert client.login(email=user.email, password=password)
    return client


def test_lists_pages_and_site_files_with_sizes(course, participant, password):
    Enrolment.objects.create(participant=participant, cohort=self_paced(course))
    client = _client(participant.user, password)
    response = client.get(reverse("courses:offline_pack", args=[course.pk]))
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    # Rendering the pages for their size must not touch the reader's cookies.
    assert "csrftoken" not in response.cookies
    pack = response.json()
    urls = {row["url"]: row["size"] for row in pack["files"]}
    modules = ModulePage.objects.child_of(course).live()
    for page in [course, *modules]:
        assert urls[page.url] > 1000, page.url  # the rendered page's size
    assert urls["/static/css/portal.css"] > 1000
    assert urls["/static/offline/offline.js"] > 1000
    assert pack["size"] == sum(urls.values())
    assert pack["quizzes"] == []  # no quiz of this course may be taken offline
    # Nothing graded or personal beyond the learner's own pages: no results, no attempts.
    assert not [url for url in urls if "/attempts/" in url or "/result" in url]


def test_not_enrolled_is_404(course, participant, password):
    client = _client(participant.user, password)
    assert client.get(reverse("courses:offline_pack", args=[course.pk])).status_code == 404


def test_waitlisted_is_404(course, participant, password):
    Enrolment.objects.create(
        participant=participant, cohort=self_paced(course), status=EnrolmentStatus.WAITLISTED
    )
    client = _client(participant.user, password)
    assert client.get(reverse("courses:offline_pack", args=[course.pk])).status_code == 404


def test_anonymous_goes_to_log_in(course):
    response = Client().get(reverse("courses:offline_pack", args=[course.pk]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_course_page_offers_the_control_to_enrolled_learners_only(course, participant, password):
    client = _client(participant.user, password)
    assert "data-offline-save" not in client.get(course.url).content.decode()
    Enrolment.objects.create(participant=participant, cohort=self_paced(course))
    html = client.get(course.url).content.decode()
    assert "data-offline-save" in html
    assert 'data-offline-state="idle"' in html
    assert reverse("courses:offline_pack", args=[course.pk]) in html
    # Anonymous readers get the cacheable page, with no control and no token.
    anonymous = Client().get(course.url).content.decode()
    assert "data-offline-save" not in anonymous
    assert "csrfmiddlewaretoken" not in anonymous and "data-csrf" not in anonymous
