"""Sign-up, verification, log-in, log-out, reset and change of e-mail through allauth."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse

from portal.accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN_URL = "/en/accounts/login/"


def _link(message) -> str:
    match = re.search(r"https?://[^/\s]+(/\S+)", message.body)
    assert match, message.body
    return match.group(1)


def _signup(client, email="new.learner@example.org", password="crane-count-2025"):
    return client.post(
        "/en/accounts/signup/",
        {"email": email, "password1": password, "password2": password},
    )


def test_signup_makes_an_unverified_learner_and_sends_a_verification_link(client):
    response = _signup(client)

    assert response.status_code == 302
    user = User.objects.get(email="new.learner@example.org")
    assert list(user.groups.values_list("name", flat=True)) == ["Learners"]
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    assert "/en/accounts/confirm-email/" in _link(mail.outbox[0])
    assert SESSION_KEY not in client.session


def test_login_is_refused_until_the_address_is_verified(client):
    _signup(client)

    response = client.post(
        LOGIN_URL, {"login": "new.learner@example.org", "password": "crane-count-2025"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/confirm-email/"
    assert SESSION_KEY not in client.session
    assert len(mail.outbox) == 1, "no second mail within allauth's resend interval"

    client.post(_link(mail.outbox[0]))
    assert EmailAddress.objects.get(email="new.learner@example.org").verified
    response = client.post(
        LOGIN_URL, {"login": "new.learner@example.org", "password": "crane-count-2025"}
    )
    assert response.status_code == 302
    assert int(client.session[SESSION_KEY]) == User.objects.get().pk


def test_signup_rejects_a_weak_password_and_a_taken_address(client, learner):
    response = _signup(client, email="weak@example.org", password="12345")
    assert response.status_code == 200
    assert "too short" in response.content.decode()

    response = _signup(client, email=learner.email.upper())
    assert User.objects.filter(email__iexact=learner.email).count() == 1


def test_logout_ends_the_session(client, learner, password):
    client.post(LOGIN_URL, {"login": learner.email, "password": password})
    assert SESSION_KEY in client.session

    response = client.post("/en/accounts/logout/")

    assert response.status_code == 302
    assert SESSION_KEY not in client.session


def test_password_reset_by_mail(client, learner):
    client.post("/en/accounts/password/reset/", {"email": learner.email})
    assert len(mail.outbox) == 1

    response = client.get(_link(mail.outbox[0]), follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"password1": "new-banding-pass-7", "password2": "new-banding-pass-7"}
    )

    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.check_password("new-banding-pass-7")


def test_change_of_email_takes_effect_only_once_verified(client, learner, password):
    client.post(LOGIN_URL, {"login": learner.email, "password": password})

    client.post("/en/accounts/email/", {"action_add": "", "email": "moved@example.org"})

    assert EmailAddress.objects.get(email="moved@example.org").verified is False
    learner.refresh_from_db()
    assert learner.email != "moved@example.org"
    client.post(_link(mail.outbox[-1]))
    learner.refresh_from_db()
    assert learner.email == "moved@example.org"
    assert list(EmailAddress.objects.filter(user=learner).values_list("email", flat=True)) == [
        "moved@example.org"
    ]


def test_login_form_requires_csrf(learner, password):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(LOGIN_URL, {"login": learner.email, "password": password})
    assert response.status_code == 403


def test_staff_land_in_the_admin_and_learners_on_the_site(client, learner, secretariat, password):
    response = client.post(LOGIN_URL, {"login": secretariat.email, "password": password})
    assert response["Location"] == "/admin/"
    client.post("/en/accounts/logout/")

    # A learner who has not completed a profile goes to onboarding first.
    response = client.post(LOGIN_URL, {"login": learner.email, "password": password})
    assert response["Location"] == "/en/profile/welcome/?next=%2Fen%2Fdashboard%2F"


def test_unverified_factory_user_cannot_log_in(client, password):
    user = UserFactory(verified=False)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)

    client.post(LOGIN_URL, {"login": user.email, "password": password})

    assert SESSION_KEY not in client.session
    assert reverse("account_login") == LOGIN_URL


def test_the_registry_follows_a_change_of_email(client, learner, password):
    from tests.registry.factories import ParticipantFactory

    participant = ParticipantFactory(user=learner, email=learner.email)
    client.post(LOGIN_URL, {"login": learner.email, "password": password})

    client.post("/en/accounts/email/", {"action_add": "", "email": "field.station@example.org"})
    client.post(_link(mail.outbox[-1]))

    participant.refresh_from_db()
    assert participant.email == "field.station@example.org"
    assert participant.history.filter(changes__has_key="email").exists()
