"""allauth's e-mails link to the portal's public address, whatever host the request came on."""

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db

PUBLIC = "https://academy.example.org"


@pytest.fixture(autouse=True)
def _public_address(settings):
    settings.PORTAL_BASE_URL = PUBLIC


def test_verification_link_uses_the_portal_base_url(client):
    password = "crane-count-2025"
    client.post(
        "/en/accounts/signup/",
        {"email": "new.learner@example.org", "password1": password, "password2": password},
        HTTP_HOST="127.0.0.1",
    )
    (message,) = mail.outbox
    assert f"{PUBLIC}/en/accounts/confirm-email/" in message.body
    assert "127.0.0.1" not in message.body


def test_password_reset_link_uses_the_portal_base_url(client, learner):
    client.post("/en/accounts/password/reset/", {"email": learner.email}, HTTP_HOST="localhost")
    (message,) = mail.outbox
    assert f"{PUBLIC}/en/accounts/password/reset/key/" in message.body
    assert "localhost" not in message.body


def test_reset_for_an_unknown_address_links_to_sign_up_on_the_portal_base_url(client):
    client.post(
        "/en/accounts/password/reset/", {"email": "nobody@example.org"}, HTTP_HOST="localhost"
    )
    (message,) = mail.outbox
    assert f"{PUBLIC}/en/accounts/signup/" in message.body
    assert "localhost" not in message.body


def test_sign_up_with_a_taken_address_links_to_reset_on_the_portal_base_url(client, learner):
    password = "crane-count-2025"
    client.post(
        "/en/accounts/signup/",
        {"email": learner.email, "password1": password, "password2": password},
        HTTP_HOST="localhost",
    )
    (message,) = mail.outbox
    assert f"{PUBLIC}/en/accounts/password/reset/" in message.body
    assert "localhost" not in message.body
