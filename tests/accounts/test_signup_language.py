"""The sign-up page speaks the reader's language, password rules included (issue 17).

Django ships no Mongolian for three of its four password rules: the Mongolian
sign-up page showed them in English.
"""

import re

import pytest

pytestmark = pytest.mark.django_db

RULES = [
    "Your password can’t be too similar to your other personal information.",
    "Your password can’t be a commonly used password.",
    "Your password can’t be entirely numeric.",
]


@pytest.mark.parametrize("language", ["zh-hans", "ja", "ko", "mn", "ru"])
def test_no_password_rule_is_left_in_english(client, language):
    html = client.get(f"/{language}/accounts/signup/").content.decode()
    for rule in RULES:
        assert rule not in html


def test_a_short_password_is_refused_in_mongolian(client):
    response = client.post(
        "/mn/accounts/signup/",
        {"email": "tuya@example.mn", "password1": "Crane1", "password2": "Crane1"},
    )
    html = response.content.decode()
    assert "This password is too short" not in html
    assert re.search("хэт богино", html)


@pytest.mark.parametrize("language", ["zh-hans", "ja", "ko", "mn", "ru"])
def test_the_empty_choice_of_a_select_is_translated(client, language):
    """Django 6's "- Select an option -" has no translation in its own catalogues."""
    from django.utils import translation

    from tests.factories import UserFactory
    from tests.registry.factories import ParticipantFactory

    user = UserFactory(role="Learners")
    ParticipantFactory(user=user, email=user.email)
    client.force_login(user)
    with translation.override(language):
        html = client.get(f"/{language}/profile/edit/").content.decode()
    assert 'name="organisation_type"' in html
    assert "- Select an option -" not in html
