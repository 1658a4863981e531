"""What each role may do, in the admin and on pages."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import GroupApprovalTask, Page, Workflow
from wagtail.permissions import policy_registry

from portal.accounts.roles import Role, roles_sync
from portal.accounts.services import instructor_assign, instructor_unassign
from portal.home.models import HomePage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _admin_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_three_roles_exist_and_wagtails_starter_groups_are_gone():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Learners", "Instructors", "Secretariat"} <= names
    assert not names & {"Editors", "Moderators"}


def test_the_secretariat_approves_what_instructors_submit():
    workflow = Workflow.objects.get(active=True)
    task = GroupApprovalTask.objects.get(workflow_tasks__workflow=workflow)
    assert list(task.groups.values_list("name", flat=True)) == ["Secretariat"]
    assert workflow.workflow_pages.filter(page__depth=1).exists(), "it covers the whole tree"


def test_learners_have_no_admin(learner):
    assert not learner.has_perm("wagtailadmin.access_admin")
    response = _admin_client(learner).get("/admin/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_instructors_reach_the_admin_but_edit_no_page_unassigned(instructor):
    home = HomePage.objects.get()
    client = _admin_client(instructor)

    assert client.get("/admin/").status_code == 200
    assert not home.permissions_for_user(instructor).can_edit()
    assert client.get(f"/admin/pages/{home.pk}/edit/").status_code == 302
    # Images and documents come with a course (tests/accounts/test_collections.py).
    for model in (get_image_model(), get_document_model()):
        assert not policy_registry.get_by_type(model).user_has_permission(instructor, "add")
    assert not instructor.has_perm("accounts.change_user")


def test_the_secretariat_edits_and_publishes_pages_and_keeps_user_accounts(secretariat):
    home = HomePage.objects.get()
    client = _admin_client(secretariat)

    tester = home.permissions_for_user(secretariat)
    assert tester.can_edit() and tester.can_publish()
    assert client.get(f"/admin/pages/{home.pk}/edit/").status_code == 200
    assert secretariat.has_perm("accounts.change_user")
    assert client.get("/admin/users/").status_code == 200


def test_an_instructor_edits_only_the_pages_assigned_and_never_publishes(instructor):
    home = HomePage.objects.get()
    course = home.add_child(instance=Page(title="Crane survey techniques", slug="crane-surveys"))
    module = course.add_child(instance=Page(title="Synchronised counts", slug="counts"))
    other = home.add_child(instance=Page(title="Colour banding", slug="banding"))

    instructor_assign(instructor=instructor, page=course)
    instructor = type(instructor).objects.get(pk=instructor.pk)  # drop cached permissions

    assert course.permissions_for_user(instructor).can_edit()
    assert module.permissions_for_user(instructor).can_edit()
    assert "add" in course.permissions_for_user(instructor).permissions
    assert not course.permissions_for_user(instructor).can_publish()
    assert not other.permissions_for_user(instructor).can_edit()
    assert not home.permissions_for_user(instructor).can_edit()
    client = _admin_client(instructor)
    assert client.get(f"/admin/pages/{module.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{other.pk}/edit/").status_code == 302

    colleague = UserFactory()
    instructor_assign(instructor=colleague, page=course)
    instructor_unassign(instructor=instructor, page=course)
    instructor = type(instructor).objects.get(pk=instructor.pk)
    colleague = type(colleague).objects.get(pk=colleague.pk)
    assert not course.permissions_for_user(instructor).can_edit()
    assert course.permissions_for_user(colleague).can_edit()
    assert colleague.groups.filter(name=Role.INSTRUCTORS).exists()


def test_roles_sync_is_idempotent_and_restores_drift():
    from django.apps import apps

    secretariat = Group.objects.get(name="Secretariat")
    before = set(secretariat.permissions.values_list("codename", flat=True))
    secretariat.permissions.clear()

    roles_sync(apps)
    roles_sync(apps)

    assert set(secretariat.permissions.values_list("codename", flat=True)) == before
    assert secretariat.page_permissions.filter(page__depth=1).count() == 5
