import pytest

pytestmark = pytest.mark.django_db


def test_bare_paths_redirect_to_the_language_prefixed_ones(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/en/"

    response = client.get("/", headers={"accept-language": "ja"})
    assert response["Location"] == "/ja/"


@pytest.mark.parametrize("code", ["en", "zh-hans", "ja", "ko", "mn", "ru"])
def test_every_interface_language_serves_the_home_page(client, code):
    response = client.get(f"/{code}/")

    assert response.status_code == 200
    assert f'<html lang="{code}"' in response.content.decode()


def test_the_switcher_names_each_language_in_itself(client):
    html = client.get("/en/").content.decode()

    for name in ("English", "简体中文", "日本語", "한국어", "Монгол", "Русский"):
        assert f">{name}</option>" in html


def test_switching_language_keeps_the_page(client):
    response = client.post("/i18n/setlang/", {"language": "mn", "next": "/en/accounts/login/"})

    assert response.status_code == 302
    assert response["Location"] == "/mn/accounts/login/"


def test_switching_needs_csrf_when_signed_in(learner):
    """A signed-in switch changes the account; a visitor's only their cookie
    (``tests/core/test_page_cache.py``: cached pages carry no visitor's token)."""
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    assert client.post("/i18n/setlang/", {"language": "ru"}).status_code == 403
    assert (
        Client(enforce_csrf_checks=True).post("/i18n/setlang/", {"language": "ru"}).status_code
        == 302
    )


def test_the_choice_is_remembered_on_the_account(client, learner):
    client.force_login(learner)

    client.post("/i18n/setlang/", {"language": "ko", "next": "/en/"})

    learner.refresh_from_db()
    assert learner.preferred_language == "ko"


def test_an_unknown_language_is_not_stored(client, learner):
    client.force_login(learner)

    client.post("/i18n/setlang/", {"language": "xx", "next": "/en/"})

    learner.refresh_from_db()
    assert learner.preferred_language == ""


def test_after_log_in_the_remembered_language_is_used(client, learner, password):
    from tests.registry.factories import ParticipantFactory

    ParticipantFactory(user=learner, email=learner.email)
    learner.preferred_language = "ru"
    learner.save(update_fields=["preferred_language"])

    response = client.post("/en/accounts/login/", {"login": learner.email, "password": password})

    assert response["Location"] == "/ru/dashboard/"
