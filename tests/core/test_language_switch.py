"""The language switcher lands on the same page in the chosen language (issue 17).

Django's ``translate_url`` read the address in the cookie's language, not the
address's: from ``/zh-hans/courses/`` with an English cookie the switch stayed
on ``/zh-hans/``, and a signed-in person's switches from ``/en/`` pages mostly
stayed on ``/en/`` while the failed choice was saved to the account.
"""

import pytest
from django.conf import settings
from wagtail.models import Locale

from courses import demo as courses_demo
from courses.demo_content import crane_surveys
from courses.demo_translations import load_translations
from courses.models import CoursePage, ModulePage
from courses.services import course_self_paced_cohort_ensure
from tests.registry.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def switch(client, language, next_url):
    return client.post("/i18n/setlang/", {"language": language, "next": next_url})


@pytest.fixture
def crane_course():
    index = courses_demo.load_course_index()
    return courses_demo.load_course(index=index, data=crane_surveys.COURSE, instructor=None)


@pytest.fixture
def crane_in_japanese(crane_course):
    load_translations(language="ja")
    japanese = Locale.objects.get(language_code="ja")
    return CoursePage.objects.get(translation_key=crane_course.translation_key, locale=japanese)


def test_the_address_language_not_the_cookie_decides_how_it_is_read(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = switch(client, "ru", "/zh-hans/network/")

    assert response.status_code == 302
    assert response["Location"] == "/ru/network/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"


@pytest.mark.parametrize(
    "view",
    [
        "/{}/dashboard/",
        "/{}/profile/",
        "/{}/network/",
        "/{}/accounts/login/",
        "/{}/reports/participation/",
    ],
)
def test_a_signed_in_switch_from_every_kind_of_page_lands_in_every_language(client, learner, view):
    client.force_login(learner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for source in LANGUAGES:
        for target in LANGUAGES:
            response = switch(client, target, view.format(source) + "?page=2")
            assert response["Location"] == view.format(target) + "?page=2", (source, target)
    learner.refresh_from_db()
    assert learner.preferred_language == LANGUAGES[-1]


def test_a_page_goes_to_its_translation(client, crane_course, crane_in_japanese):
    module = ModulePage.objects.child_of(crane_course).live().first()
    japanese_module = module.get_translation(crane_in_japanese.locale)

    response = switch(client, "ja", crane_course.url)
    assert response["Location"] == crane_in_japanese.url

    response = switch(client, "ja", module.url)
    assert response["Location"] == japanese_module.url

    response = switch(client, "en", japanese_module.url)
    assert response["Location"] == module.url


def test_without_a_translation_the_nearest_translated_parent(client, crane_course):
    """Only the English course exists: in Mongolian, the nearest page that does."""
    module = ModulePage.objects.child_of(crane_course).live().first()

    response = switch(client, "mn", module.url)

    assert response["Location"].startswith("/mn/")
    assert client.get(response["Location"]).status_code == 200


def test_an_unknown_address_goes_to_the_language_home(client):
    assert switch(client, "ko", "/en/no-such-page/at-all/")["Location"] == "/ko/"


def test_no_redirect_to_another_site(client):
    response = switch(client, "ja", "https://evil.example.org/en/")

    assert response["Location"] == "/ja/"


def test_enrolling_from_a_translated_course_keeps_its_language(
    client, learner, crane_course, crane_in_japanese
):
    ParticipantFactory(user=learner, email=learner.email)
    cohort = course_self_paced_cohort_ensure(course=crane_course)
    client.force_login(learner)

    confirm = client.get(f"/ja/enrol/{cohort.pk}/")
    assert crane_in_japanese.title in confirm.content.decode()
    response = client.post(f"/ja/enrol/{cohort.pk}/")

    assert response.status_code == 302
    assert response["Location"] == crane_in_japanese.url


def test_after_log_in_learners_land_on_their_learning(client, learner, password):
    ParticipantFactory(user=learner, email=learner.email)

    response = client.post("/mn/accounts/login/", {"login": learner.email, "password": password})

    assert response["Location"] == "/mn/dashboard/"


def test_a_log_in_on_the_way_somewhere_keeps_that_pages_language(client, learner, password):
    ParticipantFactory(user=learner, email=learner.email)
    learner.preferred_language = "en"
    learner.save(update_fields=["preferred_language"])

    response = client.post(
        "/mn/accounts/login/?next=/mn/courses/",
        {"login": learner.email, "password": password, "next": "/mn/courses/"},
    )

    assert response["Location"] == "/mn/courses/"
