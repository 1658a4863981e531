"""The users admin: administrators grant roles; the secretariat manages learners and instructors.

Issue 14: the secretariat could make anyone a superuser and change an
administrator's e-mail address (a password-reset takeover). Everything here is
enforced on the server: forged POSTs must fail, not only hidden fields.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from portal.accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _edit_url(user) -> str:
    return reverse("wagtailusers_users:edit", args=[user.pk])


def _form(user, **changes) -> dict:
    data = {
        "email": user.email,
        "first_name": user.first_name or "Ana",
        "last_name": user.last_name or "Lima",
        "password1": "",
        "password2": "",
        "is_active": "on",
    }
    data.update(changes)
    return data


def test_the_secretariat_cannot_open_an_administrators_account(client, secretariat, admin_user):
    client.force_login(secretariat)
    assert client.get(_edit_url(admin_user), follow=True).status_code == 404


def test_the_secretariat_cannot_change_an_administrators_email_or_password(
    client, secretariat, admin_user
):
    client.force_login(secretariat)
    response = client.post(
        _edit_url(admin_user),
        _form(
            admin_user,
            email="attacker@example.org",
            password1="x-New-pass-99",
            password2="x-New-pass-99",
        ),
        follow=True,
    )
    assert response.status_code == 404
    admin_user.refresh_from_db()
    assert admin_user.email != "attacker@example.org"
    assert admin_user.check_password("wetland-survey-2025")


def test_the_secretariat_cannot_open_a_colleagues_account(client, secretariat):
    colleague = UserFactory(role="Secretariat")
    client.force_login(secretariat)
    assert client.get(_edit_url(colleague), follow=True).status_code == 404


def test_the_secretariat_edits_a_learner_without_the_superuser_switch_or_staff_groups(
    client, secretariat, learner
):
    client.force_login(secretariat)
    response = client.get(_edit_url(learner))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="is_superuser"' not in html
    assert 'name="is_staff"' not in html
    for name in ("Secretariat", "Instructors"):
        group = Group.objects.get(name=name)
        assert f'name="groups" value="{group.pk}"' not in html


def test_a_forged_post_from_the_secretariat_grants_no_superuser_and_no_staff_role(
    client, secretariat, learner
):
    client.force_login(secretariat)
    learners = Group.objects.get(name="Learners")
    for name in ("Secretariat", "Instructors"):
        client.post(
            _edit_url(learner),
            {
                **_form(learner),
                "is_superuser": "on",
                "is_staff": "on",
                "groups": [learners.pk, Group.objects.get(name=name).pk],
            },
        )
        learner.refresh_from_db()
        assert not learner.is_superuser
        assert not learner.is_staff
        assert set(learner.groups.values_list("name", flat=True)) == {"Learners"}


def test_the_secretariat_still_edits_a_learners_name(client, secretariat, learner):
    client.force_login(secretariat)
    learners = Group.objects.get(name="Learners")
    response = client.post(
        _edit_url(learner), {**_form(learner, first_name="Renamed"), "groups": [learners.pk]}
    )
    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.first_name == "Renamed"


def test_editing_a_learner_keeps_the_groups_the_secretariat_cannot_see(client, secretariat):
    """An instructor's Instructors group survives an edit of their name by the secretariat."""
    person = UserFactory(role="Instructors")
    client.force_login(secretariat)
    response = client.post(_edit_url(person), _form(person, first_name="Kenji"))
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.first_name == "Kenji"
    assert set(person.groups.values_list("name", flat=True)) == {"Instructors"}


def test_a_forged_create_by_the_secretariat_makes_no_superuser(client, secretariat):
    client.force_login(secretariat)
    client.post(
        reverse("wagtailusers_users:add"),
        {
            "email": "new@example.org",
            "first_name": "New",
            "last_name": "Person",
            "password1": "a-Long-pass-123",
            "password2": "a-Long-pass-123",
            "is_superuser": "on",
            "groups": [Group.objects.get(name="Secretariat").pk],
        },
    )
    created = User.objects.filter(email="new@example.org").first()
    assert created is None or (not created.is_superuser and not created.groups.exists())


def test_the_secretariats_user_list_leaves_out_administrators(client, secretariat, admin_user):
    client.force_login(secretariat)
    html = client.get(reverse("wagtailusers_users:index")).content.decode()
    assert admin_user.email not in html


def test_administrators_grant_every_role(client, admin_user, learner):
    client.force_login(admin_user)
    html = client.get(_edit_url(learner)).content.decode()
    assert 'name="is_superuser"' in html
    secretariat = Group.objects.get(name="Secretariat")
    response = client.post(
        _edit_url(learner), {**_form(learner), "groups": [secretariat.pk], "is_superuser": ""}
    )
    assert response.status_code == 302
    assert set(learner.groups.values_list("name", flat=True)) == {"Secretariat"}


@pytest.mark.parametrize("view", ["edit", "delete", "copy", "history", "usage"])
def test_every_view_of_an_administrators_account_is_a_404_for_the_secretariat(
    client, secretariat, admin_user, view
):
    client.force_login(secretariat)
    url = reverse(f"wagtailusers_users:{view}", args=[admin_user.pk])
    assert client.get(url, follow=True).status_code == 404


def test_the_secretariat_copies_a_learner_without_staff_roles(client, secretariat, learner):
    client.force_login(secretariat)
    response = client.get(reverse("wagtailusers_users:copy", args=[learner.pk]))
    assert response.status_code == 200
    assert 'name="is_superuser"' not in response.content.decode()


def test_the_bulk_role_assignment_offers_no_staff_role_and_skips_administrators(
    client, secretariat, learner, admin_user
):
    client.force_login(secretariat)
    url = reverse("wagtail_bulk_action", args=["accounts", "user", "assign_role"])
    query = f"?id={learner.pk}&id={admin_user.pk}"
    secretariat_group = Group.objects.get(name="Secretariat")
    response = client.post(url + query, {"role": secretariat_group.pk})
    assert not learner.groups.filter(pk=secretariat_group.pk).exists()
    learners = Group.objects.get(name="Learners")
    client.post(url + query, {"role": learners.pk})
    assert learner.groups.filter(pk=learners.pk).exists()
    assert not admin_user.groups.filter(pk=learners.pk).exists()
    assert response.status_code == 200  # the form, with the refused choice
