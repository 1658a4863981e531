"""Passwords are stored with Argon2; older hashes keep working and are upgraded.

Issue 15: every log-in hashes the password on purpose. PBKDF2 at Django's
1.5 million iterations cost about half a second of CPU per log-in on the
2-core load-test machine; Argon2id (Django's recommended hasher, memory-hard)
costs about half of that for better resistance to guessing on GPUs.
"""

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher, check_password, make_password

from portal.settings import base

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_hashers(settings):
    settings.PASSWORD_HASHERS = base.PASSWORD_HASHERS


def test_new_passwords_are_stored_with_argon2(production_hashers):
    assert make_password("crane-counting-2026").startswith("argon2$argon2id$")


def test_a_pbkdf2_password_still_logs_in_and_is_upgraded_to_argon2(production_hashers):
    from portal.accounts.models import User

    user = User.objects.create(email="older@example.org")
    old = PBKDF2PasswordHasher().encode("crane-counting-2026", "somesalt", iterations=1000)
    User.objects.filter(pk=user.pk).update(password=old)
    user.refresh_from_db()

    assert user.check_password("crane-counting-2026")

    user.refresh_from_db()
    assert user.password.startswith("argon2$")
    assert check_password("crane-counting-2026", user.password)
    assert not user.check_password("wrong-password-2026")
