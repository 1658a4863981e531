"""A second factor for staff, mandatory when the setting says so."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.contrib.auth import SESSION_KEY

pytestmark = pytest.mark.django_db

LOGIN_URL = "/en/accounts/login/"


def _current_code(secret: str) -> str:
    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(secret, counter))


def test_login_with_totp_asks_for_the_code(client, instructor, password):
    secret = generate_totp_secret()
    TOTP.activate(instructor, secret)

    response = client.post(LOGIN_URL, {"login": instructor.email, "password": password})

    assert response["Location"] == "/en/accounts/2fa/authenticate/"
    assert SESSION_KEY not in client.session
    response = client.post("/en/accounts/2fa/authenticate/", {"code": "000000"})
    assert SESSION_KEY not in client.session
    response = client.post("/en/accounts/2fa/authenticate/", {"code": _current_code(secret)})
    assert SESSION_KEY in client.session


@pytest.mark.parametrize("role_fixture", ["instructor", "secretariat", "admin_user"])
def test_staff_must_enrol_when_required(client, settings, request, role_fixture, password):
    settings.FLYWAY_STAFF_MFA_REQUIRED = True
    user = request.getfixturevalue(role_fixture)
    client.post(LOGIN_URL, {"login": user.email, "password": password})

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/2fa/totp/activate/"
    # allauth asks for the password again before a second factor is set up.
    response = client.get("/en/accounts/2fa/totp/activate/")
    assert response["Location"].startswith("/en/accounts/reauthenticate/")
    client.post(response["Location"], {"password": password})
    response = client.get("/en/accounts/2fa/totp/activate/")
    assert response.status_code == 200
    assert "secret" in response.content.decode().lower()

    TOTP.activate(user, generate_totp_secret())
    assert client.get("/admin/").status_code == 200


def test_learners_are_never_asked(client, settings, learner):
    settings.FLYWAY_STAFF_MFA_REQUIRED = True
    client.force_login(learner)

    assert client.get("/en/").status_code == 200
    assert not Authenticator.objects.exists()


def test_staff_may_skip_when_not_required(client, settings, secretariat):
    settings.FLYWAY_STAFF_MFA_REQUIRED = False
    client.force_login(secretariat)

    assert client.get("/admin/").status_code == 200
