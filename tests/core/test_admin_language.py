"""The admin speaks the language its user chose for it, its refusals included."""

import pytest
from wagtail.users.models import UserProfile

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_refusal_in_the_admin_is_in_the_users_admin_language(client):
    """Wagtail wrote "Sorry, you do not have permission…" after switching back to
    the request's language: a Japanese instructor read it in English."""
    instructor = UserFactory(role="Instructors")
    profile = UserProfile.get_for_user(instructor)
    profile.preferred_language = "ja"
    profile.save()
    client.force_login(instructor)
    response = client.get("/admin/cohorts/", follow=True, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert "Sorry, you do not have permission to access this area." not in html
    assert "アクセス権がありません。" in html
